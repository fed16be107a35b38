import { describe, expect, it } from 'vitest';

import { emissivityOf, ndviThresholdEmissivity } from './emissivity.js';
import { EMISSIVITY_SETS, SOBRINO_2008_TM, VALOR_CASELLES_1996 } from './emissivity-sets.js';

describe('Valor & Caselles 1996 and Sobrino 2008 emissivity sets', () => {
  it('adds the Valor & Caselles cavity term 4·0.015·Pv(1 − Pv): 0.9775 at Pv = 0.25', () => {
    // NDVI 0.35 → Pv 0.25: 0.985·0.25 + 0.96·0.75 + 0.06·0.25·0.75 = 0.96625 + 0.01125
    const values = ndviThresholdEmissivity(
      new Float32Array([0.35, 0.1, 0.7, -0.1]),
      null,
      VALOR_CASELLES_1996,
      'B10',
    );
    expect(values[0]).toBeCloseTo(0.9775, 6);
    expect(values[1]).toBeCloseTo(0.96, 6);
    expect(values[2]).toBeCloseTo(0.985, 6);
    expect(values[3]).toBeCloseTo(0.991, 6);
  });

  it('is continuous at both thresholds (Pv = 0 and 1)', () => {
    const band = VALOR_CASELLES_1996.bands.B6;
    if (band === undefined) throw new Error('no B6');
    expect(emissivityOf(0.2, Number.NaN, VALOR_CASELLES_1996, band)).toBeCloseTo(0.96, 9);
    expect(emissivityOf(0.5, Number.NaN, VALOR_CASELLES_1996, band)).toBeCloseTo(0.985, 9);
  });

  it('uses the Sobrino 2008 linear relation ε = 0.986 + 0.004·Pv for mixed TM pixels', () => {
    const values = ndviThresholdEmissivity(
      new Float32Array([0.35, 0.1, 0.8]),
      new Float32Array([0.2, 0.2, 0.2]),
      SOBRINO_2008_TM,
      'B6',
    );
    expect(values[0]).toBeCloseTo(0.987, 6);
    expect(values[1]).toBeCloseTo(0.979 - 0.035 * 0.2, 6);
    expect(values[2]).toBeCloseTo(0.99, 6);
  });

  it('registers both new sets by id', () => {
    expect(EMISSIVITY_SETS['valor-caselles-1996']).toBe(VALOR_CASELLES_1996);
    expect(EMISSIVITY_SETS['sobrino-2008']).toBe(SOBRINO_2008_TM);
  });
});
