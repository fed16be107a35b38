import { describe, expect, it } from 'vitest';
import {
  differences,
  matrixColumn,
  meanAbsoluteError,
} from '../../notebooks/lib/prediction-columns.js';

describe('matrixColumn', () => {
  const matrix = Float32Array.from([300, 0.97, 0.98, 290, 0.95, 0.96]);

  it('takes one column of a row-major matrix', () => {
    expect([...matrixColumn(matrix, 3, 0)]).toEqual([300, 290]);
    expect([...matrixColumn(matrix, 3, 2)]).toEqual([Math.fround(0.98), Math.fround(0.96)]);
  });

  it('refuses a length that is not whole rows and a column outside the width', () => {
    expect(() => matrixColumn(matrix, 4, 0)).toThrow('matrix of 6 values is not 4 columns wide');
    expect(() => matrixColumn(matrix, 3, 3)).toThrow('column 3 is outside a 3-column matrix');
  });
});

describe('differences and meanAbsoluteError', () => {
  it('gives estimate − truth and the mean of its magnitude, skipping non-finite rows', () => {
    const estimate = [301, 289, Number.NaN, 310];
    const truth = [300, 290, 295, 308];
    expect([...differences(estimate, truth)]).toEqual([1, -1, Number.NaN, 2]);
    expect(meanAbsoluteError(estimate, truth)).toBeCloseTo(4 / 3, 12);
  });

  it('is NaN without a finite row and refuses arrays of different lengths', () => {
    expect(meanAbsoluteError([Number.NaN], [300])).toBeNaN();
    expect(() => differences([1, 2], [1])).toThrow('estimate has 2 rows, truth 1');
  });
});
