/**
 * Knowledge distillation with softened outputs. Hinton, Vinyals & Dean 2015, "Distilling the
 * Knowledge in a Neural Network", NIPS Deep Learning Workshop (arXiv:1503.02531), section 2:
 * the soft term is the cross-entropy (here the KL divergence, which differs by the teacher's
 * constant entropy) between softmax(z_t / T) and softmax(z_s / T), multiplied by T² so its
 * gradients keep their magnitude as T changes; it is averaged with the hard-label
 * cross-entropy at T = 1 by weights α and 1 − α.
 */
import { tf } from '../../tf.js';
import { stopGradient } from '../stop-gradient.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';
import { crossEntropyPerSample, softenedKlPerSample } from './softmax-kl.js';

/** Hyper-parameters of Hinton KD. */
export interface HintonKdOptions {
  /** Softmax temperature T (> 0, dimensionless); T = 1 is the plain softmax. */
  distillTemperature: number;
  /** Weight α ∈ [0, 1] of the soft term; the hard term gets 1 − α. */
  alpha: number;
}

/**
 * α · T² · KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1 − α) · CE(y, softmax(z_s)), averaged over
 * the batch (through weightedLoss with optional per-sample `weights`). Without `hardTargets`
 * the loss is the soft term alone, T² · KL, and α is not applied. Logits are [batch, classes];
 * hard targets are one-hot [batch, classes] or class ids [batch].
 */
export function hintonKdLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  options: HintonKdOptions,
  hardTargets?: tf.Tensor,
  weights?: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const temperature = options.distillTemperature;
    const soft = tf.mul(
      softenedKlPerSample(studentLogits, stopGradient(teacherLogits), temperature),
      temperature * temperature,
    );
    if (hardTargets === undefined) return weightedLoss(soft, weights);

    const hard = crossEntropyPerSample(studentLogits, hardTargets);
    const perSample = tf.add(tf.mul(soft, options.alpha), tf.mul(hard, 1 - options.alpha));
    return weightedLoss(perSample, weights);
  });
}

const DEFAULTS = { distillTemperature: 4, alpha: 0.9 };

/** Resolves Hinton KD parameters (temperature in (0, 100], α in [0, 1]). */
export function hintonKdParams(params?: DistillationParams): HintonKdOptions {
  return resolveParams('hinton-kd', DEFAULTS, params, {
    distillTemperature: { min: 1e-3, max: 100 },
    alpha: { min: 0, max: 1 },
  });
}

/** Registry entry: Hinton KD on logits; the context's target is the hard label. */
export const hintonKd: DistillationMethod = {
  id: 'hinton-kd',
  citation: 'Hinton, Vinyals & Dean 2015, NIPS DL Workshop (arXiv:1503.02531), section 2',
  tasks: ['classification'],
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) =>
    hintonKdLoss(
      ctx.studentOutput,
      ctx.teacherOutput,
      hintonKdParams(params),
      ctx.target,
      ctx.weights,
    ),
};
