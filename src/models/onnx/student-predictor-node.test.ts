import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { createNetwork } from '../architectures/index.js';
import { createStudentPredictor } from './student-predictor-node.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

const normalization = { mean: [295, 294, 0.3], std: [12, 11, 0.2] };

function sceneRows(count: number): Float32Array {
  return Float32Array.from({ length: count * 3 }, (_, i) =>
    i % 3 === 2 ? 0.3 + 0.2 * Math.sin(i) : 295 + 12 * Math.cos(i),
  );
}

describe('createStudentPredictor', () => {
  it('runs an MLP on onnxruntime-node and agrees with the tfjs path within 1e-5 over 5,000 rows', async () => {
    const network = createNetwork({
      className: 'MLP',
      config: { inputs: 3, hidden: [48, 48], outputs: 2 },
    });
    const fast = await createStudentPredictor(network, {
      normalization,
      threads: 2,
      batchRows: 1024,
    });
    const fallback = await createStudentPredictor(network, {
      normalization,
      prefer: 'tfjs',
      batchRows: 1500,
    });
    expect([fast.path, fast.threads, fallback.path]).toEqual(['onnxruntime-node', 2, 'tfjs']);

    const rows = sceneRows(5000);
    const [a, b] = await Promise.all([fast.run(rows, 5000), fallback.run(rows, 5000)]);
    expect(a.length).toBe(10_000);
    expect(a.reduce((max, v, i) => Math.max(max, Math.abs(v - (b[i] ?? NaN))), 0)).toBeLessThan(
      1e-5,
    );

    await Promise.all([fast.close(), fallback.close()]);
    network.dispose();
  });

  it('runs a CNN on tfjs since only MLPs export to ONNX', async () => {
    const network = createNetwork({
      className: 'CNN',
      config: { inputShape: [4, 4, 2], filters: [3], outputs: 1 },
    });
    const predictor = await createStudentPredictor(network);
    expect(predictor.path).toBe('tfjs');
    const output = await predictor.run(new Float32Array(3 * 4 * 4 * 2).fill(0.5), 3);
    expect(output.length).toBe(3 * 4 * 4);
    expect(output[0]).toBe(output[16]);
    await predictor.close();
    network.dispose();
  });
});
