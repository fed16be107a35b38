/**
 * Statistical mono-window (SMW) LST (Ermida, Soares, Mantas, Göttsche & Trigo 2020, Remote Sens.
 * 12(9), 1471, eq. (1); the algorithm of the CM-SAF/LSA-SAF SEVIRI products):
 *   LST = A·Tb/ε + B/ε + C,
 * with Tb the at-sensor brightness temperature of the single thermal band (K), ε its surface
 * emissivity, and A, B, C fitted by least squares on simulated TIGR atmospheres in ten bins of
 * total precipitable water (TPW). Coefficients: smw-coefficients-ermida2020.ts.
 *
 * The fit error grows with TPW (the wettest bins have the largest errors); Ermida 2020 give per-bin
 * and in-situ validation figures that could not be checked offline, so none are quoted here.
 */
import { InvalidParameterError } from '../errors.js';
import type { SensorId } from '../rasters/scene-types.js';
import { outputArray } from './brightness-temperature.js';
import type { PixelValues } from './rte.js';
import {
  SMW_LANDSAT_5,
  SMW_LANDSAT_7,
  SMW_LANDSAT_8,
  type SmwBin,
  type SmwTable,
} from './smw-coefficients-ermida2020.js';

/** The SMW coefficients of a sensor, and whether they were fitted for another sensor. */
export interface SmwCoefficientChoice {
  table: SmwTable;
  /** True when the table was fitted for another sensor (Landsat 9 uses Landsat 8's). */
  borrowed: boolean;
  citation: string;
}

const CITATION = 'Ermida, Soares, Mantas, Göttsche & Trigo 2020, Remote Sens. 12(9), 1471';

/**
 * The SMW table of a sensor: TM (Landsat 5), ETM+ (Landsat 7), TIRS (Landsat 8). Landsat 9 gets the
 * Landsat 8 table with `borrowed: true` (TIRS-2 coefficients were not available offline; the two
 * B10 responses centre within 0.07 µm). Null for other sensors.
 */
export function smwCoefficientsFor(sensor: SensorId): SmwCoefficientChoice | null {
  switch (sensor) {
    case 'landsat5-tm':
      return { table: SMW_LANDSAT_5, borrowed: false, citation: CITATION };
    case 'landsat7-etm':
      return { table: SMW_LANDSAT_7, borrowed: false, citation: CITATION };
    case 'landsat8-oli-tirs':
      return { table: SMW_LANDSAT_8, borrowed: false, citation: CITATION };
    case 'landsat9-oli-tirs':
      return { table: SMW_LANDSAT_8, borrowed: true, citation: `${CITATION} (Landsat 8 table)` };
    default:
      return null;
  }
}

/**
 * The TPW bin index 0..9 of a column water vapour in g/cm2: bin k holds (0.6k, 0.6(k+1)] g/cm2,
 * bin 9 everything above 5.4; w ≤ 0 falls in bin 0 (as in the authors' code). −1 for NaN.
 */
export function smwBinIndex(waterVapourGcm2: number): number {
  if (Number.isNaN(waterVapourGcm2)) return -1;
  const tpwKgM2 = waterVapourGcm2 * 10;
  if (tpwKgM2 <= 6) return 0;
  return Math.min(9, Math.ceil(tpwKgM2 / 6) - 1);
}

/** SMW LST in kelvin of one pixel with the coefficients of one bin; NaN when an input is NaN. */
export function smwLstKelvin(tbKelvin: number, emissivity: number, bin: SmwBin): number {
  const [a, b, c] = bin;
  return (a * tbKelvin) / emissivity + b / emissivity + c;
}

/** Inputs of {@link smwLst}; arrays must have the length of `tbKelvin`. */
export interface SmwInputs {
  tbKelvin: Float32Array;
  emissivity: PixelValues;
  /** Column water vapour (TPW) in g/cm2, per pixel or one value; NaN gives NaN. */
  waterVapourGcm2: PixelValues;
}

function at(values: PixelValues, i: number): number {
  return typeof values === 'number' ? values : (values[i] as number);
}

/**
 * SMW LST in kelvin of every pixel; NaN where Tb, ε or w is NaN.
 * @throws InvalidParameterError when the table does not have 10 bins or lengths differ.
 */
export function smwLst(inputs: SmwInputs, table: SmwTable, out?: Float32Array): Float32Array {
  if (table.length !== 10) {
    throw new InvalidParameterError(`SMW table has ${table.length} bins, expected 10`);
  }
  const n = inputs.tbKelvin.length;
  for (const [name, values] of Object.entries(inputs) as [string, PixelValues][]) {
    if (typeof values !== 'number' && values.length !== n) {
      throw new InvalidParameterError(
        `SMW input ${name} has ${values.length} pixels, expected ${n}`,
        { name, length: values.length, expected: n },
      );
    }
  }

  const result = outputArray(n, out);
  for (let i = 0; i < n; i++) {
    const bin = table[smwBinIndex(at(inputs.waterVapourGcm2, i))];
    result[i] =
      bin === undefined
        ? Number.NaN
        : smwLstKelvin(inputs.tbKelvin[i] as number, at(inputs.emissivity, i), bin);
  }
  return result;
}
