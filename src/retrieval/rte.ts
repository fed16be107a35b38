/**
 * Radiative-transfer-equation inversion for one thermal band. The at-sensor radiance is
 *   L_TOA = τ·[ε·B(Ts) + (1 − ε)·L↓] + L↑,
 * so the surface-emitted blackbody radiance is
 *   B(Ts) = (L_TOA − L↑ − τ·(1 − ε)·L↓) / (τ·ε),
 * and Ts = K2 / ln(K1/B + 1) with the band's K1/K2 (e.g. Yu, Guo & Wu 2014, Remote Sens. 6,
 * 9829-9852; the model of the USGS Collection 2 ST product, Cook et al. 2014, Remote Sens. 6,
 * 11244-11266). The `band-integrated` inversion instead inverts B through the band's spectral
 * response (planck.ts), as the USGS ST product does with its brightness-temperature LUT: the
 * K1/K2 form sits ~0.11 K off that LUT for Landsat 8 B10.
 *
 * Where B ≤ 0 (the atmosphere terms exceed the measured radiance: clouds, or wrong τ/L↑) there is
 * no inversion. This module writes NaN (noData) there, not the 150 K floor of USGS's ST_B10: a
 * floor looks like a temperature and would bias every statistic over the region.
 */
import { InvalidParameterError } from '../errors.js';
import { brightnessTemperatureKelvin, outputArray } from './brightness-temperature.js';
import { bandBrightnessTemperature } from './planck.js';
import type { ThermalConstants } from './sensors.js';
import type { SpectralResponse } from './spectral-response.js';

/** How B(Ts) becomes a temperature: the K1/K2 form, or through the band's spectral response. */
export type RteInversionMethod =
  | { inversion: 'k1k2'; constants: ThermalConstants }
  | { inversion: 'band-integrated'; spectralResponse: SpectralResponse };

/** The names of {@link RteInversionMethod}, for parameter validation. */
export const RTE_INVERSIONS = ['k1k2', 'band-integrated'] as const;

/** Temperature in kelvin of a surface radiance by the chosen method; NaN when B ≤ 0 or NaN. */
export function invertSurfaceRadiance(
  surfaceRadianceWm2SrUm: number,
  method: RteInversionMethod,
): number {
  return method.inversion === 'k1k2'
    ? brightnessTemperatureKelvin(surfaceRadianceWm2SrUm, method.constants)
    : bandBrightnessTemperature(method.spectralResponse, surfaceRadianceWm2SrUm);
}

function asMethod(method: ThermalConstants | RteInversionMethod): RteInversionMethod {
  return 'inversion' in method ? method : { inversion: 'k1k2', constants: method };
}

/** Surface-emitted radiance B(Ts) in W/(m2 sr um) of one pixel; NaN when any input is NaN. */
export function surfaceRadianceWm2SrUm(
  toaRadianceWm2SrUm: number,
  upwellingWm2SrUm: number,
  downwellingWm2SrUm: number,
  transmittance: number,
  emissivity: number,
): number {
  const reflectedDown = transmittance * (1 - emissivity) * downwellingWm2SrUm;
  return (toaRadianceWm2SrUm - upwellingWm2SrUm - reflectedDown) / (transmittance * emissivity);
}

/**
 * RTE-inverted LST in kelvin of one pixel; NaN when B(Ts) ≤ 0 or an input is NaN. `method` is
 * the band's K1/K2 (the K1/K2 inversion) or an {@link RteInversionMethod}.
 */
export function rteLstKelvin(
  toaRadianceWm2SrUm: number,
  upwellingWm2SrUm: number,
  downwellingWm2SrUm: number,
  transmittance: number,
  emissivity: number,
  method: ThermalConstants | RteInversionMethod,
): number {
  const surface = surfaceRadianceWm2SrUm(
    toaRadianceWm2SrUm,
    upwellingWm2SrUm,
    downwellingWm2SrUm,
    transmittance,
    emissivity,
  );
  return invertSurfaceRadiance(surface, asMethod(method));
}

/** A per-pixel array or one value for every pixel. */
export type PixelValues = Float32Array | number;

/** The inputs of {@link rteInversion}; arrays must have the TOA radiance's length. */
export interface RteInputs {
  toaRadianceWm2SrUm: Float32Array;
  upwellingWm2SrUm: PixelValues;
  downwellingWm2SrUm: PixelValues;
  transmittance: PixelValues;
  emissivity: PixelValues;
}

function valueAt(values: PixelValues, i: number): number {
  return typeof values === 'number' ? values : (values[i] as number);
}

function checkLength(name: string, values: PixelValues, length: number): void {
  if (typeof values !== 'number' && values.length !== length) {
    throw new InvalidParameterError(
      `RTE input ${name} has ${values.length} pixels, expected ${length}`,
      {
        name,
        length: values.length,
        expected: length,
      },
    );
  }
}

/**
 * RTE-inverted LST in kelvin of every pixel; NaN where there is no inversion (B ≤ 0) or noData.
 * `method` is the band's K1/K2 (the K1/K2 inversion) or an {@link RteInversionMethod}.
 */
export function rteInversion(
  inputs: RteInputs,
  method: ThermalConstants | RteInversionMethod,
  out?: Float32Array,
): Float32Array {
  const inversion = asMethod(method);
  const n = inputs.toaRadianceWm2SrUm.length;
  checkLength('upwelling radiance', inputs.upwellingWm2SrUm, n);
  checkLength('downwelling radiance', inputs.downwellingWm2SrUm, n);
  checkLength('transmittance', inputs.transmittance, n);
  checkLength('emissivity', inputs.emissivity, n);

  const result = outputArray(n, out);
  for (let i = 0; i < n; i++) {
    result[i] = rteLstKelvin(
      inputs.toaRadianceWm2SrUm[i] as number,
      valueAt(inputs.upwellingWm2SrUm, i),
      valueAt(inputs.downwellingWm2SrUm, i),
      valueAt(inputs.transmittance, i),
      valueAt(inputs.emissivity, i),
      inversion,
    );
  }
  return result;
}
