/**
 * Analytic gradients dL/d(output) of the objectives that depend on the network output alone,
 * so a trainer can backpropagate by hand (fused-mlp-step.ts) instead of through the gradient
 * tape, and the way a BatchLoss carries its gradient to trainNetwork. Node-free.
 */
import { tf } from '../tf.js';
import type { BatchLoss, OutputGradient, TrainingBatch } from './step-engine.js';

/** A batch loss that may carry the analytic gradient of its value w.r.t. the network output. */
export type AnalyticBatchLoss = BatchLoss & { outputGradient?: OutputGradient };

/** `loss` carrying `gradient` (see {@link outputGradientOf}); the function itself is returned. */
export function withOutputGradient(loss: BatchLoss, gradient: OutputGradient): AnalyticBatchLoss {
  return Object.assign(loss, { outputGradient: gradient });
}

/** The analytic output gradient `loss` carries, if any. */
export function outputGradientOf(loss: BatchLoss): OutputGradient | undefined {
  return (loss as AnalyticBatchLoss).outputGradient;
}

/**
 * dL/ds of L = (1 − α)·mean((s − y)²) + α·mean((s − t)²), means over all N·T elements:
 * 2 / (N·T) · ((1 − α)(s − y) + α(s − t)) = 2 / (N·T) · (s − ((1 − α)·y + α·t)).
 * `teacherOutput` is ignored when α = 0 (the supervised MSE).
 */
export function blendedMseGradient(
  output: tf.Tensor2D,
  target: tf.Tensor2D,
  teacherOutput: tf.Tensor | null,
  alpha: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const scale = 2 / output.size;
    if (alpha === 0 || teacherOutput === null) return tf.mul(tf.sub(output, target), scale);
    const blend = tf.add(tf.mul(target, 1 - alpha), tf.mul(teacherOutput, alpha));
    return tf.mul(tf.sub(output, blend), scale);
  });
}

/**
 * The supervised objective MSE(output, targets) (tf.losses.meanSquaredError, mean over
 * elements, as supervisedLoss) and its gradient 2 / (N·T) · (s − y).
 */
export const mseOutputGradient: OutputGradient = (batch: TrainingBatch, output: tf.Tensor2D) => ({
  loss: tf.losses.meanSquaredError(batch.targets, output),
  gradient: blendedMseGradient(output, batch.targets, null, 0),
});
