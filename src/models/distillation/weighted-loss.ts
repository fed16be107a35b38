/**
 * Reduction of a per-element loss with optional per-element weights (masks). Every per-pixel
 * weighted loss of the distillation engine goes through {@link weightedLoss}.
 *
 * Reported fault B19 (tensorflow/tfjs#466, fixed by tfjs-core PR #1125): the default
 * SUM_BY_NONZERO_WEIGHTS reduction once counted the non-zero weights before broadcasting them
 * to the loss shape, so a 3×3 loss with 1×3 weights was divided by 3 instead of 9. Here the
 * weights are broadcast first, then counted.
 */
import { tf } from '../tf.js';
import { InvalidParameterError } from '../../errors.js';

/**
 * How a weighted per-element loss becomes one number:
 * - `sum`: Σ wᵢ·lᵢ;
 * - `mean`: the weighted mean Σ wᵢ·lᵢ / Σ wᵢ (the plain mean without weights), as
 *   TensorFlow's Reduction.MEAN;
 * - `sum-by-nonzero-weights`: Σ wᵢ·lᵢ / #{wᵢ ≠ 0}, counted after broadcasting (TensorFlow's
 *   default SUM_BY_NONZERO_WEIGHTS).
 * A zero denominator (all weights zero) gives 0, not NaN.
 */
export type LossReduction = 'mean' | 'sum' | 'sum-by-nonzero-weights';

/**
 * True when `weights` broadcasts to `lossShape` in the NumPy sense, without growing the loss:
 * aligned from the right, every weight dimension is 1 or equal to the loss dimension.
 */
export function broadcastsTo(
  weightShape: readonly number[],
  lossShape: readonly number[],
): boolean {
  if (weightShape.length > lossShape.length) return false;
  const offset = lossShape.length - weightShape.length;
  return weightShape.every((size, i) => size === 1 || size === lossShape[offset + i]);
}

function broadcastWeights(losses: tf.Tensor, weights: tf.Tensor): tf.Tensor {
  if (!broadcastsTo(weights.shape, losses.shape)) {
    throw new InvalidParameterError(
      `loss weights of shape [${weights.shape.join(', ')}] do not broadcast to the loss ` +
        `shape [${losses.shape.join(', ')}]`,
      { weightShape: weights.shape, lossShape: losses.shape },
    );
  }
  // broadcastTo depends on the loss shape only, never on the loss tensor, so the count of
  // non-zero weights below stays off the gradient path (NotEqual has no gradient).
  return tf.broadcastTo(tf.cast(weights, 'float32'), losses.shape);
}

/** Numerator / denominator, 0 where the denominator is 0. */
function safeDivide(numerator: tf.Scalar, denominator: tf.Scalar): tf.Scalar {
  const isZero = tf.equal(denominator, 0);
  const safeDenominator = tf.where(isZero, tf.onesLike(denominator), denominator);
  return tf.where(isZero, tf.zerosLike(numerator), tf.div(numerator, safeDenominator)) as tf.Scalar;
}

/**
 * The reduced loss (a scalar) of per-element `losses` with optional `weights` broadcastable to
 * them (e.g. a [1, pixels] mask over a [batch, pixels] loss). Without weights every element
 * has weight 1. Throws InvalidParameterError when the weights do not broadcast.
 */
export function weightedLoss(
  losses: tf.Tensor,
  weights?: tf.Tensor,
  reduction: LossReduction = 'sum-by-nonzero-weights',
): tf.Scalar {
  return tf.tidy((): tf.Scalar => {
    const lossesF = tf.cast(losses, 'float32');
    if (weights === undefined) {
      return reduction === 'sum' ? tf.sum(lossesF) : tf.mean(lossesF);
    }

    const broadcast = broadcastWeights(lossesF, weights);
    const total = tf.sum<tf.Scalar>(tf.mul(lossesF, broadcast));
    if (reduction === 'sum') return total;

    const denominator =
      reduction === 'mean'
        ? tf.sum(broadcast)
        : tf.sum(tf.cast(tf.notEqual(broadcast, 0), 'float32'));
    return safeDivide(total, denominator as tf.Scalar);
  });
}
