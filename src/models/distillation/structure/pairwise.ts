/**
 * Pair-wise distillation of dense maps. Liu, Chen, Liu, Qin, Luo & Wang 2019, "Structured
 * Knowledge Distillation for Semantic Segmentation", CVPR, Eq. (1): every spatial node of a
 * feature map is a vector of channels; a_ij = f_iᵀf_j / (‖f_i‖ ‖f_j‖) is the cosine similarity
 * of nodes i and j, and ℓ_pa = 1/(W′H′)² Σ_i Σ_j (a_ij^s − a_ij^t)², averaged over the batch.
 * Nodes are β×β average-pooled cells (the paper's granularity), which bounds the (W′H′)² cost.
 */
import { InvalidParameterError } from '../../../errors.js';
import { tf } from '../../tf.js';
import { normaliseRows, requireRank, selectFeaturePair } from '../features.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Node similarity matrices [batch, nodes, nodes] of a map [batch, h, w, c] after β×β pooling. */
export function nodeSimilarity(featureMap: tf.Tensor, poolSize: number): tf.Tensor3D {
  requireRank('pairwise', 'a dense (chip/window) map', featureMap, 4);
  return tf.tidy(() => {
    const map = featureMap as tf.Tensor4D;
    const pooled = poolSize > 1 ? tf.avgPool(map, poolSize, poolSize, 'valid') : map;
    const [batch = 1, height = 1, width = 1, channels = 1] = pooled.shape;
    const nodes = normaliseRows(
      tf.reshape(pooled, [batch, height * width, channels]),
    ) as tf.Tensor3D;
    return tf.matMul(nodes, nodes, false, true);
  });
}

/** ℓ_pa: mean squared difference of node similarities (student and teacher maps of equal h, w). */
export function pairwiseLoss(
  studentMap: tf.Tensor,
  teacherMap: tf.Tensor,
  poolSize = 1,
): tf.Scalar {
  return tf.tidy(() => {
    const student = nodeSimilarity(studentMap, poolSize);
    const teacher = nodeSimilarity(teacherMap, poolSize);
    if (student.shape[1] !== teacher.shape[1]) {
      throw new InvalidParameterError(
        `pairwise: student map [${studentMap.shape.join(', ')}] and teacher map ` +
          `[${teacherMap.shape.join(', ')}] have different heights or widths`,
        { student: studentMap.shape, teacher: teacherMap.shape },
      );
    }
    return weightedLoss(tf.squaredDifference(student, teacher));
  });
}

const DEFAULTS = {
  studentFeatureIndex: -1,
  teacherFeatureIndex: -1,
  poolSize: 4,
  onOutputs: 0,
  weight: 1,
};

/** Registry entry: pair-wise distillation of dense feature maps (or of the outputs, onOutputs = 1). */
export const pairwiseDistillation: DistillationMethod = {
  id: 'pairwise',
  citation:
    'Liu et al. 2019, CVPR, "Structured Knowledge Distillation for Semantic Segmentation", Eq. (1)',
  tasks: ['dense'],
  adaptation:
    'chip/window maps only (never the per-pixel MLP); β×β average-pooled nodes, β = poolSize',
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('pairwise', DEFAULTS, params, {
      poolSize: { min: 1, max: 64 },
      onOutputs: { min: 0, max: 1 },
      weight: { min: 0, max: 1e6 },
    });
    const pair =
      options.onOutputs > 0
        ? { student: ctx.studentOutput, teacher: ctx.teacherOutput }
        : selectFeaturePair(
            'pairwise',
            ctx,
            options.studentFeatureIndex,
            options.teacherFeatureIndex,
          );
    const poolSize = Math.round(options.poolSize);
    return tf.tidy(() =>
      tf.mul(pairwiseLoss(pair.student, pair.teacher, poolSize), options.weight),
    );
  },
};
