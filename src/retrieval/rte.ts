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
 * no inversion. By default this module writes NaN (noData) there, not the 150 K floor of USGS's
 * ST_B10: a floor looks like a temperature and would bias every statistic over the region. The
 * band-integrated option `range: 'usgs-st'` reproduces USGS's rule instead, for comparison with
 * ST_B10 (see {@link USGS_ST_RANGE_KELVIN}).
 */
import { brightnessTemperatureKelvin, outputArray } from './brightness-temperature.js';
import { bandBrightnessTemperature, bandRadiance } from './planck.js';
import { checkPixelLengths, pixelValueAt, type PixelValues } from './pixel-values.js';
import type { ThermalConstants } from './sensors.js';
import type { SpectralResponse } from './spectral-response.js';

/**
 * What a band-integrated inversion does outside the temperatures of USGS's LUT: `open` (default)
 * inverts every B > 0 and gives NaN for B ≤ 0; `usgs-st` holds the result inside
 * {@link USGS_ST_RANGE_KELVIN}, B ≤ 0 included, as the USGS ST product does.
 */
export type RteRange = 'open' | 'usgs-st';

/** How B(Ts) becomes a temperature: the K1/K2 form, or through the band's spectral response. */
export type RteInversionMethod =
  | { inversion: 'k1k2'; constants: ThermalConstants }
  | { inversion: 'band-integrated'; spectralResponse: SpectralResponse; range?: RteRange };

/** The names of {@link RteInversionMethod}, for parameter validation. */
export const RTE_INVERSIONS = ['k1k2', 'band-integrated'] as const;

/**
 * The temperatures in kelvin of USGS's brightness-temperature LUT (L8_Brightness_Temperature_LUT,
 * 150–373 K in 0.01 K steps; valid range 1500–3730 of the 0.1 K ST product). ESPA inverts with
 * numpy's `interp` over that table (USGS EROS espa-surface-temperature, build_st_data.py), which
 * holds the end values outside it: radiances below 150 K's, zero and negative ones too, give 150 K
 * (ST_B10 DN 293 = 150.0015 K), and those above 373 K's give 373 K. The shared Collection 2 scenes
 * bear it out: 95–98 % of their B ≤ 0 pixels hold ST_B10 ≤ 150.02 K (001062, 017036).
 */
export const USGS_ST_RANGE_KELVIN = { minKelvin: 150, maxKelvin: 373 } as const;

interface RadianceRange {
  minRadiance: number;
  maxRadiance: number;
}

const usgsRangeCache = new WeakMap<SpectralResponse, RadianceRange>();

function usgsRadianceRange(srf: SpectralResponse): RadianceRange {
  const cached = usgsRangeCache.get(srf);
  if (cached !== undefined) return cached;
  const range = {
    minRadiance: bandRadiance(srf, USGS_ST_RANGE_KELVIN.minKelvin),
    maxRadiance: bandRadiance(srf, USGS_ST_RANGE_KELVIN.maxKelvin),
  };
  usgsRangeCache.set(srf, range);
  return range;
}

/** USGS's held-end inversion: 150 K at or below 150 K's band radiance, 373 K at or above 373 K's. */
function usgsStTemperature(srf: SpectralResponse, radianceWm2SrUm: number): number {
  if (Number.isNaN(radianceWm2SrUm)) return Number.NaN;
  const { minRadiance, maxRadiance } = usgsRadianceRange(srf);
  if (radianceWm2SrUm <= minRadiance) return USGS_ST_RANGE_KELVIN.minKelvin;
  if (radianceWm2SrUm >= maxRadiance) return USGS_ST_RANGE_KELVIN.maxKelvin;
  return bandBrightnessTemperature(srf, radianceWm2SrUm);
}

/**
 * Temperature in kelvin of a surface radiance by the chosen method. NaN when B is NaN; when
 * B ≤ 0, NaN too, except with the band-integrated `range: 'usgs-st'` (150 K, USGS's floor).
 */
export function invertSurfaceRadiance(
  surfaceRadianceWm2SrUm: number,
  method: RteInversionMethod,
): number {
  if (method.inversion === 'k1k2') {
    return brightnessTemperatureKelvin(surfaceRadianceWm2SrUm, method.constants);
  }
  return method.range === 'usgs-st'
    ? usgsStTemperature(method.spectralResponse, surfaceRadianceWm2SrUm)
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
 * RTE-inverted LST in kelvin of one pixel; NaN when an input is NaN or B(Ts) ≤ 0 (150 K for the
 * latter with `range: 'usgs-st'`). `method` is the band's K1/K2 (the K1/K2 inversion) or an
 * {@link RteInversionMethod}.
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

export type { PixelValues } from './pixel-values.js';

/** The inputs of {@link rteInversion}; arrays must have the TOA radiance's length. */
export interface RteInputs {
  toaRadianceWm2SrUm: Float32Array;
  upwellingWm2SrUm: PixelValues;
  downwellingWm2SrUm: PixelValues;
  transmittance: PixelValues;
  emissivity: PixelValues;
}

/**
 * RTE-inverted LST in kelvin of every pixel; NaN where there is no inversion (B ≤ 0; 150 K there
 * with `range: 'usgs-st'`) or noData. `method` is the band's K1/K2 (the K1/K2 inversion) or an
 * {@link RteInversionMethod}.
 */
export function rteInversion(
  inputs: RteInputs,
  method: ThermalConstants | RteInversionMethod,
  out?: Float32Array,
): Float32Array {
  const inversion = asMethod(method);
  const n = inputs.toaRadianceWm2SrUm.length;
  checkPixelLengths(
    'RTE',
    [
      ['upwelling radiance', inputs.upwellingWm2SrUm],
      ['downwelling radiance', inputs.downwellingWm2SrUm],
      ['transmittance', inputs.transmittance],
      ['emissivity', inputs.emissivity],
    ],
    n,
  );

  const result = outputArray(n, out);
  for (let i = 0; i < n; i++) {
    result[i] = rteLstKelvin(
      inputs.toaRadianceWm2SrUm[i] as number,
      pixelValueAt(inputs.upwellingWm2SrUm, i),
      pixelValueAt(inputs.downwellingWm2SrUm, i),
      pixelValueAt(inputs.transmittance, i),
      pixelValueAt(inputs.emissivity, i),
      inversion,
    );
  }
  return result;
}
