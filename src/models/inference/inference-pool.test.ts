import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createNetwork, type Network } from '../architectures/index.js';
import { initBackend } from '../backend.js';
import { saveNetwork } from '../serialize.js';
import { tf } from '../tf.js';
import { createInferencePool, type InferencePool } from './inference-pool-node.js';

const SPEC = { className: 'MLP', config: { inputs: 3, hidden: [8, 8], outputs: 2 } };
const ROWS = 37;
const COLUMNS = 53;

/** Pixel-major features of a ROWS × COLUMNS raster: (row, column, row·column) scaled. */
function rasterFeatures(): Float32Array {
  const features = new Float32Array(ROWS * COLUMNS * 3);
  for (let pixel = 0; pixel < ROWS * COLUMNS; pixel++) {
    const row = Math.floor(pixel / COLUMNS);
    const column = pixel % COLUMNS;
    features.set([row / ROWS, column / COLUMNS, (row * column) / (ROWS * COLUMNS)], pixel * 3);
  }
  return features;
}

let network: Network;
let expected: Float32Array;
const pools: InferencePool[] = [];

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
  network = createNetwork(SPEC);
  expected = tf.tidy(
    () =>
      network
        .predict(tf.tensor2d(rasterFeatures(), [ROWS * COLUMNS, 3]))
        .output.dataSync() as Float32Array,
  );
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  network.dispose();
});

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);
}

describe('createInferencePool', () => {
  it('predicts a raster on two workers in row chunks exactly as the network in-process', async () => {
    const weights = network.model.getWeights().map((weight) => weight.dataSync() as Float32Array);
    const pool = await createInferencePool(
      { spec: SPEC, weights },
      { workers: 2, backend: 'wasm', chunkPixels: 300, batchPixels: 128 },
    );
    pools.push(pool);
    const output = await pool.predict(rasterFeatures(), ROWS, COLUMNS);
    expect(output.length).toBe(ROWS * COLUMNS * 2);
    expect(maxDifference(output, expected)).toBeLessThan(1e-6);
  });

  it('loads a saved model in each worker', async () => {
    const saved = await saveNetwork(network, {
      id: 'test-mlp',
      name: 'test MLP',
      task: 'lst-lse',
      inputs: ['a', 'b', 'c'].map((name) => ({ name, mean: 0, std: 1, unit: '1' })),
      outputs: [
        { name: 'lst', unit: 'K' },
        { name: 'emissivity', unit: '1' },
      ],
      sensor: 'generic',
      trainingDataHash: 'none',
      commandLine: 'test',
      method: 'none',
      hyperParameters: {},
      metrics: {},
      teacherId: null,
      createdAt: '2026-01-01T00:00:00Z',
    });
    const pool = await createInferencePool({ saved }, { workers: 2, backend: 'wasm' });
    pools.push(pool);
    const output = await pool.predict(rasterFeatures(), ROWS, COLUMNS);
    expect(maxDifference(output, expected)).toBeLessThan(1e-6);
  });

  it('rejects features that are not a whole number of inputs per pixel', async () => {
    const pool = pools[0]!;
    await expect(pool.predict(new Float32Array(10), 2, 3)).rejects.toThrow(
      'features have 10 values, not a whole number of inputs for 6 pixels',
    );
  });
});
