/**
 * Building blocks of the response-based classification losses: per-sample KL divergence
 * between softened distributions and cross-entropy with hard labels.
 */
import { tf } from '../../tf.js';

/**
 * Per-sample KL(p_teacher ‖ p_student) in nats, [batch], where p = softmax(logits / T) along
 * the last axis. `temperature` is a number or a [batch, 1] tensor (per-sample temperatures).
 */
export function softenedKlPerSample(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  studentTemperature: number | tf.Tensor,
  teacherTemperature: number | tf.Tensor = studentTemperature,
): tf.Tensor1D {
  return tf.tidy(() => {
    const logPStudent = tf.logSoftmax(tf.div(studentLogits, studentTemperature));
    const logPTeacher = tf.logSoftmax(tf.div(teacherLogits, teacherTemperature));
    const pTeacher = tf.exp(logPTeacher);
    return tf.sum<tf.Tensor1D>(tf.mul(pTeacher, tf.sub(logPTeacher, logPStudent)), -1);
  });
}

/**
 * One-hot labels [batch, classes] from either one-hot/soft labels of that shape or integer
 * class ids [batch].
 */
export function asOneHot(labels: tf.Tensor, classes: number): tf.Tensor2D {
  return tf.tidy(() =>
    labels.rank === 1
      ? (tf.cast(
          tf.oneHot(tf.cast(labels, 'int32') as tf.Tensor1D, classes),
          'float32',
        ) as tf.Tensor2D)
      : (tf.cast(labels, 'float32') as tf.Tensor2D),
  );
}

/** Per-sample cross-entropy −Σ y·log softmax(logits), [batch], labels as {@link asOneHot}. */
export function crossEntropyPerSample(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const classes = logits.shape[logits.rank - 1] ?? 1;
    const oneHot = asOneHot(labels, classes);
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1)) as tf.Tensor1D;
  });
}
