import { describe, expect, it } from 'vitest';

import { planckRadianceWm2SrUm } from './brightness-temperature.js';
import { bandRadiance } from './planck.js';
import { rteInversion, rteLstKelvin, surfaceRadianceWm2SrUm, USGS_ST_RANGE_KELVIN } from './rte.js';
import { spectralResponseOf } from './spectral-response.js';

const B10 = { k1: 774.8853, k2: 1321.0789 };

describe('radiative-transfer-equation inversion', () => {
  it('recovers B(Ts) = (9 − 1.5 − 0.8·0.03·2.5)/(0.8·0.97) = 9.5876 W/(m2 sr um), 299.936 K', () => {
    expect(surfaceRadianceWm2SrUm(9, 1.5, 2.5, 0.8, 0.97)).toBeCloseTo(9.587629, 6);
    expect(rteLstKelvin(9, 1.5, 2.5, 0.8, 0.97, B10)).toBeCloseTo(299.9358, 4);
  });

  it('inverts a forward-modelled radiance back to the surface temperature', () => {
    const surface = planckRadianceWm2SrUm(305, B10);
    const toa = 0.7 * (0.96 * surface + 0.04 * 3) + 2;
    expect(rteLstKelvin(toa, 2, 3, 0.7, 0.96, B10)).toBeCloseTo(305, 9);
  });

  it('writes NaN, not a 150 K floor, where the corrected radiance is ≤ 0', () => {
    const lst = rteInversion(
      {
        toaRadianceWm2SrUm: new Float32Array([1, 9, Number.NaN]),
        upwellingWm2SrUm: 1.5,
        downwellingWm2SrUm: 2.5,
        transmittance: 0.8,
        emissivity: new Float32Array([0.97, 0.97, 0.97]),
      },
      B10,
    );
    expect(Number.isNaN(lst[0])).toBe(true);
    expect(lst[1]).toBeCloseTo(299.936, 3);
    expect(Number.isNaN(lst[2])).toBe(true);
  });

  it('refuses per-pixel inputs of the wrong length', () => {
    expect(() =>
      rteInversion(
        {
          toaRadianceWm2SrUm: new Float32Array(2),
          upwellingWm2SrUm: new Float32Array(3),
          downwellingWm2SrUm: 0,
          transmittance: 1,
          emissivity: 1,
        },
        B10,
      ),
    ).toThrow('RTE input upwelling radiance has 3 pixels, expected 2');
  });

  it('inverts through the B10 response with the band-integrated option; K1/K2 lands 0.121 K high', () => {
    const srf = spectralResponseOf('landsat-8', 'B10');
    const surface = bandRadiance(srf, 305);
    const toa = 0.7 * (0.96 * surface + 0.04 * 3) + 2;
    const method = { inversion: 'band-integrated', spectralResponse: srf } as const;
    expect(rteLstKelvin(toa, 2, 3, 0.7, 0.96, method)).toBeCloseTo(305, 6);
    const k1k2 = rteLstKelvin(toa, 2, 3, 0.7, 0.96, { inversion: 'k1k2', constants: B10 });
    expect(k1k2 - 305).toBeCloseTo(0.1207, 3);
    const lst = rteInversion(
      {
        toaRadianceWm2SrUm: new Float32Array([toa, 1]),
        upwellingWm2SrUm: 2,
        downwellingWm2SrUm: 3,
        transmittance: 0.7,
        emissivity: 0.96,
      },
      method,
    );
    expect(lst[0]).toBeCloseTo(305, 3);
    expect(Number.isNaN(lst[1])).toBe(true);
  });

  it("holds USGS's 150–373 K ends with range 'usgs-st': B ≤ 0 and 120 K give 150 K, 400 K gives 373 K", () => {
    const srf = spectralResponseOf('landsat-8', 'B10');
    const usgs = { inversion: 'band-integrated', spectralResponse: srf, range: 'usgs-st' } as const;
    const open = { inversion: 'band-integrated', spectralResponse: srf } as const;
    const toa = new Float32Array([-0.2, 0, bandRadiance(srf, 120), bandRadiance(srf, 305)]);
    const inputs = (values: Float32Array) => ({
      toaRadianceWm2SrUm: values,
      upwellingWm2SrUm: 0,
      downwellingWm2SrUm: 0,
      transmittance: 1,
      emissivity: 1,
    });
    const held = rteInversion(inputs(Float32Array.of(...toa, bandRadiance(srf, 400), NaN)), usgs);
    expect(Array.from(held.subarray(0, 3))).toEqual([150, 150, 150]);
    expect(held[3]).toBeCloseTo(305, 3);
    expect(held[4]).toBe(373);
    expect(Number.isNaN(held[5])).toBe(true);
    expect(USGS_ST_RANGE_KELVIN).toEqual({ minKelvin: 150, maxKelvin: 373 });

    const unheld = rteInversion(inputs(Float32Array.of(...toa, bandRadiance(srf, 400))), open);
    expect(Number.isNaN(unheld[0]) && Number.isNaN(unheld[1])).toBe(true);
    expect(unheld[2]).toBeCloseTo(120, 2);
    expect(unheld[4]).toBeCloseTo(400, 2);
  });
});
