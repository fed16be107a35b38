import { describe, expect, it } from 'vitest';

import { InvalidParameterError } from '../errors.js';
import { computeStatistics, EXACT_PERCENTILE_LIMIT, histogram } from './statistics.js';

describe('computeStatistics', () => {
  it('gives 1..100 with NaN and Infinity mixed in its known moments and exact percentiles', () => {
    const values = new Float32Array([
      NaN,
      ...Array.from({ length: 100 }, (_, i) => i + 1),
      Infinity,
      NaN,
    ]);
    const stats = computeStatistics(values);
    expect(stats.min).toBe(1);
    expect(stats.max).toBe(100);
    expect(stats.mean).toBeCloseTo(50.5, 12);
    // Population std of 1..n: sqrt((n² − 1) / 12) = sqrt(9999 / 12) = 28.866070.
    expect(stats.std).toBeCloseTo(28.86607, 5);
    // numpy.percentile(arange(1, 101), [2, 98]) = [2.98, 98.02].
    expect(stats.p2).toBeCloseTo(2.98, 5);
    expect(stats.p98).toBeCloseTo(98.02, 5);
    expect(stats.percentileMethod).toBe('exact');
    expect(stats.validCount).toBe(100);
    expect(stats.totalCount).toBe(103);
  });

  it('returns NaN statistics and zero valid values for an all-NaN band', () => {
    const stats = computeStatistics(new Float32Array([NaN, NaN]));
    expect(stats.validCount).toBe(0);
    expect(stats.totalCount).toBe(2);
    expect(stats.mean).toBeNaN();
    expect(stats.p98).toBeNaN();
  });

  it('finds p2/p98 of 3 M evenly spaced values in 0..300 K within one 4096-bin width', () => {
    const n = 3_000_000;
    expect(n).toBeGreaterThan(EXACT_PERCENTILE_LIMIT);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = (i / (n - 1)) * 300;
    const stats = computeStatistics(values);
    const binWidth = 300 / 4096;
    expect(stats.percentileMethod).toBe('histogram');
    expect(Math.abs(stats.p2 - 6)).toBeLessThan(binWidth);
    expect(Math.abs(stats.p98 - 294)).toBeLessThan(binWidth);
    // Uniform on [0, 300]: std = 300 / sqrt(12) = 86.6025.
    expect(stats.std).toBeCloseTo(86.6025, 3);
  });
});

describe('computeStatistics median', () => {
  it('gives the exact median of the finite values, as numpy.median', () => {
    const values = Float32Array.from([NaN, 290, 300, Infinity, 280, 310]);
    // numpy.median([290, 300, 280, 310]) = 295.0
    expect(computeStatistics(values)).toMatchObject({ median: 295, validCount: 4, totalCount: 6 });
  });

  it('finds the median of more than EXACT_PERCENTILE_LIMIT values within one histogram bin', () => {
    const count = 2 * EXACT_PERCENTILE_LIMIT;
    const values = Float32Array.from({ length: count }, (_, i) => i);
    const stats = computeStatistics(values);
    const binWidth = (count - 1) / 4096;
    expect(Math.abs(stats.median - (count - 1) / 2)).toBeLessThanOrEqual(binWidth);
    expect(stats.validCount).toBe(count);
  });

  it('answers NaN for a raster without a finite value', () => {
    expect(computeStatistics(new Float32Array([NaN, NaN])).median).toBeNaN();
  });
});

describe('histogram', () => {
  it('counts 0..9 into 5 equal bins with edges 0, 1.8, …, 9 and the maximum in the last bin', () => {
    const values = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, NaN]);
    const { counts, edges } = histogram(values, 5);
    expect(counts).toEqual([2, 2, 2, 2, 2]);
    edges.forEach((edge, i) => expect(edge).toBeCloseTo([0, 1.8, 3.6, 5.4, 7.2, 9][i]!, 6));
  });

  it('ignores values outside a given range and widens a zero-width range by ±0.5', () => {
    expect(histogram(new Float32Array([-1, 0.5, 2]), 2, [0, 1]).counts).toEqual([0, 1]);
    const constant = histogram(new Float32Array([7, 7, 7]), 2);
    expect(constant.edges).toEqual([6.5, 7, 7.5]);
    expect(constant.counts).toEqual([0, 3]);
  });

  it('rejects a bin count that is not a positive integer', () => {
    expect(() => histogram(new Float32Array(1), 0)).toThrow(InvalidParameterError);
    expect(() => histogram(new Float32Array(1), 2.5)).toThrow(/bins 2.5/);
  });
});
