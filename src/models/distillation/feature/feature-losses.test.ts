import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { denseFromValues } from '../learned-layers.js';
import { hintLoss } from '../regression/hint-loss.js';
import { scalarOf, useCpuBackend, valuesOf } from '../test-setup.js';
import type { DistillationContext } from '../types.js';
import { attentionTransferLoss } from './attention-transfer.js';
import { createFactorTransfer, factorTransferLoss } from './factor-transfer.js';
import { createFitNets, fitnetsLoss } from './fitnets.js';
import { neuronSelectivityLoss } from './neuron-selectivity.js';

beforeAll(useCpuBackend);

const context = (student: tf.Tensor, teacher: tf.Tensor): DistillationContext => ({
  studentOutput: tf.zeros([student.shape[0] ?? 1, 1]),
  teacherOutput: tf.zeros([student.shape[0] ?? 1, 1]),
  studentFeatures: [student],
  teacherFeatures: [teacher],
});

describe('hint loss', () => {
  it('is the mean squared difference of same-shaped features', () => {
    const loss = hintLoss(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([
        [1, 0],
        [3, 5],
      ]),
    );
    // Differences 0, 2, 0, −1 → (0 + 4 + 0 + 1) / 4 = 1.25.
    expect(scalarOf(loss)).toBeCloseTo(1.25, 6);
  });
});

describe('FitNets', () => {
  it('is half the mean squared error of a dense regressor on MLP vectors', () => {
    const regressor = denseFromValues([[1], [1]], [0.5]);
    const loss = fitnetsLoss(
      tf.tensor2d([
        [1, 2],
        [0, 1],
      ]),
      tf.tensor2d([[3], [2]]),
      regressor,
    );
    // r = [1 + 2 + 0.5, 0 + 1 + 0.5] = [3.5, 1.5]; errors ±0.5 → mean 0.25; ½ → 0.125.
    expect(scalarOf(loss)).toBeCloseTo(0.125, 6);
  });

  it('applies the regressor as a 1×1 convolution on CNN maps', () => {
    const regressor = denseFromValues([[2], [3]], [0]);
    const student = tf.tensor4d([
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
    ]); // [1, 1, 2, 2]
    const teacher = tf.tensor4d([[[[1], [3]]]]); // [1, 1, 2, 1]
    // r = [2, 3] per position; errors 1, 0 → mean 0.5; ½ → 0.25.
    expect(scalarOf(fitnetsLoss(student, teacher, regressor))).toBeCloseTo(0.25, 6);
  });

  it('exposes a regressor sized student→teacher channels that a gradient step improves', () => {
    const method = createFitNets();
    const ctx = context(
      tf.tensor2d([
        [1, 2, 0],
        [0, 1, 1],
      ]),
      tf.tensor2d([
        [1, -1],
        [2, 0],
      ]),
    );
    const variables = method.extraVariables!(ctx);
    expect(variables.map((v) => v.shape)).toEqual([[3, 2], [2]]);

    const before = scalarOf(method.loss(ctx));
    tf.train.sgd(0.1).minimize(() => method.loss(ctx), false, variables);
    expect(scalarOf(method.loss(ctx))).toBeLessThan(before);
    expect(createFitNets().extraVariables!(ctx)[0]).not.toBe(variables[0]);
    method.dispose!();
  });

  it('rejects CNN maps of different sizes, naming both', () => {
    const method = createFitNets();
    const ctx = context(tf.zeros([1, 4, 4, 2]), tf.zeros([1, 2, 2, 3]));
    expect(() => method.loss(ctx)).toThrow(
      'fitnets: the 1×1 regressor needs equal map sizes, student 4×4 vs teacher 2×2',
    );
  });
});

describe('factor transfer', () => {
  it('is the batch-mean L1 distance of the L2-normalised factors', () => {
    const loss = factorTransferLoss(
      tf.tensor2d([
        [3, 4],
        [0, 2],
      ]),
      tf.tensor2d([
        [1, 0],
        [0, 5],
      ]),
    );
    // Row 1: [0.6, 0.8] − [1, 0] → 0.4 + 0.8 = 1.2; row 2: [0, 1] − [0, 1] → 0. Mean 0.6.
    expect(scalarOf(loss)).toBeCloseTo(0.6, 6);
  });

  it('trains only the translator in the student loss and the paraphraser in its own step', () => {
    const method = createFactorTransfer();
    const ctx = context(
      tf.tensor2d([
        [1, 2, 3],
        [0, 1, 0],
      ]),
      tf.tensor2d([
        [1, 0, 2, 1],
        [0, 3, 1, 0],
      ]),
    );
    const translator = method.extraVariables!(ctx);
    const paraphraser = method.auxiliary!.variables(ctx);
    // Teacher width 4 × rate 0.5 → factors of 2: encoder [4, 2], decoder [2, 4], translator [3, 2].
    expect(paraphraser.map((v) => v.shape)).toEqual([[4, 2], [2], [2, 4], [4]]);
    expect(translator.map((v) => v.shape)).toEqual([[3, 2], [2]]);

    const { grads } = tf.variableGrads(() => method.loss(ctx), [...paraphraser, ...translator]);
    const encoderGrad = grads[paraphraser[0]!.name]!;
    expect(valuesOf(encoderGrad).every((g) => g === 0)).toBe(true);
    expect(scalarOf(method.auxiliary!.loss(ctx))).toBeGreaterThan(0);
    method.dispose!();
  });

  it('refuses CNN maps', () => {
    const method = createFactorTransfer();
    expect(() => method.loss(context(tf.zeros([1, 2, 2, 3]), tf.zeros([1, 2, 2, 3])))).toThrow(
      'factor-transfer: an MLP hidden vector must have rank 2, got shape [1, 2, 2, 3]',
    );
  });
});

describe('attention transfer', () => {
  it('is β/2 times the mean squared difference of the normalised attention maps', () => {
    const student = tf.tensor4d([[[[1], [2]]]]); // energy [1, 4] → [1, 4]/√17
    const teacher = tf.tensor4d([
      [
        [
          [1, 1],
          [0, 0],
        ],
      ],
    ]); // channel-mean energy [1, 0] → [1, 0]
    // ((1/√17 − 1)² + (4/√17)²) / 2 = (2 − 2/√17) / 2 = 1 − 1/√17 = 0.7574643; β/2 = 1.
    expect(scalarOf(attentionTransferLoss(student, teacher, 2))).toBeCloseTo(
      1 - 1 / Math.sqrt(17),
      5,
    );
  });
});

describe('neuron selectivity transfer', () => {
  it('is λ/2 times the polynomial-kernel MMD² of the channel distributions', () => {
    const student = tf.tensor4d([[[[1], [2]]]]); // one channel [1, 2]/√5
    const teacher = tf.tensor4d([
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
    ]); // channels [1, 0] and [0, 1]
    // k(x, y) = (xᵀy)²: teacher–teacher mean (1 + 0 + 0 + 1)/4 = 0.5; student–student 1;
    // cross mean ((1/√5)² + (2/√5)²)/2 = 0.5 → MMD² = 0.5 + 1 − 2·0.5 = 0.5; λ/2 = 1.
    expect(scalarOf(neuronSelectivityLoss(student, teacher, 2))).toBeCloseTo(0.5, 5);
  });
});
