import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../errors.js';
import { initBackend } from '../backend.js';
import { createNetwork } from '../architectures/index.js';
import type { Network } from '../architectures/index.js';
import { tf } from '../tf.js';
import { exportOnnx } from './export.js';
import { createOnnxSession } from './onnx-runtime-node.js';
import type { OnnxSession } from './onnx-runtime-node.js';
import { onnxModelType } from './onnx-schema.js';

const sessions: OnnxSession[] = [];

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

function mlp(config: Record<string, unknown>): Network {
  return createNetwork({ className: 'MLP', config });
}

function tfjsPredict(network: Network, rows: Float32Array, width: number): Float32Array {
  const x = tf.tensor2d(rows, [rows.length / width, width]);
  const { output, features } = network.predict(x);
  const values = output.dataSync() as Float32Array;
  tf.dispose([x, output, ...features]);
  return values;
}

async function onnxPredict(
  bytes: Uint8Array,
  rows: Float32Array,
  count: number,
  batchRows?: number,
): Promise<Float32Array> {
  const session = await createOnnxSession(bytes, batchRows === undefined ? {} : { batchRows });
  sessions.push(session);
  return session.run(rows, count);
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((max, value, i) => Math.max(max, Math.abs(value - (b[i] ?? NaN))), 0);
}

function randomRows(count: number, width: number, scale: number): Float32Array {
  return Float32Array.from({ length: count * width }, (_, i) => Math.sin(i * 12.9898) * scale);
}

describe('exportOnnx', () => {
  for (const activation of ['relu', 'tanh', 'swish', 'gelu'] as const) {
    it(`a ${activation} MLP runs in onnxruntime and matches tfjs within 1e-5`, async () => {
      const network = mlp({ inputs: 3, hidden: [48, 48], outputs: 2, activation });
      const rows = randomRows(1000, 3, 2);
      const expected = tfjsPredict(network, rows, 3);
      const actual = await onnxPredict(exportOnnx(network), rows, 1000);
      expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-5);
      network.dispose();
    });
  }

  it('bakes the input normalisation in so the ONNX model takes kelvin', async () => {
    const network = mlp({ inputs: 2, hidden: [16], outputs: 1 });
    const mean = [295, 290];
    const std = [12, 10];
    const kelvin = Float32Array.from([300, 288, 270.5, 301.2, 310, 295]);
    const normalized = kelvin.map((v, i) => (v - (mean[i % 2] ?? 0)) / (std[i % 2] ?? 1));
    const expected = tfjsPredict(network, normalized, 2);
    const actual = await onnxPredict(
      exportOnnx(network, { normalization: { mean, std } }),
      kelvin,
      3,
    );
    expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-5);
    network.dispose();
  });

  it('a softmax MLP gives the same class probabilities in batches of 7 rows', async () => {
    const network = mlp({ inputs: 4, hidden: [10], outputs: 3, outputActivation: 'softmax' });
    const rows = randomRows(50, 4, 1);
    const expected = tfjsPredict(network, rows, 4);
    const actual = await onnxPredict(exportOnnx(network), rows, 50, 7);
    expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-6);
    expect((actual[0] ?? 0) + (actual[1] ?? 0) + (actual[2] ?? 0)).toBeCloseTo(1, 5);
    network.dispose();
  });

  it('writes opset 13, IR 7, a symbolic batch dimension and the spec as metadata', () => {
    const network = mlp({ inputs: 3, hidden: [4], outputs: 2 });
    const type = onnxModelType();
    const decoded = type.toObject(type.decode(exportOnnx(network)), { longs: Number }) as {
      irVersion: number;
      opsetImport: unknown[];
      graph: {
        input: { type: { tensorType: { shape: { dim: unknown[] } } } }[];
        node: { opType: string }[];
      };
      metadataProps: { value: string }[];
    };
    expect(decoded.irVersion).toBe(7);
    expect(decoded.opsetImport).toEqual([{ version: 13 }]);
    expect(decoded.graph.input[0]!.type.tensorType.shape.dim).toEqual([
      { dimParam: 'N' },
      { dimValue: 3 },
    ]);
    expect(decoded.graph.node.map((n) => n.opType)).toEqual(['Gemm', 'Relu', 'Gemm']);
    expect(JSON.parse(decoded.metadataProps[0]!.value)).toEqual(network.spec);
    network.dispose();
  });

  it('refuses a CNN and a normalisation of the wrong width', () => {
    const cnn = createNetwork({
      className: 'CNN',
      config: { inputShape: [4, 4, 1], filters: [2], outputs: 1 },
    });
    expect(() => exportOnnx(cnn)).toThrow('ONNX export supports MLP networks only; got CNN');
    cnn.dispose();
    const network = mlp({ inputs: 3, hidden: [4], outputs: 2 });
    expect(() => exportOnnx(network, { normalization: { mean: [0, 0], std: [1, 1] } })).toThrow(
      InvalidParameterError,
    );
    network.dispose();
  });
});

describe('createOnnxSession', () => {
  it('rejects bytes that are not a model with the byte count', async () => {
    await expect(createOnnxSession(new Uint8Array([1, 2, 3, 4, 5]))).rejects.toThrow(
      /^not a loadable ONNX model \(5 bytes\)/,
    );
  });

  it('rejects an input that does not split into the given rows', async () => {
    const network = mlp({ inputs: 3, hidden: [4], outputs: 2 });
    const session = await createOnnxSession(exportOnnx(network));
    sessions.push(session);
    await expect(session.run(new Float32Array(10), 3)).rejects.toThrow(
      '10 input values do not split into 3 rows',
    );
    network.dispose();
  });
});
