import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { scalarOf, useCpuBackend } from '../test-setup.js';
import { regressionResponseLoss, responseMse } from './regression-response.js';

beforeAll(useCpuBackend);

describe('regression response loss', () => {
  // LST in kelvin, batch of 3 pixels × 1 output.
  const student = () => tf.tensor2d([[300], [290], [310]]);
  const teacher = () => tf.tensor2d([[301], [288], [310]]);

  it('is the mean squared and mean absolute error to the teacher', () => {
    // Errors −1, +2, 0 K: MSE = (1 + 4 + 0) / 3 = 5/3; L1 = (1 + 2 + 0) / 3 = 1.
    expect(scalarOf(regressionResponseLoss(student(), teacher(), { norm: 'mse' }))).toBeCloseTo(
      5 / 3,
      4,
    );
    expect(scalarOf(regressionResponseLoss(student(), teacher(), { norm: 'l1' }))).toBeCloseTo(
      1,
      5,
    );
  });

  it('weights each pixel by the inverse of the teacher variance', () => {
    const variance = tf.tensor2d([[1], [4], [0.5]]);
    const loss = regressionResponseLoss(student(), teacher(), {
      norm: 'mse',
      teacherVariance: variance,
      varianceEpsilon: 0,
    });
    // w = [1, 0.25, 2]; Σ w·e² = 1·1 + 0.25·4 + 2·0 = 2; Σ w = 3.25 → 0.6153846.
    expect(scalarOf(loss)).toBeCloseTo(2 / 3.25, 5);
  });

  it('ignores masked pixels through the context weights', () => {
    const loss = responseMse.loss({
      studentOutput: student(),
      teacherOutput: teacher(),
      weights: tf.tensor2d([[1], [0], [1]]),
      studentFeatures: [],
      teacherFeatures: [],
    });
    // Pixel 2 masked: (1 + 0) / 2 non-zero weights = 0.5.
    expect(scalarOf(loss)).toBeCloseTo(0.5, 5);
  });

  it('needs the teacher variance when variance weighting is on', () => {
    const ctx = {
      studentOutput: student(),
      teacherOutput: teacher(),
      studentFeatures: [],
      teacherFeatures: [],
    };
    expect(() => responseMse.loss(ctx, { varianceWeighting: 1 })).toThrow(
      'response-mse needs teacherVariance in the distillation context',
    );
  });
});
