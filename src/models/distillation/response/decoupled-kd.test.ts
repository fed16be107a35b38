import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { scalarOf, useCpuBackend } from '../test-setup.js';
import { decoupledKd, decoupledKdLoss } from './decoupled-kd.js';

beforeAll(useCpuBackend);

// With T = 2, logits 2·ln p soften to exactly p.
const logitsOf = (rows: number[][]) =>
  tf.tensor2d(rows.map((row) => row.map((p) => 2 * Math.log(p))));

describe('decoupledKdLoss', () => {
  it('weights the target-class term by α and the non-target term by β, times T²', () => {
    const student = logitsOf([
      [0.5, 0.25, 0.25],
      [0.25, 0.5, 0.25],
    ]);
    const teacher = logitsOf([
      [0.5, 0.375, 0.125],
      [0.125, 0.75, 0.125],
    ]);
    const targets = tf.tensor1d([0, 1], 'int32');
    const loss = decoupledKdLoss(student, teacher, targets, {
      alpha: 1,
      beta: 8,
      distillTemperature: 2,
    });
    // Row 1 (target 0): b_t = b_s = [0.5, 0.5] → TCKD = 0; non-target p̂_t = [0.75, 0.25],
    //   p̂_s = [0.5, 0.5] → NCKD = 0.75·ln 1.5 + 0.25·ln 0.5 = 0.1308120.
    // Row 2 (target 1): b_t = [0.75, 0.25], b_s = [0.5, 0.5] → TCKD = 0.1308120; p̂_t = p̂_s → 0.
    const kl = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
    const row1 = (1 * 0 + 8 * kl) * 4;
    const row2 = (1 * kl + 8 * 0) * 4;
    expect(scalarOf(loss)).toBeCloseTo((row1 + row2) / 2, 5); // 2.3546155
  });

  it('needs the hard labels of the context', () => {
    const ctx = {
      studentOutput: tf.zeros([1, 3]),
      teacherOutput: tf.zeros([1, 3]),
      studentFeatures: [],
      teacherFeatures: [],
    };
    expect(() => decoupledKd.loss(ctx)).toThrow(
      'dkd needs target (hard labels) in the distillation context',
    );
  });
});
