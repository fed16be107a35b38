import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { scalarOf, useCpuBackend, valuesOf } from '../test-setup.js';
import { boundGeneratorOutput, sampleSimulatorDomain } from './data-free.js';
import {
  combineRegressionTeachers,
  combinedTeacherLogits,
  inverseVarianceTeacherWeights,
  softmaxConfidenceWeights,
} from './multi-teacher.js';
import { mutualKlLoss, mutualMseLoss } from './mutual-learning.js';

beforeAll(useCpuBackend);

const round = (values: number[]) => values.map((v) => Number(v.toFixed(5)));

describe('mutual learning peer losses', () => {
  it('is the KL from the peer distribution for classification peers', () => {
    // Peer [ln 3, 0] → [0.75, 0.25]; own uniform: 0.75·ln 1.5 + 0.25·ln 0.5 = 0.1308120.
    const loss = mutualKlLoss(tf.tensor2d([[0, 0]]), tf.tensor2d([[Math.log(3), 0]]));
    expect(scalarOf(loss)).toBeCloseTo(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), 5);
  });

  it('is the MSE to the peer for regression peers, with no gradient into the peer', () => {
    const own = tf.tensor1d([1, 2]);
    const peer = tf.tensor1d([2, 4]);
    expect(scalarOf(mutualMseLoss(own, peer))).toBeCloseTo(2.5, 6); // (1 + 4) / 2
    const [toOwn, toPeer] = tf.grads((a: tf.Tensor, b: tf.Tensor) => mutualMseLoss(a, b))([
      own,
      peer,
    ]);
    expect(valuesOf(toOwn!)).toEqual([-1, -2]); // (own − peer)
    expect(valuesOf(toPeer!)).toEqual([0, 0]);
  });
});

describe('multi-teacher weighting', () => {
  it('weights classification teachers by their softmax confidence', () => {
    const teachers = [tf.tensor2d([[Math.log(3), 0]]), tf.tensor2d([[0, 0]])];
    const weights = softmaxConfidenceWeights(teachers);
    // Confidences 0.75 and 0.5 → 0.6 and 0.4.
    expect(round(valuesOf(weights))).toEqual([0.6, 0.4]);
    // Mixture 0.6·[0.75, 0.25] + 0.4·[0.5, 0.5] = [0.65, 0.35].
    const mixture = tf.softmax(combinedTeacherLogits(teachers, weights, 1));
    expect(round(valuesOf(mixture))).toEqual([0.65, 0.35]);
  });

  it('weights regression teachers by inverse predictive variance', () => {
    const variances = [tf.tensor1d([1]), tf.tensor1d([3])];
    expect(round(valuesOf(inverseVarianceTeacherWeights(variances)))).toEqual([0.75, 0.25]);
    const { mean, variance } = combineRegressionTeachers(
      [tf.tensor1d([300]), tf.tensor1d([304])],
      variances,
    );
    // 0.75·300 + 0.25·304 = 301 K; 1 / (1 + 1/3) = 0.75 K².
    expect(scalarOf(mean)).toBeCloseTo(301, 3);
    expect(scalarOf(variance)).toBeCloseTo(0.75, 5);
  });
});

describe('data-free input bounds', () => {
  const bounds = [
    { name: 'brightnessTemperatureK', min: 200, max: 350 },
    { name: 'emissivity', min: 0.9, max: 1 },
  ];

  it('maps generator outputs into the physical ranges by sigmoid or clamp', () => {
    expect(round(valuesOf(boundGeneratorOutput(tf.tensor2d([[0, 0]]), bounds)))).toEqual([
      275, 0.95,
    ]);
    expect(round(valuesOf(boundGeneratorOutput(tf.tensor2d([[100, -100]]), bounds)))).toEqual([
      350, 0.9,
    ]);
    const clamped = boundGeneratorOutput(tf.tensor2d([[400, 0.95]]), bounds, 'clamp');
    expect(round(valuesOf(clamped))).toEqual([350, 0.95]);
  });

  it('samples the simulator domain within the bounds', () => {
    const samples = valuesOf(sampleSimulatorDomain(bounds, 500, 7));
    const temperatures = samples.filter((_, i) => i % 2 === 0);
    const emissivities = samples.filter((_, i) => i % 2 === 1);
    expect(Math.min(...temperatures)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...temperatures)).toBeLessThanOrEqual(350);
    expect(Math.min(...emissivities)).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...emissivities)).toBeLessThanOrEqual(1);
  });

  it('rejects an empty range, naming the input', () => {
    expect(() => sampleSimulatorDomain([{ name: 'ndvi', min: 1, max: -1 }], 2, 1)).toThrow(
      'data-free: bounds of ndvi are invalid: [1, -1]',
    );
  });
});
