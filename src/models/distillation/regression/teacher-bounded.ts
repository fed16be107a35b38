/**
 * Teacher-bounded regression loss. Chen, Choi, Yu, Han & Chandraker 2017, "Learning Efficient
 * Object Detection Models with Knowledge Distillation", NeurIPS, Eq. (3):
 *   L_b(R_s, R_t, y) = ‖R_s − y‖²₂  if ‖R_s − y‖²₂ + m > ‖R_t − y‖²₂,  else 0,
 * so the student is pushed towards the ground truth only while it is not better than the
 * teacher by the margin m; the full regression loss adds the supervised term (Eq. 2).
 * The mask comes from a comparison, which has no gradient in tfjs (Greater): the loss is a
 * tf.customGrad op whose gradient is mask · 2(R_s − y) for the student and 0 otherwise.
 */
import { tf } from '../../tf.js';
import { requireSameShape } from '../features.js';
import { requireTensor, resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Squared error summed over the last (output) axis. */
function squaredErrorPerLocation(prediction: tf.Tensor, target: tf.Tensor): tf.Tensor {
  return tf.sum(tf.squaredDifference(prediction, target), -1);
}

/**
 * Per-location L_b (one value per pixel or map cell, the output axis summed), with the custom
 * gradient described above. Inputs share a shape [..., outputs]; `marginSquared` is m in
 * output units².
 */
export function teacherBoundedPerLocation(
  student: tf.Tensor,
  teacher: tf.Tensor,
  target: tf.Tensor,
  marginSquared: number,
): tf.Tensor {
  requireSameShape('teacher-bounded', student, teacher);
  requireSameShape('teacher-bounded', student, target);
  const op = tf.customGrad((...inputs) => {
    const [s, t, y, save] = inputs as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const studentError = squaredErrorPerLocation(s, y);
    const teacherError = squaredErrorPerLocation(t, y);
    const active = tf.cast(
      tf.greater(tf.add(studentError, marginSquared), teacherError),
      'float32',
    );
    // Intermediates are disposed after the forward pass unless saved for the gradient.
    save([tf.sub(s, y), active]);
    return {
      value: tf.mul(studentError, active),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [residual, mask] = saved as [tf.Tensor, tf.Tensor];
        const scale = tf.expandDims(tf.mul(dy, mask), -1);
        return [tf.mul(tf.mul(residual, 2), scale), tf.zerosLike(t), tf.zerosLike(y)];
      },
    };
  });
  return op(student, teacher, target);
}

/** Mean L_b over locations (optional per-location weights through weightedLoss). */
export function teacherBoundedLoss(
  student: tf.Tensor,
  teacher: tf.Tensor,
  target: tf.Tensor,
  marginSquared: number,
  weights?: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() =>
    weightedLoss(teacherBoundedPerLocation(student, teacher, target, marginSquared), weights),
  );
}

const DEFAULTS = { margin: 0, weight: 0.5 };

/** Registry entry: ν · L_b (ν = weight; the runner adds the supervised loss of Eq. 2). */
export const teacherBounded: DistillationMethod = {
  id: 'teacher-bounded',
  citation: 'Chen, Choi, Yu, Han & Chandraker 2017, NeurIPS, Eqs. (2)–(3)',
  tasks: ['regression', 'dense'],
  adaptation: 'per pixel (or map cell) over the output channels; margin in output units²',
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('teacher-bounded', DEFAULTS, params, {
      margin: { min: 0, max: 1e9 },
      weight: { min: 0, max: 1e6 },
    });
    const target = requireTensor('teacher-bounded', 'target (ground truth)', ctx.target);
    return tf.tidy(() =>
      tf.mul(
        teacherBoundedLoss(
          ctx.studentOutput,
          ctx.teacherOutput,
          target,
          options.margin,
          ctx.weights,
        ),
        options.weight,
      ),
    );
  },
};
