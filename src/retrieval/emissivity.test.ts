import { describe, expect, it } from 'vitest';

import { emissivityOf, ndviThresholdEmissivity, vegetationProportion } from './emissivity.js';
import { SKOKOVIC_2014_TIRS, SOBRINO_2004_TM, YU_2014_TIRS } from './emissivity-sets.js';

const B10 = SKOKOVIC_2014_TIRS.bands.B10;

describe('NDVI-threshold emissivity', () => {
  it('has Pv = ((0.35 − 0.2)/0.3)² = 0.25, clamped to 0 and 1 outside the thresholds', () => {
    expect(vegetationProportion(0.35, 0.2, 0.5)).toBeCloseTo(0.25, 12);
    expect(vegetationProportion(0.1, 0.2, 0.5)).toBe(0);
    expect(vegetationProportion(0.9, 0.2, 0.5)).toBe(1);
  });

  it('mixes Skoković B10 soil and vegetation with the cavity term: 0.98681 at NDVI 0.35', () => {
    // 0.987·0.25 + 0.971·0.75 + (1 − 0.971)·0.987·0.55·0.75 = 0.986807
    if (B10 === undefined) throw new Error('no B10 coefficients');
    expect(emissivityOf(0.35, Number.NaN, SKOKOVIC_2014_TIRS, B10)).toBeCloseTo(0.986807, 6);
  });

  it('gives water, soil and vegetation constants outside the mixed range (Skoković B10)', () => {
    const values = ndviThresholdEmissivity(
      new Float32Array([-0.2, 0.1, 0.8, Number.NaN]),
      null,
      SKOKOVIC_2014_TIRS,
      'B10',
    );
    expect(values[0]).toBeCloseTo(0.991, 6);
    expect(values[1]).toBeCloseTo(0.971, 6);
    expect(values[2]).toBeCloseTo(0.987, 6);
    expect(Number.isNaN(values[3])).toBe(true);
  });

  it('takes bare soil from red reflectance in the Yu set: 0.973 − 0.047·0.2 = 0.9636', () => {
    const values = ndviThresholdEmissivity(
      new Float32Array([0.1]),
      new Float32Array([0.2]),
      YU_2014_TIRS,
      'B10',
    );
    expect(values[0]).toBeCloseTo(0.9636, 6);
  });

  it('reproduces Sobrino 2004 for TM: ε ≈ 0.986 + 0.004·Pv in the mixed range', () => {
    const band = SOBRINO_2004_TM.bands.B6;
    if (band === undefined) throw new Error('no B6 coefficients');
    for (const ndvi of [0.2, 0.3, 0.4, 0.5]) {
      const pv = vegetationProportion(ndvi, 0.2, 0.5);
      expect(emissivityOf(ndvi, 0.1, SOBRINO_2004_TM, band)).toBeCloseTo(0.986 + 0.004 * pv, 3);
    }
  });

  it('refuses a band the set has no coefficients for', () => {
    expect(() =>
      ndviThresholdEmissivity(new Float32Array(1), null, SKOKOVIC_2014_TIRS, 'B6'),
    ).toThrow('emissivity set skokovic-2014 has no coefficients for B6 (has B10, B11)');
  });
});
