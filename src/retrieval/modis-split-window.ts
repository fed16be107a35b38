/**
 * Generalized split-window LST (Wan & Dozier 1996, IEEE TGRS 34(4), 892-905, eq. (3); the MOD11
 * day/night-independent algorithm for MODIS bands 31 and 32):
 *   Ts = C + (A1 + A2·(1−ε)/ε + A3·Δε/ε²)·(T31 + T32)/2
 *          + (B1 + B2·(1−ε)/ε + B3·Δε/ε²)·(T31 − T32)/2,
 * with ε = (ε31 + ε32)/2 and Δε = ε31 − ε32.
 *
 * Wan & Dozier fit the coefficients separately by view-zenith angle, column water vapour and
 * lower-boundary air temperature (the MOD11 look-up table). Those published values are not
 * available offline, so this module implements the form and a table structure over view zenith ×
 * water vapour (one table per air-temperature class, chosen by the caller), bilinearly
 * interpolated; callers pass the coefficients in.
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';
import { checkPixelLengths, pixelValueAt, type PixelValues } from './pixel-values.js';

/** The seven coefficients of the generalized split-window equation. */
export interface GeneralizedSplitWindowCoefficients {
  c: number;
  a1: number;
  a2: number;
  a3: number;
  b1: number;
  b2: number;
  b3: number;
}

/** Generalized split-window LST in kelvin of one pixel; NaN when an input is NaN. */
export function generalizedSplitWindowKelvin(
  tb31Kelvin: number,
  tb32Kelvin: number,
  emissivity31: number,
  emissivity32: number,
  k: GeneralizedSplitWindowCoefficients,
): number {
  const mean = (emissivity31 + emissivity32) / 2;
  const delta = emissivity31 - emissivity32;
  const rough = (1 - mean) / mean;
  const spectral = delta / (mean * mean);
  const sum = (k.a1 + k.a2 * rough + k.a3 * spectral) * ((tb31Kelvin + tb32Kelvin) / 2);
  const difference = (k.b1 + k.b2 * rough + k.b3 * spectral) * ((tb31Kelvin - tb32Kelvin) / 2);
  return k.c + sum + difference;
}

/**
 * Coefficients on a grid of view-zenith angles (degrees, increasing) × column water vapour
 * (g/cm2, increasing): `coefficients[v][w]`. One table serves one air-temperature class.
 */
export interface GeneralizedSplitWindowTable {
  id: string;
  citation: string;
  viewZenithDeg: readonly number[];
  waterVapourGcm2: readonly number[];
  coefficients: readonly (readonly GeneralizedSplitWindowCoefficients[])[];
}

/**
 * Check that a table's grid is increasing and its coefficient matrix matches the grid.
 * @throws InvalidParameterError naming the first problem.
 */
export function checkGeneralizedSplitWindowTable(table: GeneralizedSplitWindowTable): void {
  const increasing = (values: readonly number[]): boolean =>
    values.length > 0 && values.every((v, i) => i === 0 || v > (values[i - 1] as number));
  if (!increasing(table.viewZenithDeg) || !increasing(table.waterVapourGcm2)) {
    throw new InvalidParameterError(
      `split-window table ${table.id}: view-zenith and water-vapour grids must be non-empty and increasing`,
    );
  }
  const rows = table.coefficients;
  const width = table.waterVapourGcm2.length;
  if (rows.length !== table.viewZenithDeg.length || rows.some((row) => row.length !== width)) {
    throw new InvalidParameterError(
      `split-window table ${table.id}: coefficients must be ${table.viewZenithDeg.length}×${width}`,
    );
  }
}

/** Index i and weight t in 0..1 of `value` between grid[i] and grid[i+1], clamped at the ends. */
function bracket(grid: readonly number[], value: number): [number, number] {
  const last = grid.length - 1;
  if (last === 0 || value <= (grid[0] as number)) return [0, 0];
  if (value >= (grid[last] as number)) return [last - 1, 1];
  let i = 0;
  while (value > (grid[i + 1] as number)) i++;
  const low = grid[i] as number;
  return [i, (value - low) / ((grid[i + 1] as number) - low)];
}

function blend(
  p: GeneralizedSplitWindowCoefficients,
  q: GeneralizedSplitWindowCoefficients,
  t: number,
): GeneralizedSplitWindowCoefficients {
  const mix = (x: number, y: number): number => x + (y - x) * t;
  return {
    c: mix(p.c, q.c),
    a1: mix(p.a1, q.a1),
    a2: mix(p.a2, q.a2),
    a3: mix(p.a3, q.a3),
    b1: mix(p.b1, q.b1),
    b2: mix(p.b2, q.b2),
    b3: mix(p.b3, q.b3),
  };
}

/**
 * Coefficients at one view zenith and water vapour, bilinear between grid nodes and clamped to
 * the grid outside it (no extrapolation). NaN inputs give NaN coefficients.
 */
export function interpolateGeneralizedSplitWindow(
  table: GeneralizedSplitWindowTable,
  viewZenithDeg: number,
  waterVapourGcm2: number,
): GeneralizedSplitWindowCoefficients {
  if (Number.isNaN(viewZenithDeg) || Number.isNaN(waterVapourGcm2)) {
    const nan = Number.NaN;
    return { c: nan, a1: nan, a2: nan, a3: nan, b1: nan, b2: nan, b3: nan };
  }
  const [v, tv] = bracket(table.viewZenithDeg, viewZenithDeg);
  const [w, tw] = bracket(table.waterVapourGcm2, waterVapourGcm2);
  const node = (i: number, j: number): GeneralizedSplitWindowCoefficients => {
    const row = table.coefficients[Math.min(i, table.viewZenithDeg.length - 1)];
    const value = row?.[Math.min(j, table.waterVapourGcm2.length - 1)];
    if (value === undefined)
      throw new InvalidParameterError(`split-window table ${table.id} is ragged`);
    return value;
  };
  const low = blend(node(v, w), node(v, w + 1), tw);
  const high = blend(node(v + 1, w), node(v + 1, w + 1), tw);
  return blend(low, high, tv);
}

/** Inputs of {@link generalizedSplitWindowLst}; arrays must have the length of `tb31Kelvin`. */
export interface GeneralizedSplitWindowInputs {
  tb31Kelvin: Float32Array;
  tb32Kelvin: Float32Array;
  emissivity31: PixelValues;
  emissivity32: PixelValues;
  viewZenithDeg: PixelValues;
  waterVapourGcm2: PixelValues;
}

/** Generalized split-window LST in kelvin of every pixel; NaN where an input is NaN. */
export function generalizedSplitWindowLst(
  inputs: GeneralizedSplitWindowInputs,
  table: GeneralizedSplitWindowTable,
  out?: Float32Array,
): Float32Array {
  checkGeneralizedSplitWindowTable(table);
  const n = inputs.tb31Kelvin.length;
  checkPixelLengths('split-window', Object.entries(inputs) as [string, PixelValues][], n);

  const uniform =
    typeof inputs.viewZenithDeg === 'number' && typeof inputs.waterVapourGcm2 === 'number'
      ? interpolateGeneralizedSplitWindow(table, inputs.viewZenithDeg, inputs.waterVapourGcm2)
      : null;
  const result = outputArray(n, out);
  for (let i = 0; i < n; i++) {
    const k =
      uniform ??
      interpolateGeneralizedSplitWindow(
        table,
        pixelValueAt(inputs.viewZenithDeg, i),
        pixelValueAt(inputs.waterVapourGcm2, i),
      );
    result[i] = generalizedSplitWindowKelvin(
      inputs.tb31Kelvin[i] as number,
      inputs.tb32Kelvin[i] as number,
      pixelValueAt(inputs.emissivity31, i),
      pixelValueAt(inputs.emissivity32, i),
      k,
    );
  }
  return result;
}
