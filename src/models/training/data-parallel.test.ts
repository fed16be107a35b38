import { afterAll, describe, expect, it } from 'vitest';

import { InvalidParameterError } from '../../errors.js';
import { tf } from '../tf.js';
import { createDataParallelTrainer, type DataParallelTrainer } from './data-parallel-node.js';
import type { FlatBatch } from './gradient-step.js';

const SPEC = { className: 'MLP', config: { inputs: 3, hidden: [16, 16], outputs: 2 } };

/** 64 rows of y = (2·x0 − x1, x2) on deterministic inputs in [0, 1). */
function linearBatch(rows = 64): FlatBatch {
  const inputs = new Float32Array(rows * 3).map((_, i) => ((i * 7919) % 1000) / 1000);
  const targets = new Float32Array(rows * 2);
  for (let row = 0; row < rows; row++) {
    targets[2 * row] = 2 * inputs[3 * row]! - inputs[3 * row + 1]!;
    targets[2 * row + 1] = inputs[3 * row + 2]!;
  }
  return { inputs, targets, rows };
}

function weightsOf(trainer: DataParallelTrainer): Float32Array[] {
  return trainer.network.model.getWeights().map((weight) => weight.dataSync() as Float32Array);
}

function maxDifference(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((values, index) =>
    values.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - b[index]![i]!)))),
  );
  return worst;
}

const opened: DataParallelTrainer[] = [];
async function open(
  options: Partial<Parameters<typeof createDataParallelTrainer>[0]>,
): Promise<DataParallelTrainer> {
  const trainer = await createDataParallelTrainer({
    spec: SPEC,
    optimizer: { name: 'sgd', learningRate: 0.1 },
    loss: 'mse',
    backend: 'wasm',
    ...options,
  });
  opened.push(trainer);
  return trainer;
}

afterAll(async () => {
  await Promise.all(opened.map((trainer) => trainer.close()));
});

describe('createDataParallelTrainer', () => {
  it('averages two workers into the same step as the whole batch in one thread', async () => {
    const local = await open({ workers: 0 });
    const parallel = await open({ workers: 2 });
    parallel.network.model.setWeights(local.network.model.getWeights());
    const batch = linearBatch(63);

    const localLoss = await local.step(batch);
    const parallelLoss = await parallel.step(batch);
    expect(parallelLoss).toBeCloseTo(localLoss, 5);
    expect(maxDifference(weightsOf(parallel), weightsOf(local))).toBeLessThan(1e-5);
    expect(parallel.workers).toBe(2);
  });

  it('trains an MLP on two workers until the loss is a tenth of its start', async () => {
    const trainer = await open({ workers: 2, optimizer: { name: 'adam', learningRate: 0.01 } });
    const batch = linearBatch();
    const first = await trainer.step(batch);
    let last = first;
    for (let step = 0; step < 80; step++) last = await trainer.step(batch);
    expect(last).toBeLessThan(first / 10);
  });

  it('computes a module loss in the workers from the teacher outputs passed with the batch', async () => {
    const trainer = await open({
      workers: 2,
      optimizer: { name: 'adam', learningRate: 0.01 },
      loss: {
        moduleUrl: new URL('./test-fixtures/teacher-loss.ts', import.meta.url).href,
        exportName: 'teacherMse',
      },
    });
    const batch = linearBatch();
    const teacherOutput = new Float32Array(batch.rows * 2).fill(0.75);
    const withTeacher = {
      ...batch,
      extraInputs: { teacherOutput: { values: teacherOutput, sampleShape: [2] } },
    };
    for (let step = 0; step < 60; step++) await trainer.step(withTeacher);

    const prediction = tf.tidy(() =>
      tf.mean(trainer.network.predict(tf.tensor2d(batch.inputs, [batch.rows, 3])).output),
    );
    expect(prediction.dataSync()[0]).toBeCloseTo(0.75, 1);
    prediction.dispose();
  });

  it('rejects a bad worker count and an unknown loss with messages naming them', async () => {
    await expect(open({ workers: -1 })).rejects.toThrow(
      'workers must be an integer in 0..64, got -1',
    );
    await expect(open({ workers: 0, loss: 'huber' as 'mse' })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(open({ workers: 0, loss: 'huber' as 'mse' })).rejects.toThrow(
      'unknown loss huber; use one of mse, mae or a module export',
    );
  });

  it('rejects a batch whose targets do not match its rows', async () => {
    const trainer = await open({ workers: 0 });
    const batch = linearBatch(8);
    await expect(trainer.step({ ...batch, targets: batch.targets.subarray(1) })).rejects.toThrow(
      'batch targets have 15 values, expected 8 rows × 2',
    );
  });
});
