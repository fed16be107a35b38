import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SKOKOVIC_2014_TIRS } from '../../src/retrieval/emissivity-sets.js';
import { splitWindowNdviParams } from '../../src/retrieval/kernels/split-window-params.js';
import { KernelPool, type KernelJob } from './kernel-pool.js';
import { runKernel } from './kernel-registry.js';
import { sharedFloat32Array } from './shared-arrays.js';

const WIDTH = 300;
const HEIGHT = 203;
const PARAMS = splitWindowNdviParams({
  set: SKOKOVIC_2014_TIRS,
  bandI: 'B10',
  bandJ: 'B11',
  waterVapourGcm2: 2,
});

/** Tb 280-320 K and NDVI −0.2..0.8 varying along rows and columns (every emissivity class). */
function btJob(): KernelJob<'split-window-ndvi-bt'> {
  const pixels = WIDTH * HEIGHT;
  const inputs = [0, 1, 2, 3].map(() => sharedFloat32Array(pixels));
  const [tbI, tbJ, red, nir] = inputs as [Float32Array, Float32Array, Float32Array, Float32Array];
  for (let i = 0; i < pixels; i++) {
    const x = i % WIDTH;
    const y = Math.floor(i / WIDTH);
    const ndvi = -0.2 + (y / HEIGHT) * 1.0;
    tbI[i] = 280 + (40 * x) / WIDTH;
    tbJ[i] = (tbI[i] as number) - 1.5;
    red[i] = 0.05 + (0.2 * x) / WIDTH;
    nir[i] = ((red[i] as number) * (1 + ndvi)) / (1 - ndvi);
  }
  const output = sharedFloat32Array(pixels);
  return {
    kernel: 'split-window-ndvi-bt',
    inputs,
    output,
    params: PARAMS,
    width: WIDTH,
    height: HEIGHT,
  };
}

describe('kernel worker pool', () => {
  let pool: KernelPool;
  let startupMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    pool = await KernelPool.create(2);
    startupMs = performance.now() - started;
  });

  afterAll(async () => {
    await pool.close();
  });

  it('starts two TypeScript workers from vitest', () => {
    expect(pool.size).toBe(2);
    console.log(`kernel pool of 2 ready in ${startupMs.toFixed(0)} ms`);
  });

  it('writes the same LST as the kernel on the main thread, in 13 chunks of 16 rows', async () => {
    const job = btJob();
    const progress: number[] = [];
    await pool.run(job, { rowsPerChunk: 16, onProgress: (fraction) => progress.push(fraction) });

    const expected = new Float32Array(WIDTH * HEIGHT);
    runKernel('split-window-ndvi-bt', job.inputs, expected, PARAMS, 0, expected.length);
    expect(job.output).toEqual(expected);
    expect(progress).toHaveLength(13);
    expect(progress.at(-1)).toBe(1);
    // First pixel: Tb 280 K, NDVI −0.2 (water, ε 0.991/0.986): 280 + 1.378·1.5 + 0.183·2.25
    // − 0.268 + 49.824·0.0115 − 96.4·0.005.
    expect(job.output[0]).toBeCloseTo(282.30173, 4);
  });

  it('runs two jobs at once on the same workers', async () => {
    const first = btJob();
    const second = btJob();
    await Promise.all([
      pool.run(first, { rowsPerChunk: 8 }),
      pool.run(second, { rowsPerChunk: 50 }),
    ]);
    expect(second.output).toEqual(first.output);
  });

  it('rejects with CancelledError when the signal aborts, and keeps working afterwards', async () => {
    const controller = new AbortController();
    const job = btJob();
    const run = pool.run(job, {
      rowsPerChunk: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toThrow('the operation was cancelled');
    await expect(pool.run(btJob())).resolves.toBeUndefined();
  });

  it('refuses rasters outside shared memory and of the wrong size', () => {
    const job = btJob();
    const local = { ...job, output: new Float32Array(WIDTH * HEIGHT) };
    expect(() => pool.run(local)).toThrow(
      'kernel split-window-ndvi-bt: output is not backed by a SharedArrayBuffer',
    );
    const short = { ...job, inputs: [...job.inputs.slice(0, 3), sharedFloat32Array(5)] };
    expect(() => pool.run(short)).toThrow(
      `kernel split-window-ndvi-bt: input 3 has 5 pixels, expected ${WIDTH * HEIGHT}`,
    );
  });

  it('reports a kernel that throws inside a worker as KernelFailedError', async () => {
    const job = btJob();
    const broken = {
      ...job,
      kernel: 'split-window-ndvi-dn' as const,
      params: { splitWindow: PARAMS } as unknown as KernelJob<'split-window-ndvi-dn'>['params'],
    };
    await expect(pool.run(broken)).rejects.toThrow('kernel split-window-ndvi-dn failed:');
  });
});
