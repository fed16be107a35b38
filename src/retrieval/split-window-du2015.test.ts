import { describe, expect, it } from 'vitest';

import {
  DU_2015_OVERALL,
  DU_2015_SUBRANGES,
  du2015CoefficientsFor,
  du2015EquationKelvin,
  du2015LstKelvin,
  du2015SplitWindowLst,
} from './split-window-du2015.js';
import { TEST_BANDS, simulatedBrightnessKelvin } from './lst-test-atmosphere.js';

const [DRY, MOIST] = DU_2015_SUBRANGES;
if (DRY === undefined || MOIST === undefined) throw new Error('Du 2015 sub-ranges missing');

describe('Du 2015 split-window LST', () => {
  it('evaluates eq. 2 with the 0-2.5 g/cm2 set: 307.3398 K for Ti 300, Tj 298, ε 0.97/0.98', () => {
    // Computed independently with numpy from Table 4 (b0..b7 of the 0-2.5 range).
    expect(du2015EquationKelvin(300, 298, 0.97, 0.98, DRY)).toBeCloseTo(307.3398004, 6);
    expect(du2015EquationKelvin(300, 298, 0.97, 0.98, MOIST)).toBeCloseTo(307.2030007, 6);
    expect(du2015EquationKelvin(300, 298, 0.97, 0.98, DU_2015_OVERALL)).toBeCloseTo(307.1826063, 6);
  });

  it('uses one sub-range inside it and the mean of two in an overlap (w = 2.2 g/cm2)', () => {
    expect(du2015LstKelvin(300, 298, 0.97, 0.98, 1.0)).toBeCloseTo(307.3398004, 6);
    const mean = (307.3398004 + 307.2030007) / 2;
    expect(du2015LstKelvin(300, 298, 0.97, 0.98, 2.2)).toBeCloseTo(mean, 6);
  });

  it('treats range ends as inside: 2.0 and 2.5 are overlaps, 0 and 6.3 single ranges', () => {
    expect(du2015CoefficientsFor(2.0)).toHaveLength(2);
    expect(du2015CoefficientsFor(2.5)).toHaveLength(2);
    expect(du2015CoefficientsFor(0)).toEqual([DRY]);
    expect(du2015CoefficientsFor(6.3)).toHaveLength(1);
    expect(du2015CoefficientsFor(6.3)[0]?.lowGcm2).toBe(5.0);
  });

  it('falls back to the overall 0-6.3 set for unknown, negative or too-wet water vapour', () => {
    for (const w of [Number.NaN, -0.5, 7]) {
      expect(du2015LstKelvin(300, 298, 0.97, 0.98, w)).toBeCloseTo(307.1826063, 6);
    }
  });

  it('recovers a 300 K cropland surface within 1.5 K from simulated TIRS brightness temperatures', () => {
    // τ10/τ11 pairs of increasing water vapour; w from the Du 2015 eq. 3 ratio relation.
    const cases = [
      { t10: 0.9, t11: 0.86, ta: 280, w: 0.878 },
      { t10: 0.8, t11: 0.72, ta: 285, w: 1.839 },
      { t10: 0.7, t11: 0.6, ta: 288, w: 2.539 },
    ];
    for (const c of cases) {
      const tb10 = simulatedBrightnessKelvin(300, 0.971, c.t10, c.ta, TEST_BANDS.B10);
      const tb11 = simulatedBrightnessKelvin(300, 0.968, c.t11, c.ta, TEST_BANDS.B11);
      expect(Math.abs(du2015LstKelvin(tb10, tb11, 0.971, 0.968, c.w) - 300)).toBeLessThan(1.5);
    }
  });

  it('maps arrays with per-pixel or constant inputs, keeps NaN and refuses mismatched lengths', () => {
    const lst = du2015SplitWindowLst({
      tb10Kelvin: new Float32Array([300, Number.NaN]),
      tb11Kelvin: new Float32Array([298, 298]),
      emissivity10: 0.97,
      emissivity11: new Float32Array([0.98, 0.98]),
      waterVapourGcm2: 1,
    });
    expect(lst[0]).toBeCloseTo(307.3398, 3);
    expect(Number.isNaN(lst[1])).toBe(true);
    expect(() =>
      du2015SplitWindowLst({
        tb10Kelvin: new Float32Array(2),
        tb11Kelvin: new Float32Array(2),
        emissivity10: 0.97,
        emissivity11: 0.98,
        waterVapourGcm2: new Float32Array(3),
      }),
    ).toThrow('Du 2015 split-window input waterVapourGcm2 has 3 pixels, expected 2');
  });
});
