import { describe, expect, it } from 'vitest';

import {
  type GeneralizedSplitWindowCoefficients,
  type GeneralizedSplitWindowTable,
  generalizedSplitWindowKelvin,
  generalizedSplitWindowLst,
  interpolateGeneralizedSplitWindow,
} from './modis-split-window.js';

// Made-up coefficients of the right magnitude (the published MOD11 table is not available): they
// test the equation form and the interpolation, not MODIS accuracy.
const K: GeneralizedSplitWindowCoefficients = {
  c: -0.4,
  a1: 1.0,
  a2: 0.15,
  a3: -0.3,
  b1: 4.0,
  b2: 3.5,
  b3: -9,
};
const shifted = (dc: number): GeneralizedSplitWindowCoefficients => ({ ...K, c: K.c + dc });

const TABLE: GeneralizedSplitWindowTable = {
  id: 'test',
  citation: 'test coefficients',
  viewZenithDeg: [0, 30, 60],
  waterVapourGcm2: [0.5, 2.5],
  coefficients: [
    [shifted(0), shifted(1)],
    [shifted(2), shifted(3)],
    [shifted(4), shifted(5)],
  ],
};

describe('Wan & Dozier 1996 generalized split-window LST', () => {
  it('evaluates the form: 304.8780 K for T31 300, T32 298, ε 0.97/0.98', () => {
    // ε = 0.975, Δε = −0.01: (1 + 0.15·0.025641 + 0.3·0.010519)·299 + (4 + 3.5·0.025641 + 9·0.010519)·1 − 0.4
    // = 301.09361 + 4.18441 − 0.4
    expect(generalizedSplitWindowKelvin(300, 298, 0.97, 0.98, K)).toBeCloseTo(304.87801, 4);
  });

  it('interpolates coefficients bilinearly and clamps outside the grid', () => {
    expect(interpolateGeneralizedSplitWindow(TABLE, 15, 1.5).c).toBeCloseTo(K.c + 1.5, 12);
    expect(interpolateGeneralizedSplitWindow(TABLE, 45, 2.5).c).toBeCloseTo(K.c + 4, 12);
    expect(interpolateGeneralizedSplitWindow(TABLE, 80, 9).c).toBeCloseTo(K.c + 5, 12);
    expect(interpolateGeneralizedSplitWindow(TABLE, -5, 0).c).toBeCloseTo(K.c, 12);
  });

  it('maps arrays with per-pixel view angles and refuses a ragged table', () => {
    const lst = generalizedSplitWindowLst(
      {
        tb31Kelvin: new Float32Array([300, 300]),
        tb32Kelvin: new Float32Array([298, 298]),
        emissivity31: 0.97,
        emissivity32: 0.98,
        viewZenithDeg: new Float32Array([0, 60]),
        waterVapourGcm2: 0.5,
      },
      TABLE,
    );
    expect(lst[0]).toBeCloseTo(304.87801, 3);
    expect(lst[1]).toBeCloseTo(308.87801, 3);
    const ragged = { ...TABLE, coefficients: [[K], [K, K], [K, K]] };
    expect(() =>
      generalizedSplitWindowLst(
        {
          tb31Kelvin: new Float32Array(1),
          tb32Kelvin: new Float32Array(1),
          emissivity31: 1,
          emissivity32: 1,
          viewZenithDeg: 0,
          waterVapourGcm2: 1,
        },
        ragged,
      ),
    ).toThrow('split-window table test: coefficients must be 3×2');
  });
});
