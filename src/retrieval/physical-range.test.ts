import { describe, expect, it } from 'vitest';

import { enforcePhysicalRange, storablePhysicalValues } from './physical-range.js';

describe('physical range of stored products', () => {
  it('stores LST at or below 0 K and infinite LST as noData and counts them', () => {
    const lst = Float32Array.of(-325.07, 0, 0.03, 296.5, Number.NaN, Number.POSITIVE_INFINITY);
    expect(storablePhysicalValues('lst', lst)).toEqual([
      '2 pixels at or below 0 K stored as noData (not physical)',
      '1 pixels with an infinite value stored as noData',
    ]);
    expect([...lst].map((v) => (Number.isNaN(v) ? null : v))).toEqual([
      null,
      null,
      Math.fround(0.03),
      296.5,
      null,
      null,
    ]);
  });

  it('stores emissivity above 1 or at or below 0 as noData', () => {
    const emissivity = Float32Array.of(1.0133, 1, 0.97, 0, -0.1);
    expect(enforcePhysicalRange('emissivity', emissivity)).toEqual({
      below: 2,
      above: 1,
      infinite: 0,
    });
    expect(emissivity[1]).toBe(1);
    expect(emissivity[2]).toBeCloseTo(0.97, 6);
    expect(storablePhysicalValues('emissivity', Float32Array.of(1.0133))).toEqual([
      '1 pixels above 1 (emissivity is at most 1) stored as noData',
    ]);
  });

  it('leaves NDVI and water vapour values alone but for infinities', () => {
    const ndvi = Float32Array.of(-1, 0.5, 1);
    expect(storablePhysicalValues('ndvi', ndvi)).toEqual([]);
    expect([...ndvi]).toEqual([-1, 0.5, 1]);
  });
});
