import { describe, expect, it } from 'vitest';

import { SKOKOVIC_2014_TIRS, VALOR_CASELLES_1996 } from '../emissivity-sets.js';
import { mixedEmissivityQuadratic, splitWindowNdviParams } from './split-window-params.js';

describe('split-window kernel parameters', () => {
  it('reads Valor & Caselles 1996 as ε = 0.96 + 0.085·Pv − 0.06·Pv² (4⟨dε⟩ = 0.06)', () => {
    const [m0, m1, m2] = mixedEmissivityQuadratic(VALOR_CASELLES_1996, 'B10');
    expect(m0).toBeCloseTo(0.96, 12);
    expect(m1).toBeCloseTo(0.085, 12);
    expect(m2).toBeCloseTo(-0.06, 12);
  });

  it('folds the full-vegetation term of Skoković 2014 at w = 2 into 0.790688 K', () => {
    // (54.3 − 2.238·2)·(1 − 0.988) + (−129.2 + 16.4·2)·(0.987 − 0.989)
    const params = splitWindowNdviParams({
      set: SKOKOVIC_2014_TIRS,
      bandI: 'B10',
      bandJ: 'B11',
      waterVapourGcm2: 2,
    });
    expect(params.vegetationTermKelvin).toBeCloseTo(0.790688, 9);
    expect(Math.abs(params.soilTermPerRedKelvin)).toBe(0);
  });

  it('refuses NDVIv = 1, a band the set lacks and a negative water vapour', () => {
    const setup = { set: SKOKOVIC_2014_TIRS, bandI: 'B10', bandJ: 'B11', waterVapourGcm2: 2 };
    expect(() =>
      splitWindowNdviParams({ ...setup, set: { ...SKOKOVIC_2014_TIRS, ndviVegetation: 1 } }),
    ).toThrow('emissivity set skokovic-2014: the fused kernel needs 0 ≤ NDVIs < NDVIv < 1');
    expect(() => splitWindowNdviParams({ ...setup, bandJ: 'B6' })).toThrow(
      'emissivity set skokovic-2014 has no coefficients for B6 (has B10, B11)',
    );
    expect(() => splitWindowNdviParams({ ...setup, waterVapourGcm2: -1 })).toThrow(
      'waterVapourGcm2 must be a finite value ≥ 0 g/cm2, got -1',
    );
  });
});
