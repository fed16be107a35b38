/**
 * Weights and combined targets of multi-teacher distillation. Rules used (per sample, or per
 * pixel for regression), each weight set summing to 1 over the K teachers:
 * - classification: confidence cᵢₖ = max_c softmax(zᵢₖ)_c, wᵢₖ = cᵢₖ / Σₖ cᵢₖ (a label-free
 *   confidence in the spirit of CA-MKD, Zhang, Chen & Wang 2022, ICASSP, which weights teachers
 *   by their confidence); the combined target is Σₖ wᵢₖ softmax(zᵢₖ / T);
 * - regression: inverse predictive variance wᵢₖ = σᵢₖ⁻² / Σₖ σᵢₖ⁻², the precision-weighted
 *   mean of independent Gaussian estimates, whose variance is 1 / Σₖ σᵢₖ⁻².
 */
import { InvalidParameterError } from '../../../errors.js';
import { tf } from '../../tf.js';

function requireTeachers(what: string, tensors: tf.Tensor[]): void {
  if (tensors.length === 0) {
    throw new InvalidParameterError(`multi-teacher: no ${what} given (need at least one teacher)`);
  }
}

/** Confidence weights [K, batch, 1] of K teachers' logits [batch, classes]. */
export function softmaxConfidenceWeights(teacherLogits: tf.Tensor[]): tf.Tensor3D {
  requireTeachers('teacher logits', teacherLogits);
  return tf.tidy(() => {
    const confidence = tf.stack(
      teacherLogits.map((logits) => tf.max(tf.softmax(logits), -1, true)),
    );
    return tf.div<tf.Tensor3D>(confidence, tf.sum(confidence, 0, true));
  });
}

/**
 * Logits whose softmax at temperature T is the weighted mixture Σₖ wₖ softmax(zₖ / T),
 * i.e. T · log(mixture); use them as the teacherOutput of a KD loss with the same T.
 */
export function combinedTeacherLogits(
  teacherLogits: tf.Tensor[],
  weights: tf.Tensor,
  temperature: number,
): tf.Tensor2D {
  requireTeachers('teacher logits', teacherLogits);
  return tf.tidy(() => {
    const softened = tf.stack(
      teacherLogits.map((logits) => tf.softmax(tf.div(logits, temperature))),
    );
    const mixture = tf.sum(tf.mul(softened, weights), 0);
    return tf.mul<tf.Tensor2D>(tf.log(tf.maximum(mixture, 1e-30)), temperature);
  });
}

/** Inverse-variance weights [K, ...] of K teachers' variances (each shaped like the outputs). */
export function inverseVarianceTeacherWeights(variances: tf.Tensor[], epsilon = 1e-12): tf.Tensor {
  requireTeachers('teacher variances', variances);
  return tf.tidy(() => {
    const precision = tf.stack(variances.map((variance) => tf.div(1, tf.add(variance, epsilon))));
    return tf.div(precision, tf.sum(precision, 0, true));
  });
}

/** The precision-weighted mean and its variance of K teachers' regression outputs. */
export function combineRegressionTeachers(
  outputs: tf.Tensor[],
  variances: tf.Tensor[],
  epsilon = 1e-12,
): { mean: tf.Tensor; variance: tf.Tensor } {
  if (outputs.length !== variances.length) {
    throw new InvalidParameterError(
      `multi-teacher: ${outputs.length} teacher outputs but ${variances.length} variances`,
    );
  }
  return tf.tidy(() => {
    const weights = inverseVarianceTeacherWeights(variances, epsilon);
    const mean = tf.sum(tf.mul(tf.stack(outputs), weights), 0);
    const precision = tf.addN(variances.map((variance) => tf.div(1, tf.add(variance, epsilon))));
    return { mean, variance: tf.div(1, precision) };
  });
}
