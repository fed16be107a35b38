/**
 * Level-1 calibration of Landsat bands: DN → at-sensor spectral radiance, radiance → brightness
 * temperature (inverse Planck with the band constants K1/K2), DN → top-of-atmosphere
 * reflectance. Source: USGS Landsat 8 Data Users Handbook (LSDS-1574), section 5 "Conversion to
 * TOA radiance / reflectance / at-satellite brightness temperature".
 *
 * Every array function is vectorised over Float32Array: NaN in (noData) gives NaN out, and an
 * optional `out` array (same length) can be passed to avoid an allocation.
 */
import { InvalidParameterError } from '../errors.js';
import { float32ValueRule } from '../rasters/nodata.js';
import type { ThermalConstants } from './sensors.js';

/** Allocate the output of an element-wise function, or check the one supplied. */
export function outputArray(length: number, out?: Float32Array): Float32Array {
  if (out === undefined) return new Float32Array(length);
  if (out.length !== length) {
    throw new InvalidParameterError(`output array has ${out.length} elements, expected ${length}`);
  }
  return out;
}

/**
 * At-sensor spectral radiance in W/(m2 sr um) from quantised DN: L = ML·Q + AL, with ML
 * (RADIANCE_MULT_BAND_n) and AL (RADIANCE_ADD_BAND_n) from the MTL (Handbook eq. 5-1).
 */
export function dnToRadiance(
  dn: Float32Array,
  radianceMult: number,
  radianceAdd: number,
  out?: Float32Array,
): Float32Array {
  const result = outputArray(dn.length, out);
  for (let i = 0; i < dn.length; i++) {
    result[i] = radianceMult * (dn[i] as number) + radianceAdd;
  }
  return result;
}

/**
 * Brightness temperature in kelvin of one radiance value: Tb = K2 / ln(K1/L + 1) (Handbook eq.
 * 5-3). NaN when the radiance is ≤ 0 or NaN (no temperature has a non-positive Planck radiance).
 */
export function brightnessTemperatureKelvin(
  radianceWm2SrUm: number,
  constants: ThermalConstants,
): number {
  if (!(radianceWm2SrUm > 0)) return Number.NaN;
  return constants.k2 / Math.log(constants.k1 / radianceWm2SrUm + 1);
}

/**
 * Band radiance in W/(m2 sr um) of a blackbody at `temperatureKelvin`, the inverse of
 * {@link brightnessTemperatureKelvin}: L = K1 / (exp(K2/T) − 1). NaN for T ≤ 0.
 */
export function planckRadianceWm2SrUm(
  temperatureKelvin: number,
  constants: ThermalConstants,
): number {
  if (!(temperatureKelvin > 0)) return Number.NaN;
  return constants.k1 / Math.expm1(constants.k2 / temperatureKelvin);
}

/** Brightness temperatures in kelvin of an array of radiances; NaN where L ≤ 0 or NaN. */
export function radianceToBrightnessTemperature(
  radianceWm2SrUm: Float32Array,
  constants: ThermalConstants,
  out?: Float32Array,
): Float32Array {
  const result = outputArray(radianceWm2SrUm.length, out);
  for (let i = 0; i < radianceWm2SrUm.length; i++) {
    result[i] = brightnessTemperatureKelvin(radianceWm2SrUm[i] as number, constants);
  }
  return result;
}

/**
 * Top-of-atmosphere reflectance (unitless) from DN: ρ' = Mρ·Q + Aρ (Handbook eq. 5-4), divided
 * by sin(sun elevation) when `sunElevationDeg` is given (eq. 5-5). Without the sun correction the
 * values are still fine for ratios such as NDVI, where the factor cancels.
 */
export function dnToToaReflectance(
  dn: Float32Array,
  reflectanceMult: number,
  reflectanceAdd: number,
  sunElevationDeg: number | null = null,
  out?: Float32Array,
): Float32Array {
  const sunFactor = sunElevationDeg === null ? 1 : Math.sin((sunElevationDeg * Math.PI) / 180);
  const result = outputArray(dn.length, out);
  for (let i = 0; i < dn.length; i++) {
    result[i] = (reflectanceMult * (dn[i] as number) + reflectanceAdd) / sunFactor;
  }
  return result;
}

/**
 * Linear scaling physical = mult·DN + add (Collection 2 Level-2 bands: ST_B10 in kelvin, SR_Bn
 * reflectance, ST_TRAD radiance…); stored values equal to `fillValue` become NaN.
 */
export function scaleDn(
  dn: Float32Array,
  mult: number,
  add: number,
  fillValue: number | null,
  out?: Float32Array,
): Float32Array {
  const result = outputArray(dn.length, out);
  const fill = float32ValueRule(fillValue);
  for (let i = 0; i < dn.length; i++) {
    const value = dn[i] as number;
    result[i] = fill.matches(value) ? Number.NaN : mult * value + add;
  }
  return result;
}
