import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { scalarOf, useCpuBackend } from '../test-setup.js';
import { hintonKd, hintonKdLoss } from './hinton-kd.js';

beforeAll(useCpuBackend);

const LN2 = Math.log(2);
// With T = 2, logits 2·ln p soften to exactly p.
const studentLogits = () =>
  tf.tensor2d([
    [0, 0, 2 * LN2], // softened: [0.25, 0.25, 0.5]
    [0, 0, 0], // softened: [1/3, 1/3, 1/3]
  ]);
const teacherLogits = () =>
  tf.tensor2d([
    [0, 2 * LN2, 0], // softened: [0.25, 0.5, 0.25]
    [0, 0, 0],
  ]);

describe('hintonKdLoss', () => {
  it('is T² times the batch-mean KL of the softened distributions without targets', () => {
    const loss = hintonKdLoss(studentLogits(), teacherLogits(), {
      distillTemperature: 2,
      alpha: 0.75,
    });
    // Row 1: KL = 0.25·ln(0.25/0.25) + 0.5·ln(0.5/0.25) + 0.25·ln(0.25/0.5) = 0.25·ln 2;
    // row 2: 0. Mean = 0.125·ln 2; times T² = 4 → 0.5·ln 2 = 0.3465736.
    expect(scalarOf(loss)).toBeCloseTo(0.5 * LN2, 6);
  });

  it('mixes the soft term with the hard-label cross-entropy by α and 1 − α', () => {
    const targets = tf.tensor1d([2, 0], 'int32');
    const loss = hintonKdLoss(
      studentLogits(),
      teacherLogits(),
      { distillTemperature: 2, alpha: 0.75 },
      targets,
    );
    // Soft per row: 4·0.25·ln 2 = ln 2, and 0.
    // Hard (T = 1): row 1 softmax [0,0,2 ln 2] = [1/6, 1/6, 4/6] → −ln(2/3) = 0.4054651;
    // row 2 uniform → ln 3 = 1.0986123.
    const row1 = 0.75 * LN2 + 0.25 * -Math.log(2 / 3);
    const row2 = 0.75 * 0 + 0.25 * Math.log(3);
    expect(scalarOf(loss)).toBeCloseTo((row1 + row2) / 2, 6); // 0.4479395
  });

  it('is reached through the registry with the context target as hard label', () => {
    const loss = hintonKd.loss(
      {
        studentOutput: studentLogits(),
        teacherOutput: teacherLogits(),
        target: tf.tensor2d([
          [0, 0, 1],
          [1, 0, 0],
        ]),
        studentFeatures: [],
        teacherFeatures: [],
      },
      { distillTemperature: 2, alpha: 0.75 },
    );
    expect(scalarOf(loss)).toBeCloseTo(0.4479395, 5);
  });

  it('rejects a negative temperature and unknown parameters by name', () => {
    const ctx = {
      studentOutput: studentLogits(),
      teacherOutput: teacherLogits(),
      studentFeatures: [],
      teacherFeatures: [],
    };
    expect(() => hintonKd.loss(ctx, { distillTemperature: -1 })).toThrow(
      'hinton-kd: distillTemperature = -1 is invalid (allowed 0.001…100)',
    );
    expect(() => hintonKd.loss(ctx, { temperature: 2 })).toThrow('unknown parameter "temperature"');
  });
});
