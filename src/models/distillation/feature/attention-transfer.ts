/**
 * Activation-based attention transfer. Zagoruyko & Komodakis 2017, "Paying More Attention to
 * Attention", ICLR, Eq. (2) with p = 2: the attention map of a feature map A [h, w, c] is
 * Q = vec(Σ_c |A_c|²), normalised to unit L2 norm; the loss is β/2 times the distance of the
 * student's and teacher's normalised maps. As in the authors' reference implementation
 * (github.com/szagoruyko/attention-transfer), the distance is the squared difference averaged
 * over batch and positions, channels are averaged (equal after normalisation) and β = 1000.
 */
import { tf } from '../../tf.js';
import { normaliseRows, requireRank, requireSameShape, selectFeaturePair } from '../features.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** The L2-normalised attention map [batch, h·w] of a feature map [batch, h, w, c]. */
export function attentionMap(featureMap: tf.Tensor): tf.Tensor2D {
  requireRank('attention-transfer', 'a CNN feature map', featureMap, 4);
  return tf.tidy(() => {
    const energy = tf.mean(tf.square(featureMap), -1);
    return normaliseRows(tf.reshape(energy, [featureMap.shape[0] ?? 1, -1])) as tf.Tensor2D;
  });
}

/** β/2 · mean((Q̂_s − Q̂_t)²) for maps of equal height and width (channels may differ). */
export function attentionTransferLoss(
  studentMap: tf.Tensor,
  teacherMap: tf.Tensor,
  beta: number,
): tf.Scalar {
  return tf.tidy(() => {
    const student = attentionMap(studentMap);
    const teacher = attentionMap(teacherMap);
    requireSameShape('attention-transfer', student, teacher);
    return tf.mul(weightedLoss(tf.squaredDifference(student, teacher)), beta / 2);
  });
}

const DEFAULTS = { studentFeatureIndex: -1, teacherFeatureIndex: -1, beta: 1000 };

/** Registry entry: attention transfer between CNN feature maps. */
export const attentionTransfer: DistillationMethod = {
  id: 'attention-transfer',
  citation:
    'Zagoruyko & Komodakis 2017, ICLR, "Paying More Attention to Attention", Eq. (2), p = 2',
  tasks: ['classification', 'dense'],
  adaptation:
    'CNN feature maps only; squared distance averaged over positions as the reference code',
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('attention-transfer', DEFAULTS, params, {
      beta: { min: 0, max: 1e6 },
    });
    const pair = selectFeaturePair(
      'attention-transfer',
      ctx,
      options.studentFeatureIndex,
      options.teacherFeatureIndex,
    );
    return attentionTransferLoss(pair.student, pair.teacher, options.beta);
  },
};
