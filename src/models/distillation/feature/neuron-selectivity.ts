/**
 * Neuron selectivity transfer. Huang & Wang 2017, "Like What You Like: Knowledge Distill via
 * Neuron Selectivity Transfer" (arXiv:1707.01219), section 3: each channel's spatial map,
 * flattened and L2-normalised, is one sample of a distribution; the student matches the
 * teacher's distribution by the squared maximum mean discrepancy
 *   MMD² = mean_{i,i'} k(t_i, t_i') + mean_{j,j'} k(s_j, s_j') − 2 · mean_{i,j} k(t_i, s_j)
 * with the polynomial kernel k(x, y) = (xᵀy + c)^d, d = 2, c = 0 (the paper's best kernel),
 * and the loss is λ/2 · MMD², averaged over the batch.
 */
import { tf } from '../../tf.js';
import { normaliseRows, requireRank, selectFeaturePair } from '../features.js';
import { resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Channel maps as rows: [batch, h, w, c] → [batch, c, h·w], each row of unit L2 norm. */
export function channelDistributions(featureMap: tf.Tensor): tf.Tensor3D {
  requireRank('nst', 'a CNN feature map', featureMap, 4);
  return tf.tidy(() => {
    const [batch = 1, height = 1, width = 1, channels = 1] = featureMap.shape;
    const rows = tf.transpose(tf.reshape(featureMap, [batch, height * width, channels]), [0, 2, 1]);
    return normaliseRows(rows) as tf.Tensor3D;
  });
}

/** Mean polynomial kernel (xᵀy)² over all row pairs of a [batch, n, d] and b [batch, m, d], [batch]. */
function meanKernel(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor1D {
  return tf.mean<tf.Tensor1D>(tf.square(tf.matMul(a, b, false, true)), [1, 2]);
}

/** Per-sample MMD² [batch] between student and teacher maps of equal height and width. */
export function neuronSelectivityMmd(studentMap: tf.Tensor, teacherMap: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const student = channelDistributions(studentMap);
    const teacher = channelDistributions(teacherMap);
    const cross = tf.mul(meanKernel(teacher, student), 2);
    return tf.sub<tf.Tensor1D>(
      tf.add(meanKernel(teacher, teacher), meanKernel(student, student)),
      cross,
    );
  });
}

/** λ/2 · batch-mean MMD². */
export function neuronSelectivityLoss(
  studentMap: tf.Tensor,
  teacherMap: tf.Tensor,
  lambda: number,
): tf.Scalar {
  return tf.tidy(() =>
    tf.mul(weightedLoss(neuronSelectivityMmd(studentMap, teacherMap)), lambda / 2),
  );
}

const DEFAULTS = { studentFeatureIndex: -1, teacherFeatureIndex: -1, lambda: 1 };

/** Registry entry: NST between CNN feature maps (polynomial kernel, d = 2, c = 0). */
export const neuronSelectivityTransfer: DistillationMethod = {
  id: 'nst',
  citation: 'Huang & Wang 2017, arXiv:1707.01219, section 3, polynomial-kernel MMD² (d = 2, c = 0)',
  tasks: ['classification', 'dense'],
  adaptation: 'CNN feature maps only; polynomial kernel d = 2, c = 0 (not the Gaussian variant)',
  defaults: DEFAULTS,
  loss: (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('nst', DEFAULTS, params, { lambda: { min: 0, max: 1e6 } });
    const pair = selectFeaturePair(
      'nst',
      ctx,
      options.studentFeatureIndex,
      options.teacherFeatureIndex,
    );
    return neuronSelectivityLoss(pair.student, pair.teacher, options.lambda);
  },
};
