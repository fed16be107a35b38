/**
 * Knowledge distillation with an entropy-corrected student temperature, after DynamicKD: Zhu,
 * Shang, Yuan, Zhang, Li & Jiao 2023, "DynamicKD: An Effective Knowledge Distillation via
 * Dynamic Entropy Correction-Based Distillation for Gap Optimizing" (arXiv:2305.05233). DynamicKD
 * corrects the student's output entropy (not the teacher's) to narrow the teacher-student gap.
 *
 * Rule used here (a closed-form controller instead of the paper's learned one): with the
 * normalised entropies Ĥ = H(softmax(z / T)) / ln K ∈ [0, 1] of teacher and student, computed
 * without gradient, each sample's student temperature is
 *   τᵢ = clamp(T · (1 + κ · (Ĥ_t,i − Ĥ_s,i)), T / 2, 2T),
 * so a student sharper than its teacher is softened and a flatter one sharpened. The loss is
 * α · T² · KL(softmax(z_t / T) ‖ softmax(z_s / τ)) + (1 − α) · CE(y, softmax(z_s)).
 */
import { tf } from '../../tf.js';
import { stopGradient } from '../stop-gradient.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';
import { crossEntropyPerSample, softenedKlPerSample } from './softmax-kl.js';

/** Hyper-parameters of entropy-corrected KD. */
export interface AdaptiveTemperatureOptions {
  /** Base temperature T (> 0), used for the teacher and as the centre of τ. */
  distillTemperature: number;
  /** Gain κ (≥ 0) of the entropy correction; κ = 0 is Hinton KD. */
  entropyGain: number;
  /** Weight α of the soft term (hard term 1 − α, only with targets). */
  alpha: number;
}

/** Normalised entropy H(softmax(z / T)) / ln K of each row, [batch, 1]. */
export function normalisedEntropy(logits: tf.Tensor, temperature: number): tf.Tensor2D {
  return tf.tidy(() => {
    const classes = logits.shape[logits.rank - 1] ?? 1;
    const logP = tf.logSoftmax(tf.div(logits, temperature));
    const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), -1, true));
    return tf.div<tf.Tensor2D>(entropy, Math.log(Math.max(classes, 2)));
  });
}

/** Per-sample student temperatures τ [batch, 1] of the rule above (no gradient). */
export function correctedStudentTemperature(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  options: Pick<AdaptiveTemperatureOptions, 'distillTemperature' | 'entropyGain'>,
): tf.Tensor2D {
  return tf.tidy(() => {
    const temperature = options.distillTemperature;
    const gap = tf.sub(
      normalisedEntropy(stopGradient(teacherLogits), temperature),
      normalisedEntropy(stopGradient(studentLogits), temperature),
    );
    const tau = tf.mul(tf.add(1, tf.mul(gap, options.entropyGain)), temperature);
    return tf.clipByValue(tau, temperature / 2, temperature * 2) as tf.Tensor2D;
  });
}

/** The batch-mean entropy-corrected KD loss; targets and weights as in hintonKdLoss. */
export function adaptiveTemperatureKdLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  options: AdaptiveTemperatureOptions,
  hardTargets?: tf.Tensor,
  weights?: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const temperature = options.distillTemperature;
    const tau = correctedStudentTemperature(studentLogits, teacherLogits, options);
    const teacher = stopGradient(teacherLogits);
    const kl = softenedKlPerSample(studentLogits, teacher, tau, temperature);
    const soft = tf.mul(kl, temperature * temperature);
    if (hardTargets === undefined) return weightedLoss(soft, weights);

    const hard = crossEntropyPerSample(studentLogits, hardTargets);
    return weightedLoss(
      tf.add(tf.mul(soft, options.alpha), tf.mul(hard, 1 - options.alpha)),
      weights,
    );
  });
}

const DEFAULTS = { distillTemperature: 4, entropyGain: 1, alpha: 0.9 };

/** Registry entry: entropy-corrected KD on logits; the context's target is the hard label. */
export const adaptiveTemperatureKd: DistillationMethod = {
  id: 'adaptive-temperature-kd',
  citation: 'Zhu, Shang, Yuan, Zhang, Li & Jiao 2023, "DynamicKD" (arXiv:2305.05233)',
  tasks: ['classification'],
  adaptation:
    'closed-form entropy controller: τ = clamp(T·(1 + κ·(Ĥ_teacher − Ĥ_student)), T/2, 2T) ' +
    'per sample instead of a controller learned from the distillation loss',
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('adaptive-temperature-kd', DEFAULTS, params, {
      distillTemperature: { min: 1e-3, max: 100 },
      entropyGain: { min: 0, max: 10 },
      alpha: { min: 0, max: 1 },
    });
    return adaptiveTemperatureKdLoss(
      ctx.studentOutput,
      ctx.teacherOutput,
      options,
      ctx.target,
      ctx.weights,
    );
  },
};
