import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors.js';
import { initBackend } from './backend.js';
import { createNetwork } from './architectures/index.js';
import type { Network } from './architectures/index.js';
import { loadNetwork, parseManifest, saveNetwork } from './serialize.js';
import type { ModelMetadata } from './serialize.js';
import { tf } from './tf.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

const metadata: ModelMetadata = {
  id: 'student-0001',
  name: 'LST student 3→48→48→2',
  task: 'lst-lse',
  inputs: [
    { name: 'bt10', mean: 295.2, std: 12.5, unit: 'K' },
    { name: 'bt11', mean: 294.1, std: 12.1, unit: 'K' },
    { name: 'ndvi', mean: 0.31, std: 0.22, unit: '1' },
  ],
  outputs: [
    { name: 'lst', unit: 'K' },
    { name: 'lse10', unit: '1' },
  ],
  sensor: 'landsat-8',
  trainingDataHash: 'sha256:9f2c',
  commandLine: 'rskd distill --teacher teacher-0001 --method hinton-kd',
  method: 'hinton-kd',
  hyperParameters: { distillTemperature: 4, alpha: 0.7, batchSize: 256 },
  metrics: { maeKelvin: 0.724 },
  teacherId: 'teacher-0001',
  createdAt: '2025-01-01T00:00:00.000Z',
};

function student(): Network {
  return createNetwork({
    className: 'MLP',
    config: { inputs: 3, hidden: [48, 48], outputs: 2, activation: 'gelu' },
  });
}

function predictions(network: Network, x: tf.Tensor): Float32Array {
  const { output, features } = network.predict(x);
  const values = output.dataSync() as Float32Array;
  tf.dispose([output, ...features]);
  return values;
}

describe('saveNetwork / loadNetwork', () => {
  it('a loaded MLP predicts exactly what the saved one did and keeps its metadata', async () => {
    const original = student();
    const saved = await saveNetwork(original, metadata);
    expect(saved.weights.byteLength).toBe(2642 * 4);
    expect(saved.manifest.weightSpecs.map((s) => s.name)).toEqual([
      'dense_0/kernel',
      'dense_0/bias',
      'dense_1/kernel',
      'dense_1/bias',
      'prediction/kernel',
      'prediction/bias',
    ]);

    const text = JSON.stringify(saved.manifest);
    const loaded = await loadNetwork({ manifest: parseManifest(text), weights: saved.weights });
    const x = tf.randomNormal([64, 3]);
    expect(Array.from(predictions(loaded, x))).toEqual(Array.from(predictions(original, x)));
    expect(parseManifest(text).metadata).toEqual(metadata);
    expect(loaded.spec).toEqual(original.spec);
    tf.dispose(x);
    original.dispose();
    loaded.dispose();
  });

  it('a loaded CNN predicts what the saved one did', async () => {
    const spec = {
      className: 'CNN',
      config: { inputShape: [8, 8, 3], filters: [4, 4], depthwiseSeparable: true, outputs: 2 },
    };
    const original = createNetwork(spec);
    const saved = await saveNetwork(original, metadata);
    const loaded = await loadNetwork(saved);
    const x = tf.randomUniform([2, 8, 8, 3]);
    expect(Array.from(predictions(loaded, x))).toEqual(Array.from(predictions(original, x)));
    tf.dispose(x);
    original.dispose();
    loaded.dispose();
  });

  it('rejects truncated weights with both byte counts', async () => {
    const network = student();
    const saved = await saveNetwork(network, metadata);
    network.dispose();
    await expect(
      loadNetwork({ manifest: saved.manifest, weights: saved.weights.subarray(0, 1000) }),
    ).rejects.toThrow('model weights are truncated: 1000 bytes, the manifest needs 10568');
  });

  it('rejects a truncated manifest as invalid JSON', async () => {
    const network = student();
    const text = JSON.stringify((await saveNetwork(network, metadata)).manifest);
    network.dispose();
    expect(() => parseManifest(text.slice(0, 200))).toThrow(
      /^model manifest is not valid JSON \(200 characters\)/,
    );
  });

  it('rejects a manifest whose weight shape disagrees with the architecture', async () => {
    const network = student();
    const saved = await saveNetwork(network, metadata);
    network.dispose();
    const manifest = structuredClone(saved.manifest);
    manifest.spec.config = { ...manifest.spec.config, hidden: [48, 47] };
    await expect(loadNetwork({ manifest, weights: saved.weights })).rejects.toThrow(
      "model weight 'dense_1/kernel' has shape [48, 48]; the architecture needs [48, 47]",
    );
  });

  it('rejects metadata whose inputs do not match the network', async () => {
    const network = student();
    await expect(
      saveNetwork(network, { ...metadata, inputs: metadata.inputs.slice(0, 2) }),
    ).rejects.toThrow('model metadata lists 2 inputs but the network takes 3');
    network.dispose();
  });

  it('rejects a manifest without metadata fields as a typed error naming the field', () => {
    const broken = JSON.stringify({
      formatVersion: 1,
      spec: { className: 'MLP', config: {} },
      metadata: { id: 'x' },
      weightSpecs: [],
    });
    expect(() => parseManifest(broken)).toThrow(InvalidParameterError);
    expect(() => parseManifest(broken)).toThrow(/^invalid model manifest: metadata\.name: /);
  });
});
