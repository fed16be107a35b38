import { describe, expect, it } from 'vitest';
import { EXACT_PERCENTILE_LIMIT } from '../src/rasters/statistics.js';
import { productStatistics } from './product-stats.js';

describe('productStatistics', () => {
  it('gives the exact median of the finite values, as numpy.median', () => {
    const values = Float32Array.from([NaN, 290, 300, Infinity, 280, 310]);
    // numpy.median([290, 300, 280, 310]) = 295.0
    expect(productStatistics(values)).toMatchObject({ median: 295, validCount: 4, totalCount: 6 });
  });

  it('finds the median of more than EXACT_PERCENTILE_LIMIT values within one histogram bin', () => {
    const count = 2 * EXACT_PERCENTILE_LIMIT;
    const values = Float32Array.from({ length: count }, (_, i) => i);
    const stats = productStatistics(values);
    const binWidth = (count - 1) / 4096;
    expect(Math.abs(stats.median - (count - 1) / 2)).toBeLessThanOrEqual(binWidth);
    expect(stats.validCount).toBe(count);
  });

  it('answers NaN for a raster without a finite value', () => {
    expect(productStatistics(new Float32Array([NaN, NaN])).median).toBeNaN();
  });
});
