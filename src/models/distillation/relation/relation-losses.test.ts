import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { scalarOf, useCpuBackend, valuesOf } from '../test-setup.js';
import { huberElementwise } from './huber.js';
import { relationalKd, rkdAngleLoss, rkdDistanceLoss } from './relational-kd.js';
import { similarityPreservingLoss } from './similarity-preserving.js';

beforeAll(useCpuBackend);

describe('Huber loss', () => {
  it('is quadratic within δ and linear beyond', () => {
    // ½·0.5² = 0.125; 1·(2 − ½) = 1.5; symmetric.
    expect(valuesOf(huberElementwise(tf.tensor1d([0.5, 2, -2])))).toEqual([0.125, 1.5, 1.5]);
  });
});

describe('relational KD', () => {
  it('compares distances normalised by their mean over the pairs', () => {
    const student = tf.tensor2d([[0], [1], [3]]); // d = 1, 3, 2; mean 2 → ψ = 0.5, 1.5, 1
    const teacher = tf.tensor2d([[0], [2], [4]]); // d = 2, 4, 2; mean 8/3 → ψ = 0.75, 1.5, 0.75
    // Differences −0.25, 0, 0.25 → Huber 0.03125, 0, 0.03125; mean over 6 ordered pairs
    // = 2·(0.03125 + 0 + 0.03125) / 6 = 0.0208333.
    expect(scalarOf(rkdDistanceLoss(student, teacher))).toBeCloseTo(0.0625 / 3, 6);
  });

  it('compares the angles of every triplet of distinct samples', () => {
    const student = tf.tensor2d([
      [0, 0],
      [1, 0],
      [0, 1],
    ]); // right angle at A: cos 0, 1/√2, 1/√2
    const teacher = tf.tensor2d([
      [0, 0],
      [1, 0],
      [1, 1],
    ]); // right angle at B: cos 1/√2, 0, 1/√2
    // Cosine differences ∓1/√2 at A and B, 0 at C, each in 2 triplet orders:
    // Huber(1/√2) = ½·0.5 = 0.25 → (4·0.25) / 6 triplets = 1/6.
    expect(scalarOf(rkdAngleLoss(student, teacher))).toBeCloseTo(1 / 6, 5);
  });

  it('keeps gradients finite when two samples coincide', () => {
    const teacher = tf.tensor2d([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
    const grad = tf.grad((s: tf.Tensor) =>
      tf.add(rkdDistanceLoss(s, teacher), rkdAngleLoss(s, teacher)),
    );
    const values = valuesOf(
      grad(
        tf.tensor2d([
          [1, 1],
          [1, 1],
          [0, 3],
        ]),
      ),
    );
    expect(values.every(Number.isFinite)).toBe(true);
  });
});

describe('similarity-preserving KD', () => {
  it('is the mean squared difference of the row-normalised batch similarity matrices', () => {
    const student = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]); // G = I
    const teacher = tf.tensor2d([
      [1, 0],
      [1, 0],
    ]); // G = all ones → rows [1/√2, 1/√2]
    // Each row: (1 − 1/√2)² + (1/√2)² = 2 − √2; two rows / b² = 4 → (2 − √2) / 2 = 0.2928932.
    expect(scalarOf(similarityPreservingLoss(student, teacher))).toBeCloseTo(
      (2 - Math.SQRT2) / 2,
      5,
    );
  });
});

describe('relational KD registry entry', () => {
  it('takes the angle term over the first angleRows rows and the distance term over all', () => {
    const student = tf.tensor2d([[0], [1], [3], [7], [2]]);
    const teacher = tf.tensor2d([[0], [2], [4], [5], [9]]);
    const ctx = {
      studentOutput: student,
      teacherOutput: teacher,
      studentFeatures: [student],
      teacherFeatures: [teacher],
    };
    const expected =
      25 * scalarOf(rkdDistanceLoss(student, teacher)) +
      50 * scalarOf(rkdAngleLoss(tf.slice(student, 0, 3), tf.slice(teacher, 0, 3)));
    expect(scalarOf(relationalKd.loss(ctx, { angleRows: 3 }))).toBeCloseTo(expected, 4);
    const all =
      25 * scalarOf(rkdDistanceLoss(student, teacher)) +
      50 * scalarOf(rkdAngleLoss(student, teacher));
    expect(scalarOf(relationalKd.loss(ctx, { angleRows: 0 }))).toBeCloseTo(all, 4);
    expect(Math.abs(all - expected)).toBeGreaterThan(1e-3);
  });
});
