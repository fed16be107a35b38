/**
 * Column water vapour w (g/cm2) for the LST algorithms, three ways:
 * - one value for the whole scene ({@link constantWaterVapour});
 * - a raster already on the scene grid, with its scale/offset and unit ({@link waterVapourFromRaster});
 * - estimated from the TIRS B10/B11 brightness temperatures themselves by the modified split-window
 *   covariance–variance ratio (MSWCVR) of Ren, Du, Liu, Qin, Yan, Li & Meng 2015 (J. Geophys. Res.
 *   Atmos. 120(5), 1723-1738) as used by Du, Ren, Qin, Meng & Zhao 2015 (Remote Sens. 7(1),
 *   647-665, eq. (3)): over N adjacent pixels,
 *     τ11/τ10 ≈ R = Σ(T10,k − T̄10)(T11,k − T̄11) / Σ(T10,k − T̄10)²,
 *     w = c0 + c1·R + c2·R²,  c0 = 9.087, c1 = 0.653, c2 = −9.674
 *   (coefficients fitted on 946 TIGR profiles with MODTRAN 5.2; Ren 2015 state an RMSE of about
 *   0.5 g/cm2). The coefficient order follows Ren 2015, as noted by the GRASS add-on
 *   i.landsat8.swlst (the Du 2015 text has them in a different order).
 *
 * The ratio needs contrast in the window: it is NaN over flat windows (water, uniform fields) and
 * noisy where the window holds little temperature variance, so real scenes give a patchy field;
 * water and cloud pixels should be excluded through `validMask` (Du 2015 exclude them).
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';
import { windowCovarianceRatio, type WindowCovarianceOptions } from './window-covariance.js';

/** Largest column water vapour accepted as input, g/cm2 (the wettest TIGR profiles hold ~8). */
export const MAX_WATER_VAPOUR_GCM2 = 10;

/** Units a water-vapour raster may come in; kg/m2 equals mm of precipitable water, cm equals g/cm2. */
export type WaterVapourUnit = 'g/cm2' | 'cm' | 'kg/m2' | 'mm';

const TO_GCM2: Readonly<Record<WaterVapourUnit, number>> = {
  'g/cm2': 1,
  cm: 1,
  'kg/m2': 0.1,
  mm: 0.1,
};

function checkWaterVapour(valueGcm2: number, what: string): void {
  if (!(valueGcm2 >= 0 && valueGcm2 <= MAX_WATER_VAPOUR_GCM2)) {
    throw new InvalidParameterError(
      `${what} ${valueGcm2} g/cm2 is outside 0-${MAX_WATER_VAPOUR_GCM2} g/cm2`,
      { waterVapourGcm2: valueGcm2 },
    );
  }
}

/**
 * One water vapour for every pixel.
 * @throws InvalidParameterError when the value is NaN or outside 0-10 g/cm2.
 */
export function constantWaterVapour(valueGcm2: number, pixelCount: number): Float32Array {
  checkWaterVapour(valueGcm2, 'water vapour');
  return new Float32Array(pixelCount).fill(valueGcm2);
}

/** How to read a water-vapour raster: physical = raw·scale + offset, in `unit`. */
export interface WaterVapourRasterScaling {
  scale?: number;
  offset?: number;
  unit: WaterVapourUnit;
}

/**
 * Water vapour in g/cm2 from raw raster values (noData already NaN): raw·scale + offset, converted
 * from `unit`. Values that come out negative or above 10 g/cm2 become NaN (fill values, not water).
 */
export function waterVapourFromRaster(
  raw: Float32Array,
  scaling: WaterVapourRasterScaling,
  out?: Float32Array,
): Float32Array {
  const factor = TO_GCM2[scaling.unit];
  const scale = (scaling.scale ?? 1) * factor;
  const offset = (scaling.offset ?? 0) * factor;
  const result = outputArray(raw.length, out);
  for (let i = 0; i < raw.length; i++) {
    const w = (raw[i] as number) * scale + offset;
    result[i] = w >= 0 && w <= MAX_WATER_VAPOUR_GCM2 ? w : Number.NaN;
  }
  return result;
}

/** Quadratic w = c0 + c1·R + c2·R² of the transmittance ratio R = τ11/τ10. */
export interface CovarianceRatioCoefficients {
  c0: number;
  c1: number;
  c2: number;
  citation: string;
}

/** Ren et al. 2015 / Du et al. 2015 eq. (3) for Landsat 8 TIRS. */
export const DU_2015_WATER_VAPOUR: CovarianceRatioCoefficients = {
  c0: 9.087,
  c1: 0.653,
  c2: -9.674,
  citation:
    'Ren et al. 2015, JGR Atmos. 120(5), 1723-1738; Du et al. 2015, Remote Sens. 7(1), 647-665',
};

/** Water vapour in g/cm2 from a transmittance ratio R = τ11/τ10; NaN for NaN. */
export function waterVapourFromRatio(
  ratio: number,
  c: CovarianceRatioCoefficients = DU_2015_WATER_VAPOUR,
): number {
  return c.c0 + c.c1 * ratio + c.c2 * ratio * ratio;
}

/** Options of {@link du2015WaterVapour}. */
export interface CovarianceWaterVapourOptions extends WindowCovarianceOptions {
  coefficients?: CovarianceRatioCoefficients;
  /** Estimates below this are raised to it (default 0: a negative column is not physical). */
  minimumGcm2?: number;
}

/** Rows of context a row block needs above and below for an N×N window: (N − 1)/2. */
export function covarianceHaloRows(windowPx: number): number {
  return Math.max(0, Math.floor(windowPx / 2));
}

/**
 * Water vapour in g/cm2 of every pixel of a width×height B10/B11 brightness-temperature pair by
 * the covariance–variance ratio over an N×N window (see the module comment). NaN where the ratio
 * is undefined (missing centre pixel, too few valid pixels, flat window). To process row blocks,
 * read {@link covarianceHaloRows} extra rows above and below and keep the interior rows.
 */
export function du2015WaterVapour(
  tb10Kelvin: Float32Array,
  tb11Kelvin: Float32Array,
  width: number,
  height: number,
  options: CovarianceWaterVapourOptions,
  out?: Float32Array,
): Float32Array {
  const ratio = windowCovarianceRatio(tb10Kelvin, tb11Kelvin, width, height, options, out);
  const coefficients = options.coefficients ?? DU_2015_WATER_VAPOUR;
  const minimum = options.minimumGcm2 ?? 0;
  for (let i = 0; i < ratio.length; i++) {
    const w = waterVapourFromRatio(ratio[i] as number, coefficients);
    ratio[i] = w < minimum ? minimum : w;
  }
  return ratio;
}
