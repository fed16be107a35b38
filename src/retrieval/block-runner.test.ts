import { describe, expect, it } from 'vitest';

import { runRowBlocks, type RowBlockJob } from './block-runner.js';

function job(values: Float32Array, fillValue: number | null): RowBlockJob {
  return {
    width: values.length,
    height: 1,
    inputs: ['b1'],
    fillValues: new Map([['b1', fillValue]]),
    read: () => Promise.resolve(Float32Array.from(values)),
    compute: (bands) => bands.get('b1') as Float32Array,
    label: 'test',
  };
}

describe('runRowBlocks fill values (the shared noData rule)', () => {
  it('masks a fill value that is not float32-exact (0.1) as read back from float32 samples', async () => {
    const read = Float32Array.of(0.1, 0.2, 0.1);
    const out = await runRowBlocks(job(read, 0.1));
    expect(Number.isNaN(out[0])).toBe(true);
    expect(out[1]).toBeCloseTo(0.2, 6);
    expect(Number.isNaN(out[2])).toBe(true);
  });

  it('keeps 0 as a value when no fill is set, and masks it when the fill is 0', async () => {
    const read = Float32Array.of(0, 5);
    expect(Array.from(await runRowBlocks(job(read, null)))).toEqual([0, 5]);
    const masked = await runRowBlocks(job(read, 0));
    expect(Number.isNaN(masked[0])).toBe(true);
    expect(masked[1]).toBe(5);
  });
});
