import { describe, expect, it } from 'vitest';

import { float32ValueRule, maskNoDataInPlace, noDataRule } from './nodata.js';

describe('noDataRule', () => {
  it('masks nothing when noData is null, not even 0 (B04: no tag means no noData)', () => {
    const rule = noDataRule(null, 'uint8');
    expect([rule.matches(0), rule.matches(Number.NaN), rule.target]).toEqual([false, false, null]);
  });

  it('honours noData 0 (B04: `if (!noData)` dropped it)', () => {
    const rule = noDataRule(0, 'uint8');
    expect([rule.matches(0), rule.matches(1)]).toEqual([true, false]);
  });

  it('matches NaN samples when noData is NaN (B07: NaN never equals NaN)', () => {
    const rule = noDataRule(Number.NaN, 'float32');
    expect([rule.matches(Number.NaN), rule.matches(0), rule.matchesNaN]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('rounds a float32 noData to float32 before comparing (B06: -3.4e38 and 1e19)', () => {
    expect(noDataRule(-3.39999999999999996e38, 'float32').matches(-3.3999999521443642e38)).toBe(
      true,
    );
    expect(noDataRule(1e19, 'float32').matches(9.99999998050644787e18)).toBe(true);
    expect(noDataRule(1e19, 'float64').matches(9.99999998050644787e18)).toBe(false);
  });

  it('compares integer types exactly, also above 2^24 where float32 would round', () => {
    const rule = noDataRule(16_777_217, 'int32');
    expect([rule.matches(16_777_217), rule.matches(16_777_216)]).toEqual([true, false]);
  });

  it('matches nothing and says why for a noData outside the sample type', () => {
    expect(noDataRule(-9999, 'uint8').outOfRange).toBe(
      'noData -9999 is outside the uint8 range 0..255',
    );
    expect(noDataRule(-9999, 'uint8').matches(-9999)).toBe(false);
    expect(noDataRule(0.5, 'int16').outOfRange).toBe('noData 0.5 is not an integer (int16)');
    expect(noDataRule(1e39, 'float32').outOfRange).toBe(
      'noData 1e+39 is outside the float32 range',
    );
    expect(noDataRule(Number.NaN, 'uint16').outOfRange).toBe(
      'noData NaN cannot occur in uint16 samples',
    );
  });
});

describe('maskNoDataInPlace', () => {
  it('turns float32 values equal to the float32-rounded value into NaN, keeping 0 when unset', () => {
    const values = Float32Array.from([0, 1e19, 5]);
    expect(Array.from(maskNoDataInPlace(values, float32ValueRule(1e19)))).toEqual([0, NaN, 5]);
    expect(
      Array.from(maskNoDataInPlace(Float32Array.from([0, 2]), float32ValueRule(null))),
    ).toEqual([0, 2]);
  });
});
