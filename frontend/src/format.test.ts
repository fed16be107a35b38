import { describe, expect, it } from 'vitest';
import { formatValue, rangeDecimals, unitSuffix } from './format.js';
import { productSummary } from './product-list.js';

describe('values in a product unit', () => {
  it('writes no unit after unitless values and a spaced unit otherwise', () => {
    expect(unitSuffix('unitless')).toBe('');
    expect(unitSuffix('')).toBe('');
    expect(unitSuffix(null)).toBe('');
    expect(unitSuffix('g/cm2')).toBe(' g/cm2');
    expect(formatValue(0.5437934, 'unitless')).toBe('0.543793');
    expect(formatValue(6.3106165, 'g/cm2')).toBe('6.31062 g/cm2');
  });

  it('gives a display range enough decimals to tell its ends apart', () => {
    expect(rangeDecimals(271.2, 334.9, 'K')).toBe(1);
    expect(rangeDecimals(0.32486, 0.73199, 'unitless')).toBe(2);
    expect(rangeDecimals(0.986788, 0.987, 'unitless')).toBe(5);
    expect(rangeDecimals(0, 9.094, 'g/cm2')).toBe(2);
    expect(rangeDecimals(0.5, 0.5, 'unitless')).toBe(2);
    expect(rangeDecimals(0, 1e-12, 'unitless')).toBe(6);
  });

  it('summarises NDVI, emissivity and water vapour in their units', () => {
    const ndvi = { min: -0.82, max: 0.81, mean: 0.54, median: 0.54379, p2: 0.32487, p98: 0.732 };
    expect(productSummary({ stats: ndvi, unit: 'unitless' })).toBe(
      'median 0.54 · p2–p98 0.32–0.73',
    );
    const emissivity = {
      min: 0.971,
      max: 0.991,
      mean: 0.9869,
      median: 0.987,
      p2: 0.986788,
      p98: 0.987,
    };
    expect(productSummary({ stats: emissivity, unit: 'unitless' })).toBe(
      'median 0.98700 · p2–p98 0.98679–0.98700',
    );
    const water = { min: 0, max: 9.098, mean: 5.38, median: 6.3106, p2: 0, p98: 9.0943 };
    expect(productSummary({ stats: water, unit: 'g/cm2' })).toBe(
      'median 6.31 g/cm2 · p2–p98 0.00–9.09 g/cm2',
    );
  });
});
