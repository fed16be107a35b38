import { describe, expect, it } from 'vitest';

import {
  QIN_2001_TM6,
  meanAtmosphericTemperatureKelvin,
  monoWindowConstantsFor,
  qin2001LstKelvin,
  qin2001MonoWindowLst,
  qin2001Transmittance,
} from './mono-window-qin2001.js';
import { TEST_BANDS, bandRadiance, simulatedBrightnessKelvin } from './lst-test-atmosphere.js';

describe('Qin 2001 mono-window LST', () => {
  it('inverts simulated TM6 pixels to within 0.3 K (the linearisation error)', () => {
    const cases = [
      { ts: 300, e: 0.97, tau: 0.85, ta: 290 },
      { ts: 310, e: 0.96, tau: 0.7, ta: 295 },
      { ts: 290, e: 0.99, tau: 0.9, ta: 280 },
    ];
    for (const c of cases) {
      const tb = simulatedBrightnessKelvin(c.ts, c.e, c.tau, c.ta, TEST_BANDS.TM6);
      expect(Math.abs(qin2001LstKelvin(tb, c.e, c.tau, c.ta) - c.ts)).toBeLessThan(0.3);
    }
  });

  it('returns T itself for a blackbody seen through a clear atmosphere (τ = 1, ε = 1)', () => {
    expect(qin2001LstKelvin(301.5, 1, 1, 280)).toBeCloseTo(301.5, 9);
  });

  it('gives Ta = 16.011 + 0.92621·T0 for the mid-latitude summer atmosphere', () => {
    expect(meanAtmosphericTemperatureKelvin(300, 'mid-latitude-summer')).toBeCloseTo(293.874, 6);
    expect(meanAtmosphericTemperatureKelvin(300, 'usa-1976')).toBeCloseTo(290.0746, 6);
  });

  it('gives τ = 0.97429 − 0.08007·w and refuses water vapour outside the kept relations', () => {
    expect(qin2001Transmittance(1.0, 'high-air-temperature')).toBeCloseTo(0.89422, 9);
    expect(qin2001Transmittance(2.0, 'low-air-temperature')).toBeCloseTo(0.77087, 9);
    expect(() => qin2001Transmittance(2.0, 'high-air-temperature')).toThrow(
      'Qin 2001 has no high-air-temperature transmittance relation for w = 2 g/cm2 (available: 0.4-1.6)',
    );
  });

  it('linearises the TM6 Planck function over 0-70 °C close to Qin’s a = −67.36, b = 0.4586', () => {
    // With the Handbook K1/K2 band function instead of Qin's spectral integration: a ≈ −68.54.
    const { a, b } = monoWindowConstantsFor((t) => bandRadiance(t, TEST_BANDS.TM6), 273.15, 343.15);
    expect(a).toBeCloseTo(-68.542, 2);
    expect(b).toBeCloseTo(0.46363, 4);
    expect(Math.abs(a - QIN_2001_TM6.a)).toBeLessThan(1.3);
    expect(Math.abs(b - QIN_2001_TM6.b)).toBeLessThan(0.006);
  });

  it('maps arrays with constant atmosphere and keeps NaN', () => {
    const lst = qin2001MonoWindowLst({
      tbKelvin: new Float32Array([301.5, Number.NaN]),
      emissivity: 1,
      transmittance: 1,
      meanAtmosphereKelvin: 280,
    });
    expect(lst[0]).toBeCloseTo(301.5, 4);
    expect(Number.isNaN(lst[1])).toBe(true);
  });
});
