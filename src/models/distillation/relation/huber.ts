/**
 * Element-wise Huber loss (Huber 1964, Ann. Math. Statist. 35, Eq. 2.1 form):
 * ½x² for |x| ≤ δ, δ(|x| − ½δ) beyond; used by relational KD with δ = 1.
 */
import { tf } from '../../tf.js';

/** Huber loss of each element of `difference`, same shape. */
export function huberElementwise(difference: tf.Tensor, delta = 1): tf.Tensor {
  return tf.tidy(() => {
    const absolute = tf.abs(difference);
    const quadratic = tf.minimum(absolute, delta);
    const linear = tf.sub(absolute, quadratic);
    return tf.add(tf.mul(tf.square(quadratic), 0.5), tf.mul(linear, delta));
  });
}
