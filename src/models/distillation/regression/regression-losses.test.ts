import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { scalarOf, useCpuBackend, valuesOf } from '../test-setup.js';
import { pseudoLabelLoss } from './pseudo-label.js';
import { teacherBounded, teacherBoundedLoss } from './teacher-bounded.js';

beforeAll(useCpuBackend);

describe('teacher-bounded regression loss', () => {
  // LST targets of 3 pixels, 1 output (K); margin m = 1 K².
  const target = () => tf.tensor2d([[10], [10], [10]]);
  const teacher = () => tf.tensor2d([[11], [12], [10]]); // teacher errors² 1, 4, 0
  const student = () => tf.tensor2d([[13], [10.5], [9.5]]); // student errors² 9, 0.25, 0.25

  it('keeps the student error only where the student is not better than the teacher by m', () => {
    // Pixel 1: 9 + 1 > 1 → 9; pixel 2: 0.25 + 1 ≤ 4 → 0; pixel 3: 0.25 + 1 > 0 → 0.25.
    const loss = teacherBoundedLoss(student(), teacher(), target(), 1);
    expect(scalarOf(loss)).toBeCloseTo((9 + 0 + 0.25) / 3, 5);
  });

  it('has a zero gradient where the student beats the teacher by the margin', () => {
    const grad = tf.grad((s: tf.Tensor) => teacherBoundedLoss(s, teacher(), target(), 1))(
      student(),
    );
    // d/ds of mask·(s − y)² / 3: pixel 1: 2·3/3 = 2; pixel 2: 0 (masked); pixel 3: 2·(−0.5)/3.
    const values = valuesOf(grad);
    expect(values[0]).toBeCloseTo(2, 5);
    expect(values[1]).toBe(0);
    expect(values[2]).toBeCloseTo(-1 / 3, 5);
  });

  it('matches central finite differences away from the mask boundary', () => {
    const s = [13, 10.5, 9.5];
    const lossAt = (values: number[]) =>
      scalarOf(teacherBoundedLoss(tf.tensor2d(values, [3, 1]), teacher(), target(), 1));
    const analytic = valuesOf(
      tf.grad((x: tf.Tensor) => teacherBoundedLoss(x, teacher(), target(), 1))(student()),
    );
    const h = 1e-2;
    s.forEach((_, i) => {
      const up = s.map((v, j) => (j === i ? v + h : v));
      const down = s.map((v, j) => (j === i ? v - h : v));
      expect(analytic[i]).toBeCloseTo((lossAt(up) - lossAt(down)) / (2 * h), 2);
    });
  });

  it('needs the ground truth', () => {
    const ctx = {
      studentOutput: student(),
      teacherOutput: teacher(),
      studentFeatures: [],
      teacherFeatures: [],
    };
    expect(() => teacherBounded.loss(ctx)).toThrow('teacher-bounded needs target (ground truth)');
  });
});

describe('pseudo-label loss', () => {
  const student = () => tf.tensor2d([[300], [290], [310], [305]]);
  const teacher = () => tf.tensor2d([[301], [Number.NaN], [312], [305]]);

  it('skips NaN teacher pixels and averages the rest', () => {
    // (1 + 4 + 0) / 3 usable pixels.
    expect(scalarOf(pseudoLabelLoss(student(), teacher()))).toBeCloseTo(5 / 3, 4);
  });

  it('drops pixels whose teacher standard deviation exceeds the limit, with finite gradients', () => {
    const options = { teacherVariance: tf.tensor2d([[0.25], [1], [9], [0.25]]), maxTeacherStd: 2 };
    // Pixel 3 has σ = 3 K > 2 K: (1 + 0) / 2 = 0.5.
    expect(scalarOf(pseudoLabelLoss(student(), teacher(), options))).toBeCloseTo(0.5, 5);
    const grad = valuesOf(
      tf.grad((s: tf.Tensor) => pseudoLabelLoss(s, teacher(), options))(student()),
    );
    // d/ds (s − t)² / 2 = (s − t): −1 for pixel 1, 0 elsewhere.
    expect(grad).toEqual([-1, 0, 0, 0]);
  });
});
