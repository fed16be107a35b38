import { beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend.js';
import { tf, tfl } from '../tf.js';
import { registerWasmGradientKernels } from './index.js';

/** Deterministic uniform values in [-1, 1) (Park–Miller minimal standard generator). */
function randomValues(count: number, seed: number): Float32Array {
  let state = seed;
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state * 16807) % 2147483647;
    values[i] = (state / 2147483647) * 2 - 1;
  }
  return values;
}

/** Runs `compute` on the named backend and returns every result's values. */
function onBackend(name: 'wasm' | 'cpu', compute: () => tf.Tensor[]): Float32Array[] {
  void tf.setBackend(name);
  expect(tf.getBackend()).toBe(name);
  return tf
    .tidy(() => compute())
    .map((tensor) => {
      const values = tensor.dataSync() as Float32Array;
      tensor.dispose();
      return values;
    });
}

/** Largest absolute difference, relative to the largest reference magnitude. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i] ?? 0));
    worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  }
  return worst / scale;
}

/** Gradients of Σ(op(x, w) · r) with respect to x and w: r makes every output count. */
function gradientsOf(
  op: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D,
  xShape: [number, number, number, number],
  wShape: [number, number, number, number],
  seed: number,
): () => tf.Tensor[] {
  return () => {
    const x = tf.tensor4d(randomValues(tf.util.sizeFromShape(xShape), seed), xShape);
    const w = tf.tensor4d(randomValues(tf.util.sizeFromShape(wShape), seed + 1), wShape);
    const outShape = op(x, w).shape;
    const r = tf.tensor(randomValues(tf.util.sizeFromShape(outShape), seed + 2), outShape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), r)),
    )([x, w]);
    return [dx!, dw!];
  };
}

interface ConvCase {
  batch: number;
  size: [number, number];
  channels: number;
  kernel: number;
  stride: 1 | 2;
  pad: 'same' | 'valid';
  /** Output channels of a conv; the channel multiplier of a depthwise conv. */
  out: number;
}

const CONV_CASES: ConvCase[] = [
  { batch: 2, size: [7, 9], channels: 3, kernel: 3, stride: 1, pad: 'same', out: 4 },
  { batch: 2, size: [8, 8], channels: 3, kernel: 3, stride: 2, pad: 'same', out: 5 },
  { batch: 1, size: [9, 7], channels: 2, kernel: 3, stride: 2, pad: 'valid', out: 3 },
  { batch: 3, size: [6, 10], channels: 4, kernel: 1, stride: 1, pad: 'valid', out: 2 },
  { batch: 2, size: [11, 8], channels: 5, kernel: 5, stride: 2, pad: 'same', out: 6 },
  { batch: 1, size: [10, 10], channels: 3, kernel: 4, stride: 2, pad: 'valid', out: 2 },
];

const DEPTHWISE_CASES: ConvCase[] = [
  { batch: 2, size: [7, 9], channels: 3, kernel: 3, stride: 1, pad: 'same', out: 1 },
  { batch: 2, size: [8, 8], channels: 4, kernel: 3, stride: 2, pad: 'same', out: 2 },
  { batch: 1, size: [9, 7], channels: 2, kernel: 3, stride: 2, pad: 'valid', out: 1 },
  { batch: 3, size: [6, 10], channels: 3, kernel: 3, stride: 1, pad: 'valid', out: 2 },
  { batch: 2, size: [11, 8], channels: 2, kernel: 5, stride: 2, pad: 'same', out: 2 },
  { batch: 4, size: [16, 12], channels: 8, kernel: 3, stride: 2, pad: 'same', out: 1 },
];

const TOLERANCE = 1e-4;

describe('wasm gradient kernels', () => {
  beforeAll(async () => {
    const info = await initBackend({ prefer: 'wasm' });
    expect(info.name).toBe('wasm');
    await import('@tensorflow/tfjs-backend-cpu');
  });

  it('are registered for wasm once, and a second registration adds nothing', () => {
    for (const name of [
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'UnsortedSegmentSum',
    ]) {
      expect(tf.getKernel(name, 'wasm')?.kernelName).toBe(name);
    }
    expect(registerWasmGradientKernels()).toEqual([]);
  });

  it.each(CONV_CASES)('Conv2D gradients on wasm equal the CPU backend within 1e-4 (%o)', (c) => {
    const xShape: [number, number, number, number] = [c.batch, ...c.size, c.channels];
    const wShape: [number, number, number, number] = [c.kernel, c.kernel, c.channels, c.out];
    const op = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.conv2d(x, w, c.stride, c.pad);
    const grads = gradientsOf(op, xShape, wShape, 11 + c.kernel);
    const [cpuDx, cpuDw] = onBackend('cpu', grads);
    const [wasmDx, wasmDw] = onBackend('wasm', grads);
    expect(relativeError(wasmDw!, cpuDw!)).toBeLessThan(TOLERANCE);
    expect(relativeError(wasmDx!, cpuDx!)).toBeLessThan(TOLERANCE);
  });

  it.each(DEPTHWISE_CASES)(
    'depthwise Conv2D gradients on wasm equal the CPU backend within 1e-4 (%o)',
    (c) => {
      const xShape: [number, number, number, number] = [c.batch, ...c.size, c.channels];
      const wShape: [number, number, number, number] = [c.kernel, c.kernel, c.channels, c.out];
      const op = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.depthwiseConv2d(x, w, c.stride, c.pad);
      const grads = gradientsOf(op, xShape, wShape, 29 + c.kernel);
      const [cpuDx, cpuDw] = onBackend('cpu', grads);
      const [wasmDx, wasmDw] = onBackend('wasm', grads);
      expect(relativeError(wasmDw!, cpuDw!)).toBeLessThan(TOLERANCE);
      expect(relativeError(wasmDx!, cpuDx!)).toBeLessThan(TOLERANCE);
    },
  );

  it('UnsortedSegmentSum on wasm sums rows by id and drops ids outside [0, numSegments)', () => {
    void tf.setBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const sums = tf.tidy(() =>
      tf.unsortedSegmentSum(
        tf.tensor2d([1, 2, 10, 20, 100, 200, 5, 5], [4, 2]),
        tf.tensor1d([2, 0, 2, 7], 'int32'),
        3,
      ),
    );
    expect(sums.shape).toEqual([3, 2]);
    expect(Array.from(sums.dataSync())).toEqual([10, 20, 0, 0, 101, 202]);
    sums.dispose();
  });

  it('the gradient of gather on wasm (UnsortedSegmentSum) equals the CPU backend', () => {
    const grads = () => {
      const table = tf.tensor2d(randomValues(40, 5), [10, 4]);
      const indices = tf.tensor1d([3, 1, 3, 9, 0, 3], 'int32');
      const weights = tf.tensor2d(randomValues(24, 6), [6, 4]);
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, indices), weights)));
      return [grad(table)];
    };
    const [cpu] = onBackend('cpu', grads);
    const [wasm] = onBackend('wasm', grads);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
  });

  it('a small CNN (2 conv + depthwise + dense) trains on wasm and its loss decreases', async () => {
    void tf.setBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 6, kernelSize: 3, padding: 'same' }),
        tfl.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, depthMultiplier: 2 }),
        tfl.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'relu' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 1 }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const x = tf.tensor4d(randomValues(16 * 8 * 8 * 3, 3), [16, 8, 8, 3]);
    const y = tf.tidy(() => tf.mul(tf.reshape(tf.mean(x, [1, 2, 3]), [16, 1]), 4));
    const history = await model.fit(x, y, { epochs: 15, batchSize: 16, shuffle: false });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]!).toBeLessThan(0.5 * losses[0]!);
    tf.dispose([x, y]);
    model.dispose();
  });
});
