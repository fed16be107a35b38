/**
 * tfjs-core has no stop-gradient op; this identity with a zero gradient stands in for it.
 */
import { tf } from '../tf.js';

const blocked = tf.customGrad((...inputs) => ({
  value: tf.clone(inputs[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/**
 * The same values as `x`, through which no gradient flows (gradient 0). Teacher tensors need it
 * only when they are computed from student variables (e.g. a student-derived temperature).
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return blocked(x) as T;
}
