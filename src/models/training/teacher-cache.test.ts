import { beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../architectures/index.js';
import { initBackend } from '../backend.js';
import { tf } from '../tf.js';
import type { TrainingBatch } from './step-engine.js';
import type { TabularSplit } from './tabular-data.js';
import { cachedTeacherSignal, networkSignal, type TeacherSignal } from './teacher-signal.js';
import { shuffledBatches, trainNetwork } from './train-network.js';
import { learningRateAt } from './training-config.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

function splitOf(rows: number, inputWidth: number, targetWidth: number): TabularSplit {
  const inputs = Float32Array.from({ length: rows * inputWidth }, (_, i) => Math.sin(i * 0.37));
  const targets = Float32Array.from({ length: rows * targetWidth }, (_, i) => Math.cos(i * 0.11));
  return { inputs, targets, rows, inputWidth, targetWidth };
}

function firstBatch(split: TabularSplit, batchSize: number, seed: number): TrainingBatch {
  for (const batch of shuffledBatches(split, batchSize, seed, 0)) {
    // Keep the tensors: the generator disposes a batch only when the next one is asked for.
    return { ...batch, inputs: tf.clone(batch.inputs), targets: tf.clone(batch.targets) };
  }
  throw new Error('empty split');
}

function countingSignal(signal: TeacherSignal): { signal: TeacherSignal; rows: () => number } {
  let rows = 0;
  return {
    signal: (inputs, batch) => {
      rows += inputs.shape[0];
      return signal(inputs, batch);
    },
    rows: () => rows,
  };
}

describe('cachedTeacherSignal', () => {
  it('returns the teacher outputs and features of the batch rows without running the teacher', () => {
    const teacher = createNetwork({
      className: 'MLP',
      config: { inputs: 3, outputs: 2, hidden: [16, 8] },
    });
    const split = splitOf(5000, 3, 2);
    const counter = countingSignal(networkSignal(teacher));
    const cached = cachedTeacherSignal(counter.signal, split);
    // One probe row, then the 5000 rows in chunks of 4096 rows.
    expect(counter.rows()).toBe(5001);

    const batch = firstBatch(split, 300, 7);
    const fromCache = cached(batch.inputs, batch);
    expect(counter.rows()).toBe(5001);
    const live = networkSignal(teacher)(batch.inputs);
    expect(fromCache.output.shape).toEqual([300, 2]);
    expect(fromCache.features.map((f) => f.shape)).toEqual([
      [300, 16],
      [300, 8],
    ]);
    const outputs = [fromCache.output, ...fromCache.features];
    const expected = [live.output, ...live.features];
    outputs.forEach((tensor, i) => {
      const a = Array.from(tensor.dataSync());
      const b = Array.from(expected[i]!.dataSync());
      const worst = a.reduce((max, value, j) => Math.max(max, Math.abs(value - b[j]!)), 0);
      expect(worst).toBeLessThan(1e-5);
    });
    tf.dispose([...outputs, ...expected, batch.inputs, batch.targets]);

    // Rows of another split (validation, generated rows) run the teacher.
    const other = splitOf(10, 3, 2);
    const x = tf.tensor2d(other.inputs, [10, 3]);
    const result = cached(x, { source: other, rowIndices: Uint32Array.from([0, 1]) });
    expect(counter.rows()).toBe(5011);
    tf.dispose([x, result.output, ...result.features]);
    teacher.dispose();
  });

  it('runs the teacher live when the cache would exceed its byte limit', () => {
    const teacher = createNetwork({
      className: 'MLP',
      config: { inputs: 3, outputs: 2, hidden: [4] },
    });
    const split = splitOf(100, 3, 2);
    const counter = countingSignal(networkSignal(teacher));
    // (2 + 4) floats × 4 bytes × 100 rows = 2400 bytes > 2000.
    const cached = cachedTeacherSignal(counter.signal, split, 2000);
    expect(counter.rows()).toBe(1);
    const batch = firstBatch(split, 10, 1);
    const result = cached(batch.inputs, batch);
    expect(counter.rows()).toBe(11);
    tf.dispose([result.output, ...result.features, batch.inputs, batch.targets]);
    teacher.dispose();
  });
});

describe('learning-rate schedules', () => {
  it('follows the half cosine of SGDR from the peak rate to zero', () => {
    const config = { learningRate: 0.002, epochs: 10, schedule: 'cosine' as const };
    expect(learningRateAt(config, 0)).toBeCloseTo(0.002, 12);
    expect(learningRateAt(config, 5)).toBeCloseTo(0.001, 12);
    // ½ (1 + cos(0.9 π)) = 0.024471741852...
    expect(learningRateAt(config, 9)).toBeCloseTo(0.002 * 0.024471741852423, 12);
    expect(learningRateAt({ learningRate: 0.002, epochs: 10 }, 9)).toBe(0.002);
  });

  it('trains with the scheduled rate: a cosine run differs from a constant one after epoch 0', async () => {
    const split = splitOf(512, 3, 2);
    const run = async (schedule: 'constant' | 'cosine') => {
      const network = createNetwork({
        className: 'MLP',
        config: { inputs: 3, outputs: 2, hidden: [8] },
      });
      const result = await trainNetwork({
        network,
        train: split,
        validation: split,
        config: { epochs: 3, batchSize: 64, learningRate: 0.01, patience: 5, seed: 3, schedule },
      });
      network.dispose();
      return result.history.map((report) => report.trainLoss);
    };
    const constant = await run('constant');
    const cosine = await run('cosine');
    // Epoch 0 runs at the peak rate in both; the rates differ from epoch 1 on.
    expect(cosine[0]).toBe(constant[0]);
    expect(cosine[2]).not.toBe(constant[2]);
  });
});
