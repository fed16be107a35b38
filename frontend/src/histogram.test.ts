import { describe, expect, it } from 'vitest';
import { formatEdge, histogramBars } from './histogram.js';

describe('histogram bars', () => {
  it('makes the largest count as tall as the box and the others in proportion', () => {
    const bars = histogramBars([10, 40, 0, 20], 200, 50);
    expect(bars.map((bar) => bar.height)).toEqual([12.5, 50, 0, 25]);
    expect(bars.map((bar) => bar.y)).toEqual([37.5, 0, 50, 25]);
  });

  it('gives every bin one bar of equal width, spaced by 15 % of a bin', () => {
    const bars = histogramBars([1, 2, 3, 4], 200, 50);
    expect(bars).toHaveLength(4);
    expect(bars[0]!.width).toBeCloseTo(42.5, 10);
    expect(bars[0]!.x).toBeCloseTo(3.75, 10);
    expect(bars[3]!.x).toBeCloseTo(153.75, 10);
  });

  it('draws an all-empty histogram as bars of height 0', () => {
    expect(histogramBars([0, 0, 0], 90, 30).map((bar) => bar.height)).toEqual([0, 0, 0]);
  });
});

describe('histogram edge labels', () => {
  it('writes four significant digits, exponents only for very large or small values', () => {
    expect(formatEdge(0.2745721042)).toBe('0.2746');
    expect(formatEdge(-0.27457)).toBe('-0.2746');
    expect(formatEdge(24143)).toBe('24140');
    expect(formatEdge(0)).toBe('0');
    expect(formatEdge(12_345_678)).toBe('1.23e+7');
    expect(formatEdge(null)).toBe('—');
  });
});
