/**
 * Teacher pseudo-labels on real scene pixels. Lee 2013, "Pseudo-Label: The Simple and
 * Efficient Semi-Supervised Learning Method for Deep Neural Networks", ICML Workshop on
 * Challenges in Representation Learning, section 3: unlabelled samples get the teacher's
 * prediction as target, and their loss is added with weight α(t) to the labelled loss. For
 * regression the target is the teacher's value; a pixel takes part only if the teacher's value
 * is finite, its mask weight non-zero, and (when given) its predictive standard deviation is at
 * most `maxTeacherStd`.
 */
import { tf } from '../../tf.js';
import { requireSameShape } from '../features.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Options of {@link pseudoLabelLoss}. */
export interface PseudoLabelOptions {
  /** Mask weights broadcastable to the outputs (e.g. cloud-free, in-scene pixels). */
  weights?: tf.Tensor;
  /** Teacher predictive variance (output units²), shaped like the outputs. */
  teacherVariance?: tf.Tensor;
  /** Largest teacher standard deviation (output units) accepted as a pseudo-label. */
  maxTeacherStd?: number;
}

/** The 0/1 mask of usable pseudo-labels (no gradient: built from the teacher only). */
export function pseudoLabelMask(teacherOutput: tf.Tensor, options: PseudoLabelOptions): tf.Tensor {
  return tf.tidy(() => {
    let mask = tf.cast(tf.logicalNot(tf.isNaN(teacherOutput)), 'float32');
    if (options.teacherVariance !== undefined && options.maxTeacherStd !== undefined) {
      const limit = options.maxTeacherStd * options.maxTeacherStd;
      mask = tf.mul(mask, tf.cast(tf.lessEqual(options.teacherVariance, limit), 'float32'));
    }
    return options.weights === undefined ? mask : tf.mul(mask, options.weights);
  });
}

/** Mean squared error to the teacher over the usable pseudo-labels (0 when none is usable). */
export function pseudoLabelLoss(
  studentOutput: tf.Tensor,
  teacherOutput: tf.Tensor,
  options: PseudoLabelOptions = {},
): tf.Scalar {
  requireSameShape('pseudo-label', studentOutput, teacherOutput);
  return tf.tidy(() => {
    const mask = pseudoLabelMask(teacherOutput, options);
    // NaN teacher values would poison the product even where the mask is 0.
    const labels = tf.where(tf.isNaN(teacherOutput), studentOutput, teacherOutput);
    return weightedLoss(tf.squaredDifference(studentOutput, labels), mask);
  });
}

/** maxTeacherStd = 0 means "no variance filter". */
const DEFAULTS = { alpha: 1, maxTeacherStd: 0 };

/** Registry entry: α · pseudo-label MSE on unlabelled real pixels. */
export const pseudoLabel: DistillationMethod = {
  id: 'pseudo-label',
  citation: 'Lee 2013, ICML WREPL, "Pseudo-Label", section 3 (α-weighted unlabelled loss)',
  tasks: ['regression', 'dense'],
  adaptation:
    'teacher values as regression targets, masked by finiteness, mask weights and σ ≤ maxTeacherStd',
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('pseudo-label', DEFAULTS, params, {
      alpha: { min: 0, max: 1e6 },
      maxTeacherStd: { min: 0, max: 1e9 },
    });
    const filter =
      options.maxTeacherStd > 0 && ctx.teacherVariance
        ? { teacherVariance: ctx.teacherVariance, maxTeacherStd: options.maxTeacherStd }
        : {};
    const weights = ctx.weights ? { weights: ctx.weights } : {};
    return tf.tidy(() =>
      tf.mul(
        pseudoLabelLoss(ctx.studentOutput, ctx.teacherOutput, { ...filter, ...weights }),
        options.alpha,
      ),
    );
  },
};
