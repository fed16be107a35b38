import { readFileSync } from 'node:fs';
import { tf } from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../test/helpers/shared-data.js';
import { scalarOf, useCpuBackend, valuesOf } from './test-setup.js';
import { weightedLoss } from './weighted-loss.js';

interface B19Case {
  losses: number[][];
  weights: number[][];
  expected: number;
  buggy_reported: number;
  tolerance: number;
}

beforeAll(useCpuBackend);

describe('weightedLoss', () => {
  it('counts non-zero weights after broadcasting them (reported fault B19)', () => {
    const fault = JSON.parse(
      readFileSync(sharedDataFile('reported-faults/b19_weighted_loss_case.json'), 'utf8'),
    ) as B19Case;
    const loss = weightedLoss(tf.tensor2d(fault.losses), tf.tensor2d(fault.weights));
    // Σ l·w = 0.3 (row 1) + 0.1 (row 2) + 0.2 (row 3) = 0.6; 9 non-zero weights → 0.6 / 9.
    expect(Math.abs(scalarOf(loss) - fault.expected)).toBeLessThan(fault.tolerance);
    expect(Math.abs(scalarOf(loss) - fault.buggy_reported)).toBeGreaterThan(0.1);
  });

  it('divides by the sum of weights for mean and does not divide for sum', () => {
    const losses = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const weights = tf.tensor2d([[0, 2]]);
    // Σ l·w = 2·2 + 4·2 = 12; Σ broadcast weights = 4; non-zero weights = 2.
    expect(scalarOf(weightedLoss(losses, weights, 'sum'))).toBeCloseTo(12, 6);
    expect(scalarOf(weightedLoss(losses, weights, 'mean'))).toBeCloseTo(3, 6);
    expect(scalarOf(weightedLoss(losses, weights, 'sum-by-nonzero-weights'))).toBeCloseTo(6, 6);
    expect(scalarOf(weightedLoss(losses))).toBeCloseTo(2.5, 6);
  });

  it('returns 0 when every weight is zero', () => {
    const loss = weightedLoss(tf.tensor1d([5, 7]), tf.tensor1d([0, 0]));
    expect(scalarOf(loss)).toBe(0);
  });

  it('passes the gradient to the losses through the weights', () => {
    const weights = tf.tensor2d([[0.5, 0]]);
    const grad = tf.grad((l: tf.Tensor) => weightedLoss(l, weights))(tf.ones([2, 2]));
    // d/dl of Σ l·w / 2 non-zero weights = w / 2.
    expect(valuesOf(grad)).toEqual([0.25, 0, 0.25, 0]);
  });

  it('rejects weights that do not broadcast to the loss, naming both shapes', () => {
    expect(() => weightedLoss(tf.ones([3, 3]), tf.ones([2]))).toThrow(
      'loss weights of shape [2] do not broadcast to the loss shape [3, 3]',
    );
  });
});
