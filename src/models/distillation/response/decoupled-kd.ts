/**
 * Decoupled knowledge distillation. Zhao, Cui, Song, Qiu & Liang 2022, "Decoupled Knowledge
 * Distillation", CVPR, Eq. (7): DKD = α · TCKD + β · NCKD, where TCKD = KL(b_t ‖ b_s) over the
 * binary target / non-target probabilities b = [p_gt, 1 − p_gt] and NCKD = KL(p̂_t ‖ p̂_s)
 * over the distribution p̂ re-normalised among the non-target classes. As in the authors'
 * implementation, probabilities are softened by T and the loss is multiplied by T².
 */
import { tf } from '../../tf.js';
import { stopGradient } from '../stop-gradient.js';
import { requireTensor, resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';
import { asOneHot, softenedKlPerSample } from './softmax-kl.js';

/** Hyper-parameters of DKD. */
export interface DecoupledKdOptions {
  /** Weight α of the target-class term TCKD. */
  alpha: number;
  /** Weight β of the non-target-class term NCKD. */
  beta: number;
  /** Softmax temperature T (> 0). */
  distillTemperature: number;
}

/** Logit offset that removes the target class from the non-target softmax (exp(−1000) = 0). */
const MASK_LOGIT = 1000;

/** Per-sample KL between two-class distributions [p, 1 − p], [batch]. */
function binaryKl(pTeacher: tf.Tensor, pStudent: tf.Tensor): tf.Tensor1D {
  const eps = 1e-12;
  const term = (a: tf.Tensor, b: tf.Tensor) =>
    tf.mul(a, tf.sub(tf.log(tf.add(a, eps)), tf.log(tf.add(b, eps))));
  const rest = (p: tf.Tensor) => tf.sub(1, p);
  return tf.add<tf.Tensor1D>(term(pTeacher, pStudent), term(rest(pTeacher), rest(pStudent)));
}

/**
 * Per-sample DKD loss [batch] times T², for logits [batch, classes] and targets as one-hot
 * [batch, classes] or class ids [batch].
 */
export function decoupledKdPerSample(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  targets: tf.Tensor,
  options: DecoupledKdOptions,
): tf.Tensor1D {
  return tf.tidy(() => {
    const temperature = options.distillTemperature;
    const teacher = stopGradient(teacherLogits);
    const oneHot = asOneHot(targets, studentLogits.shape[1] ?? 1);
    const targetProbability = (logits: tf.Tensor) =>
      tf.sum(tf.mul(tf.softmax(tf.div(logits, temperature)), oneHot), -1);
    const tckd = binaryKl(targetProbability(teacher), targetProbability(studentLogits));

    const withoutTarget = (logits: tf.Tensor) => tf.sub(logits, tf.mul(oneHot, MASK_LOGIT));
    const nckd = softenedKlPerSample(
      withoutTarget(studentLogits),
      withoutTarget(teacher),
      temperature,
    );

    const combined = tf.add(tf.mul(tckd, options.alpha), tf.mul(nckd, options.beta));
    return tf.mul<tf.Tensor1D>(combined, temperature * temperature);
  });
}

/** The batch-mean DKD loss (optional per-sample `weights`, reduced by weightedLoss). */
export function decoupledKdLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  targets: tf.Tensor,
  options: DecoupledKdOptions,
  weights?: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() =>
    weightedLoss(decoupledKdPerSample(studentLogits, teacherLogits, targets, options), weights),
  );
}

/** Defaults of the authors' CIFAR-100 setting: α = 1, β = 8, T = 4. */
const DEFAULTS = { alpha: 1, beta: 8, distillTemperature: 4 };

/** Registry entry: DKD on logits; needs the context's target (hard labels). */
export const decoupledKd: DistillationMethod = {
  id: 'dkd',
  citation: 'Zhao, Cui, Song, Qiu & Liang 2022, CVPR, "Decoupled Knowledge Distillation", Eq. (7)',
  tasks: ['classification'],
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('dkd', DEFAULTS, params, {
      alpha: { min: 0, max: 1e3 },
      beta: { min: 0, max: 1e3 },
      distillTemperature: { min: 1e-3, max: 100 },
    });
    const targets = requireTensor('dkd', 'target (hard labels)', ctx.target);
    return decoupledKdLoss(ctx.studentOutput, ctx.teacherOutput, targets, options, ctx.weights);
  },
};
