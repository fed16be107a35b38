import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { denseFromValues } from '../learned-layers.js';
import { scalarOf, useCpuBackend, valuesOf } from '../test-setup.js';
import {
  createHolistic,
  discriminatorLoss,
  discriminatorVariables,
  holisticStudentLoss,
  type Discriminator,
} from './holistic.js';
import { pairwiseDistillation, pairwiseLoss } from './pairwise.js';

beforeAll(useCpuBackend);

describe('pair-wise distillation', () => {
  it('is the mean squared difference of node cosine similarities', () => {
    const student = tf.tensor4d([
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
    ]); // orthogonal nodes → a = I
    const teacher = tf.tensor4d([
      [
        [
          [1, 0],
          [2, 0],
        ],
      ],
    ]); // parallel nodes → a = all ones
    // Off-diagonal differences 1 and 1, diagonal 0 → 2 / (2 nodes)² = 0.5.
    expect(scalarOf(pairwiseLoss(student, teacher, 1))).toBeCloseTo(0.5, 6);
  });

  it('refuses per-pixel MLP vectors', () => {
    const ctx = {
      studentOutput: tf.zeros([4, 2]),
      teacherOutput: tf.zeros([4, 2]),
      studentFeatures: [tf.zeros([4, 2])],
      teacherFeatures: [tf.zeros([4, 2])],
    };
    expect(() => pairwiseDistillation.loss(ctx)).toThrow(
      'pairwise: a dense (chip/window) map must have rank 4, got shape [4, 2]',
    );
  });
});

describe('holistic (adversarial) distillation', () => {
  // A critic that averages leakyRelu of the centre tap of channel 0: D(Q) = mean leakyRelu(Q).
  const centreTapCritic = (): Discriminator => {
    const filter = tf.buffer([3, 3, 1, 8]);
    filter.set(1, 1, 1, 0, 0);
    const head = [[1], [0], [0], [0], [0], [0], [0], [0]];
    return {
      convFilter: tf.variable(filter.toTensor()),
      convBias: tf.variable(tf.zeros([8])),
      head: denseFromValues(head, [0]),
    };
  };

  it('scores teacher above student for the critic and −D(student) for the student', () => {
    const critic = centreTapCritic();
    const student = tf.tensor4d([[[[1], [-1]]]]); // leakyRelu(0.2) → [1, −0.2], mean 0.4
    const teacher = tf.tensor4d([[[[2], [2]]]]); // mean 2
    expect(scalarOf(discriminatorLoss(critic, student, teacher))).toBeCloseTo(0.4 - 2, 5);
    expect(scalarOf(holisticStudentLoss(critic, student))).toBeCloseTo(-0.4, 5);
  });

  it('passes the student gradient to the outputs but not to the critic', () => {
    const critic = centreTapCritic();
    const student = tf.tensor4d([[[[1], [-1]]]]);
    const toMaps = tf.grad((q: tf.Tensor) => holisticStudentLoss(critic, q))(student);
    // −d/dq mean(leakyRelu(q)) = −[1, 0.2] / 2.
    expect(valuesOf(toMaps).map((g) => Number(g.toFixed(6)))).toEqual([-0.5, -0.1]);
    const { grads } = tf.variableGrads(
      () => holisticStudentLoss(critic, student),
      discriminatorVariables(critic),
    );
    for (const grad of Object.values(grads))
      expect(valuesOf(grad).every((g) => g === 0)).toBe(true);
  });

  it('clips the critic weights after its step', () => {
    const method = createHolistic();
    const ctx = {
      studentOutput: tf.randomNormal([2, 4, 4, 1], 0, 1, 'float32', 3),
      teacherOutput: tf.randomNormal([2, 4, 4, 1], 0, 1, 'float32', 4),
      studentFeatures: [],
      teacherFeatures: [],
    };
    const variables = method.auxiliary!.variables(ctx);
    tf.train.sgd(1).minimize(() => method.auxiliary!.loss(ctx), false, variables);
    method.auxiliary!.afterStep!({ clip: 0.01 });
    const largest = Math.max(...variables.flatMap((v) => valuesOf(v).map(Math.abs)));
    expect(largest).toBeLessThanOrEqual(0.01 + 1e-7);
    method.dispose!();
  });
});
