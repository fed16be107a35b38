/**
 * Hint loss between a (possibly adapted) student feature and a teacher feature of the same
 * shape. Chen, Choi, Yu, Han & Chandraker 2017, "Learning Efficient Object Detection Models
 * with Knowledge Distillation", NeurIPS, Eq. (5): L_Hint(V, Z) = ‖V − Z‖²₂, here divided by
 * the number of elements so its scale does not grow with the layer width or the batch.
 */
import { tf } from '../../tf.js';
import { requireSameShape, selectFeaturePair } from '../features.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Mean of (student − teacher)² over all elements; shapes must match. */
export function hintLoss(studentFeature: tf.Tensor, teacherFeature: tf.Tensor): tf.Scalar {
  requireSameShape('hint', studentFeature, teacherFeature);
  return tf.tidy(() => weightedLoss(tf.squaredDifference(studentFeature, teacherFeature)));
}

const DEFAULTS = { studentFeatureIndex: -1, teacherFeatureIndex: -1 };

/** Registry entry: hint loss between same-shaped hidden features (no regressor). */
export const hint: DistillationMethod = {
  id: 'hint',
  citation: 'Chen, Choi, Yu, Han & Chandraker 2017, NeurIPS, Eq. (5)',
  tasks: ['classification', 'regression', 'dense'],
  adaptation:
    'mean instead of sum over elements; features must have the same shape (use fitnets otherwise)',
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('hint', DEFAULTS, params);
    const pair = selectFeaturePair(
      'hint',
      ctx,
      options.studentFeatureIndex,
      options.teacherFeatureIndex,
    );
    return hintLoss(pair.student, pair.teacher);
  },
};
