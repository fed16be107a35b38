/**
 * Factor transfer, dense form for MLP hidden vectors. Kim, Park & Kwak 2018, "Paraphrasing
 * Complex Network: Network Compression via Factor Transfer", NeurIPS: a paraphraser (an
 * autoencoder on the teacher feature, trained first with the reconstruction loss ‖x − P(x)‖²,
 * Eq. 1) extracts teacher factors F_T; a translator on the student feature gives F_S; the
 * student minimises β · ‖F_T/‖F_T‖₂ − F_S/‖F_S‖₂‖_p with p = 1 (Eq. 3). The paper's paraphraser
 * and translator are convolutional; here they are dense layers with leaky ReLU (slope 0.1).
 */
import { tf } from '../../tf.js';
import { normaliseRows, requireRank, selectFeaturePair } from '../features.js';
import {
  applyDense,
  createDense,
  denseVariables,
  disposeDense,
  type DenseVariables,
} from '../learned-layers.js';
import { resolveParams } from '../params.js';
import { stopGradient } from '../stop-gradient.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Slope of the leaky ReLU of the factor layers. */
const LEAKY_SLOPE = 0.1;

/** Per-sample ‖F_T/‖F_T‖ − F_S/‖F_S‖‖₁ of factors [batch, k], averaged over the batch. */
export function factorTransferLoss(teacherFactor: tf.Tensor, studentFactor: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const difference = tf.sub(normaliseRows(teacherFactor), normaliseRows(studentFactor));
    return weightedLoss(tf.sum(tf.abs(difference), -1));
  });
}

/** The paraphraser (encoder + decoder) and translator of one factor-transfer run. */
export interface FactorTransferLayers {
  encoder: DenseVariables;
  decoder: DenseVariables;
  translator: DenseVariables;
}

/** Teacher factors leakyRelu(x·W_e + b_e); `frozen` blocks gradients into the encoder. */
export function paraphraserFactor(
  layers: FactorTransferLayers,
  teacher: tf.Tensor,
  frozen = false,
): tf.Tensor {
  return tf.leakyRelu(
    applyDense(layers.encoder, teacher, frozen ? stopGradient : undefined),
    LEAKY_SLOPE,
  );
}

/** Student factors leakyRelu(x·W_t + b_t). */
export function translatorFactor(layers: FactorTransferLayers, student: tf.Tensor): tf.Tensor {
  return tf.leakyRelu(applyDense(layers.translator, student), LEAKY_SLOPE);
}

/** Mean squared reconstruction error of the paraphraser on teacher features (Eq. 1). */
export function paraphraserReconstructionLoss(
  layers: FactorTransferLayers,
  teacher: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const reconstruction = applyDense(layers.decoder, paraphraserFactor(layers, teacher));
    return weightedLoss(tf.squaredDifference(reconstruction, teacher));
  });
}

/** Paraphrase rate k = 0.5 (factor width / teacher width) and β = 1 by default. */
const DEFAULTS = {
  studentFeatureIndex: -1,
  teacherFeatureIndex: -1,
  paraphraseRate: 0.5,
  beta: 1,
  seed: 1,
};
const RANGES = { paraphraseRate: { min: 0.01, max: 4 }, beta: { min: 0, max: 1e4 } };

/** A factor-transfer instance with its own paraphraser and translator. */
export function createFactorTransfer(): DistillationMethod {
  let layers: FactorTransferLayers | null = null;

  const ensure = (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('factor-transfer', DEFAULTS, params, RANGES);
    const pair = selectFeaturePair(
      'factor-transfer',
      ctx,
      options.studentFeatureIndex,
      options.teacherFeatureIndex,
    );
    requireRank('factor-transfer', 'an MLP hidden vector', pair.student, 2);
    requireRank('factor-transfer', 'an MLP hidden vector', pair.teacher, 2);
    const studentWidth = pair.student.shape[1] ?? 1;
    const teacherWidth = pair.teacher.shape[1] ?? 1;
    const factorWidth = Math.max(1, Math.round(teacherWidth * options.paraphraseRate));
    layers ??= {
      encoder: createDense(teacherWidth, factorWidth, options.seed),
      decoder: createDense(factorWidth, teacherWidth, options.seed + 1),
      translator: createDense(studentWidth, factorWidth, options.seed + 2),
    };
    return { pair, layers, options };
  };

  return {
    id: 'factor-transfer',
    citation: 'Kim, Park & Kwak 2018, NeurIPS, "Paraphrasing Complex Network", Eqs. (1) and (3)',
    tasks: ['classification', 'regression'],
    adaptation:
      'dense paraphraser/translator (leaky ReLU 0.1) on MLP hidden vectors instead of convolutions',
    defaults: DEFAULTS,
    loss: (ctx, params) => {
      const { pair, layers: l, options } = ensure(ctx, params);
      return tf.tidy(() => {
        const teacherFactor = paraphraserFactor(l, pair.teacher, true);
        return tf.mul(
          factorTransferLoss(teacherFactor, translatorFactor(l, pair.student)),
          options.beta,
        );
      });
    },
    extraVariables: (ctx, params) => denseVariables(ensure(ctx, params).layers.translator),
    auxiliary: {
      description: 'paraphraser pre-training on teacher features, before distillation (Eq. 1)',
      variables: (ctx, params) => {
        const { layers: l } = ensure(ctx, params);
        return denseVariables(l.encoder, l.decoder);
      },
      loss: (ctx, params) => {
        const { pair, layers: l } = ensure(ctx, params);
        return paraphraserReconstructionLoss(l, pair.teacher);
      },
    },
    instantiate: createFactorTransfer,
    dispose: () => {
      if (layers) disposeDense(layers.encoder, layers.decoder, layers.translator);
      layers = null;
    },
  };
}

/** Registry entry (a template: call `instantiate()` once per training run). */
export const factorTransfer: DistillationMethod = createFactorTransfer();
