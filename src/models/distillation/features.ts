/**
 * Feature selection and reshaping shared by the feature- and relation-based losses.
 */
import { tf } from '../tf.js';
import { InvalidParameterError } from '../../errors.js';
import type { DistillationContext } from './types.js';

/** One student feature and the teacher feature it learns from. */
export interface FeaturePair {
  student: tf.Tensor;
  teacher: tf.Tensor;
}

function pick(methodId: string, role: string, features: tf.Tensor[], index: number): tf.Tensor {
  const position = index < 0 ? features.length + index : index;
  const feature = features[position];
  if (feature === undefined) {
    throw new InvalidParameterError(
      `${methodId}: ${role} feature index ${index} is out of range (${features.length} features)`,
      { method: methodId, role, index, available: features.length },
    );
  }
  return feature;
}

/**
 * The student and teacher features at the given indices (negative counts from the end, so
 * −1 is the last hidden layer). Throws InvalidParameterError when an index is out of range.
 */
export function selectFeaturePair(
  methodId: string,
  ctx: DistillationContext,
  studentIndex: number,
  teacherIndex: number,
): FeaturePair {
  return {
    student: pick(methodId, 'student', ctx.studentFeatures, studentIndex),
    teacher: pick(methodId, 'teacher', ctx.teacherFeatures, teacherIndex),
  };
}

/** Throws InvalidParameterError unless `tensor` has the given rank. */
export function requireRank(methodId: string, what: string, tensor: tf.Tensor, rank: number): void {
  if (tensor.rank !== rank) {
    throw new InvalidParameterError(
      `${methodId}: ${what} must have rank ${rank}, got shape [${tensor.shape.join(', ')}]`,
      { method: methodId, shape: tensor.shape, expectedRank: rank },
    );
  }
}

/** Throws InvalidParameterError unless both tensors have the same shape. */
export function requireSameShape(methodId: string, a: tf.Tensor, b: tf.Tensor): void {
  const same = a.rank === b.rank && a.shape.every((size, i) => size === b.shape[i]);
  if (!same) {
    throw new InvalidParameterError(
      `${methodId}: shapes differ, [${a.shape.join(', ')}] vs [${b.shape.join(', ')}]`,
      { method: methodId, student: a.shape, teacher: b.shape },
    );
  }
}

/** Each sample flattened to one row: [batch, ...] → [batch, rest]. */
export function flattenPerSample(tensor: tf.Tensor): tf.Tensor2D {
  const batch = tensor.shape[0] ?? 1;
  return tf.reshape(tensor, [batch, -1]);
}

/**
 * L2 norm along `axis` (kept), √(Σx² + ε²): unlike tf.norm its gradient stays finite for an
 * all-zero row (a dead ReLU layer), where it is 0.
 */
export function safeNorm(x: tf.Tensor, axis = -1, epsilon = 1e-12): tf.Tensor {
  return tf.tidy(() => tf.sqrt(tf.add(tf.sum(tf.square(x), axis, true), epsilon * epsilon)));
}

/** Each row (last axis) divided by its L2 norm; rows of zeros stay zero. */
export function normaliseRows(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(x, safeNorm(x)));
}
