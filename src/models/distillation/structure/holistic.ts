/**
 * Holistic (adversarial) distillation of dense outputs. Liu, Chen, Liu, Qin, Luo & Wang 2019,
 * "Structured Knowledge Distillation for Semantic Segmentation", CVPR, section 3.1 and Eq. (2):
 * a discriminator D scores whole output maps; with the Wasserstein objective it is trained to
 * score teacher maps above student maps, ℓ_D = E[D(Q_s)] − E[D(Q_t)], and the student minimises
 * ℓ_ho = −E[D(Q_s)]. Here D is small and unconditioned (3×3 convolution, 8 filters, leaky ReLU
 * 0.2, global average pooling, dense → 1), and it is kept Lipschitz by weight clipping to ±c
 * after each step (Arjovsky, Chintala & Bottou 2017, ICML, Algorithm 1, c = 0.01) instead of the
 * paper's gradient penalty.
 */
import { tf } from '../../tf.js';
import { requireRank } from '../features.js';
import { applyDense, createDense, denseVariables, type DenseVariables } from '../learned-layers.js';
import { resolveParams } from '../params.js';
import { stopGradient } from '../stop-gradient.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';

/** The variables of the small critic. */
export interface Discriminator {
  /** 3×3 convolution filter [3, 3, channels, filters] and its bias [filters]. */
  convFilter: tf.Variable;
  convBias: tf.Variable;
  head: DenseVariables;
}

const FILTERS = 8;

/** A critic for output maps with `channels` channels (Glorot-uniform, seeded). */
export function createDiscriminator(channels: number, seed: number): Discriminator {
  const limit = Math.sqrt(6 / (9 * channels + 9 * FILTERS));
  const filter = tf.randomUniform([3, 3, channels, FILTERS], -limit, limit, 'float32', seed);
  const bias = tf.zeros([FILTERS]);
  const discriminator = {
    convFilter: tf.variable(filter),
    convBias: tf.variable(bias),
    head: createDense(FILTERS, 1, seed + 1),
  };
  filter.dispose();
  bias.dispose();
  return discriminator;
}

/** The critic's variables. */
export function discriminatorVariables(d: Discriminator): tf.Variable[] {
  return [d.convFilter, d.convBias, ...denseVariables(d.head)];
}

/** D(maps): one score per map, [batch]. With `frozen`, no gradient reaches D's weights. */
export function discriminatorScores(
  d: Discriminator,
  maps: tf.Tensor,
  frozen = false,
): tf.Tensor1D {
  requireRank('holistic', 'a dense (chip/window) output', maps, 4);
  return tf.tidy(() => {
    const weight = (v: tf.Tensor) => (frozen ? stopGradient(v) : v);
    const conv = tf.conv2d(maps as tf.Tensor4D, weight(d.convFilter) as tf.Tensor4D, 1, 'same');
    const hidden = tf.leakyRelu(tf.add(conv, weight(d.convBias)), 0.2);
    const pooled = tf.mean(hidden, [1, 2]);
    return tf.reshape<tf.Rank.R1>(
      applyDense(d.head, pooled, frozen ? stopGradient : undefined),
      [-1],
    );
  });
}

/** ℓ_D = mean D(student) − mean D(teacher): the critic's loss (student maps held constant). */
export function discriminatorLoss(
  d: Discriminator,
  studentMaps: tf.Tensor,
  teacherMaps: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const studentScore = tf.mean(discriminatorScores(d, stopGradient(studentMaps)));
    return tf.sub<tf.Scalar>(studentScore, tf.mean(discriminatorScores(d, teacherMaps)));
  });
}

/** ℓ_ho = −mean D(student): the student's adversarial loss (D's weights held constant). */
export function holisticStudentLoss(d: Discriminator, studentMaps: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(discriminatorScores(d, studentMaps, true))) as tf.Scalar);
}

/** Clips every critic weight to [−c, c] in place. */
export function clipDiscriminator(d: Discriminator, clip: number): void {
  for (const variable of discriminatorVariables(d)) {
    variable.assign(tf.tidy(() => tf.clipByValue(variable, -clip, clip)));
  }
}

const DEFAULTS = { weight: 1, clip: 0.01, seed: 1 };
const RANGES = { weight: { min: 0, max: 1e6 }, clip: { min: 1e-6, max: 100 } };

/** A holistic-distillation instance with its own critic. */
export function createHolistic(): DistillationMethod {
  let critic: Discriminator | null = null;
  const ensure = (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('holistic', DEFAULTS, params, RANGES);
    requireRank('holistic', 'a dense (chip/window) output', ctx.studentOutput, 4);
    critic ??= createDiscriminator(ctx.studentOutput.shape[3] ?? 1, options.seed);
    return { critic, options };
  };

  return {
    id: 'holistic',
    citation: 'Liu et al. 2019, CVPR, "Structured Knowledge Distillation", section 3.1, Eq. (2)',
    tasks: ['dense'],
    adaptation:
      'small unconditioned conv critic, Wasserstein losses with weight clipping (Arjovsky et al. 2017) ' +
      'instead of the gradient penalty; chip/window outputs only',
    defaults: DEFAULTS,
    loss: (ctx, params) => {
      const { critic: d, options } = ensure(ctx, params);
      return tf.tidy(() => tf.mul(holisticStudentLoss(d, ctx.studentOutput), options.weight));
    },
    auxiliary: {
      description: 'critic step on teacher vs student outputs, alternating with student steps',
      variables: (ctx, params) => discriminatorVariables(ensure(ctx, params).critic),
      loss: (ctx, params) =>
        discriminatorLoss(ensure(ctx, params).critic, ctx.studentOutput, ctx.teacherOutput),
      afterStep: (params) => {
        if (critic)
          clipDiscriminator(critic, resolveParams('holistic', DEFAULTS, params, RANGES).clip);
      },
    },
    instantiate: createHolistic,
    dispose: () => {
      if (critic) for (const variable of discriminatorVariables(critic)) variable.dispose();
      critic = null;
    },
  };
}

/** Registry entry (a template: call `instantiate()` once per training run). */
export const holisticDistillation: DistillationMethod = createHolistic();
