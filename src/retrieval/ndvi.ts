/**
 * Normalised difference vegetation index, NDVI = (NIR − red) / (NIR + red) (Rouse et al. 1974),
 * from TOA reflectance (Level 1) or surface reflectance (Level 2 SR_Bn).
 */
import { InvalidParameterError } from '../errors.js';
import type { SensorId } from '../rasters/scene-types.js';
import { outputArray } from './brightness-temperature.js';

/**
 * NDVI of one pixel. NaN when either input is NaN or NIR + red is 0; clamped to [−1, 1], since
 * slightly negative reflectances (dark water in L2 SR) would otherwise push it outside.
 */
export function ndviOf(red: number, nir: number): number {
  const sum = nir + red;
  if (!(sum !== 0)) return Number.NaN;
  const value = (nir - red) / sum;
  if (value > 1) return 1;
  if (value < -1) return -1;
  return value;
}

/** NDVI of every pixel of two equally long reflectance arrays; NaN-safe as {@link ndviOf}. */
export function ndvi(red: Float32Array, nir: Float32Array, out?: Float32Array): Float32Array {
  if (red.length !== nir.length) {
    throw new InvalidParameterError(`red has ${red.length} pixels but NIR has ${nir.length}`);
  }
  const result = outputArray(red.length, out);
  for (let i = 0; i < red.length; i++) {
    result[i] = ndviOf(red[i] as number, nir[i] as number);
  }
  return result;
}

/**
 * Mean exo-atmospheric solar irradiance ESUN in W/(m2 um) of the red and NIR bands, for MTLs
 * without reflectance rescaling (pre-collection TM/ETM+). Chander, Markham & Helder 2009, Remote
 * Sens. Environ. 113, Table 2 (TM: Landsat 5; ETM+: Landsat 7).
 */
export const ESUN_RED_NIR: Readonly<Partial<Record<SensorId, { red: number; nir: number }>>> = {
  'landsat5-tm': { red: 1536, nir: 1031 },
  'landsat7-etm': { red: 1533, nir: 1039 },
};

/**
 * NDVI from red and NIR radiance, converted to reflectance up to a common factor: ρ ∝ L / ESUN
 * (the Earth-Sun distance and the solar zenith cancel in the ratio; Chander et al. 2009, eq. 2).
 */
export function ndviFromRadiance(
  redRadiance: Float32Array,
  nirRadiance: Float32Array,
  esun: { red: number; nir: number },
  out?: Float32Array,
): Float32Array {
  if (redRadiance.length !== nirRadiance.length) {
    throw new InvalidParameterError(
      `red has ${redRadiance.length} pixels but NIR has ${nirRadiance.length}`,
    );
  }
  const result = outputArray(redRadiance.length, out);
  for (let i = 0; i < redRadiance.length; i++) {
    const red = (redRadiance[i] as number) / esun.red;
    const nir = (nirRadiance[i] as number) / esun.nir;
    result[i] = ndviOf(red, nir);
  }
  return result;
}
