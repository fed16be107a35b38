import { describe, expect, it } from 'vitest';
import {
  errorSummary,
  errorsByBin,
  formatBinnedErrors,
  formatTable,
} from '../../notebooks/lib/error-table.js';

describe('errorSummary', () => {
  it('gives bias and RMSE of the finite differences only', () => {
    const summary = errorSummary([1, 2, Number.NaN], [0, 0, 0]);
    expect(summary.count).toBe(2);
    expect(summary.bias).toBeCloseTo(1.5, 12);
    expect(summary.rmse).toBeCloseTo(Math.sqrt(2.5), 12);
  });

  it('restricts to the given rows and gives NaN for none', () => {
    expect(errorSummary([1, -3, 5], [0, 0, 0], [1])).toEqual({ count: 1, bias: -3, rmse: 3 });
    expect(errorSummary([1], [0], [])).toEqual({
      count: 0,
      bias: Number.NaN,
      rmse: Number.NaN,
    });
  });

  it('refuses arrays of different lengths', () => {
    expect(() => errorSummary([1, 2], [1])).toThrow('estimate has 2 rows, truth 1');
  });
});

describe('errorsByBin', () => {
  const truth = [0, 0, 0, 0, 0];
  const covariate = [0, 0.5, 1, 2, 3];

  it('bins half-open intervals, counts the top edge in the last bin and drops rows outside', () => {
    const bins = errorsByBin({ m: [1, 3, -2, 2, 100] }, truth, covariate, [0, 1, 2]);
    expect(bins.map((bin) => [bin.low, bin.high, bin.rows])).toEqual([
      [0, 1, 2],
      [1, 2, 2],
    ]);
    expect(bins[0]?.byMethod['m']).toMatchObject({ count: 2, bias: 2 });
    expect(bins[1]?.byMethod['m']).toMatchObject({ count: 2, bias: 0, rmse: 2 });
  });

  it('refuses edges that do not increase', () => {
    expect(() => errorsByBin({}, truth, covariate, [0, 1, 1])).toThrow(
      'bin edges must increase, got [0, 1, 1]',
    );
  });

  it('prints one right-aligned line per bin with bias and RMSE of each method', () => {
    const bins = errorsByBin({ SW: [1, 3, -2, 2, 100] }, truth, covariate, [0, 1, 2]);
    expect(formatBinnedErrors(bins, 'w')).toBe(
      [
        '  w  n  SW bias  SW RMSE',
        '---  -  -------  -------',
        '0–1  2     2.00     2.24',
        '1–2  2     0.00     2.00',
      ].join('\n'),
    );
  });
});

describe('formatTable', () => {
  it('pads every column to its widest cell', () => {
    expect(formatTable(['a', 'bb'], [['ccc', 'd']])).toBe('  a  bb\n---  --\nccc   d');
  });
});
