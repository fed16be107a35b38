import { describe, expect, it } from 'vitest';

import { ESUN_RED_NIR, ndvi, ndviFromRadiance, ndviOf } from './ndvi.js';

describe('NDVI', () => {
  it('is (0.4 − 0.1)/(0.4 + 0.1) = 0.6 for red 0.1 and NIR 0.4', () => {
    expect(ndviOf(0.1, 0.4)).toBeCloseTo(0.6, 12);
  });

  it('is NaN where an input is NaN or both are 0, and clamped to [−1, 1]', () => {
    const red = new Float32Array([Number.NaN, 0.2, 0, -0.01]);
    const nir = new Float32Array([0.3, Number.NaN, 0, 0.02]);
    const values = ndvi(red, nir);
    expect(Number.isNaN(values[0])).toBe(true);
    expect(Number.isNaN(values[1])).toBe(true);
    expect(Number.isNaN(values[2])).toBe(true);
    expect(values[3]).toBe(1);
  });

  it('refuses red and NIR arrays of different lengths', () => {
    expect(() => ndvi(new Float32Array(2), new Float32Array(3))).toThrow(
      'red has 2 pixels but NIR has 3',
    );
  });

  it('from TM radiance weights each band by its ESUN (red 1536, NIR 1031)', () => {
    // ρ ∝ L/ESUN: red 76.8/1536 = 0.05, NIR 206.2/1031 = 0.2 → NDVI 0.6.
    const esun = ESUN_RED_NIR['landsat5-tm'];
    if (esun === undefined) throw new Error('no TM ESUN');
    const values = ndviFromRadiance(new Float32Array([76.8]), new Float32Array([206.2]), esun);
    expect(values[0]).toBeCloseTo(0.6, 6);
  });
});
