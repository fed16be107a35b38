/**
 * Similarity-preserving knowledge distillation. Tung & Mori 2019, "Similarity-Preserving
 * Knowledge Distillation", ICCV, Eqs. (2)–(4): G = Q·Qᵀ over the batch (Q the features
 * flattened per sample, [b, ·]), each row L2-normalised to G̃; the loss is
 * γ · ‖G̃_T − G̃_S‖²_F / b².
 */
import { tf } from '../../tf.js';
import { flattenPerSample, normaliseRows, selectFeaturePair } from '../features.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** The row-normalised batch similarity matrix G̃ [b, b] of features [b, ...]. */
export function batchSimilarity(features: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const q = flattenPerSample(features);
    return normaliseRows(tf.matMul(q, q, false, true)) as tf.Tensor2D;
  });
}

/** ‖G̃_T − G̃_S‖²_F / b² (the mean over the b² entries). */
export function similarityPreservingLoss(student: tf.Tensor, teacher: tf.Tensor): tf.Scalar {
  return tf.tidy(() =>
    weightedLoss(tf.squaredDifference(batchSimilarity(teacher), batchSimilarity(student))),
  );
}

const DEFAULTS = { studentFeatureIndex: -1, teacherFeatureIndex: -1, gamma: 1 };

/** Registry entry: γ · similarity-preserving loss on hidden vectors of a batch. */
export const similarityPreserving: DistillationMethod = {
  id: 'similarity-preserving',
  citation: 'Tung & Mori 2019, ICCV, "Similarity-Preserving Knowledge Distillation", Eqs. (2)–(4)',
  tasks: ['classification', 'regression', 'dense'],
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('similarity-preserving', DEFAULTS, params, {
      gamma: { min: 0, max: 1e6 },
    });
    const pair = selectFeaturePair(
      'similarity-preserving',
      ctx,
      options.studentFeatureIndex,
      options.teacherFeatureIndex,
    );
    return tf.tidy(() =>
      tf.mul(similarityPreservingLoss(pair.student, pair.teacher), options.gamma),
    );
  },
};
