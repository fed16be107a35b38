/**
 * Split-window LST for Landsat 8/9 TIRS bands 10 (i) and 11 (j): Jiménez-Muñoz, Sobrino,
 * Skoković et al. 2014, IEEE Geosci. Remote Sens. Lett. 11(10), 1840-1843:
 *   LST = Ti + c1·(Ti − Tj) + c2·(Ti − Tj)² + c0 + (c3 + c4·w)·(1 − ε) + (c5 + c6·w)·Δε,
 * with Ti, Tj the at-sensor brightness temperatures (K), ε = (εi + εj)/2, Δε = εi − εj and w the
 * column water vapour in g/cm2.
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';

/** Coefficients c0..c6 of the split-window equation above. */
export interface SplitWindowCoefficients {
  id: string;
  citation: string;
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  c6: number;
}

/** Jiménez-Muñoz et al. 2014, IEEE GRSL 11(10), the split-window coefficients for TIRS. */
export const JIMENEZ_MUNOZ_2014_SPLIT_WINDOW: SplitWindowCoefficients = {
  id: 'jimenez-munoz-2014-split-window',
  citation: 'Jiménez-Muñoz, Sobrino, Skoković et al. 2014, IEEE GRSL 11(10), 1840-1843',
  c0: -0.268,
  c1: 1.378,
  c2: 0.183,
  c3: 54.3,
  c4: -2.238,
  c5: -129.2,
  c6: 16.4,
};

/** Split-window LST in kelvin of one pixel; NaN when any input is NaN. */
export function splitWindowLstKelvin(
  tbIKelvin: number,
  tbJKelvin: number,
  emissivityI: number,
  emissivityJ: number,
  waterVapourGcm2: number,
  c: SplitWindowCoefficients = JIMENEZ_MUNOZ_2014_SPLIT_WINDOW,
): number {
  const dT = tbIKelvin - tbJKelvin;
  const meanEmissivity = (emissivityI + emissivityJ) / 2;
  const deltaEmissivity = emissivityI - emissivityJ;
  const w = waterVapourGcm2;
  return (
    tbIKelvin +
    c.c1 * dT +
    c.c2 * dT * dT +
    c.c0 +
    (c.c3 + c.c4 * w) * (1 - meanEmissivity) +
    (c.c5 + c.c6 * w) * deltaEmissivity
  );
}

/** Split-window LST in kelvin of every pixel, at one water vapour for the whole array. */
export function splitWindowLst(
  tbIKelvin: Float32Array,
  tbJKelvin: Float32Array,
  emissivityI: Float32Array,
  emissivityJ: Float32Array,
  waterVapourGcm2: number,
  coefficients: SplitWindowCoefficients = JIMENEZ_MUNOZ_2014_SPLIT_WINDOW,
  out?: Float32Array,
): Float32Array {
  const n = tbIKelvin.length;
  if (tbJKelvin.length !== n || emissivityI.length !== n || emissivityJ.length !== n) {
    throw new InvalidParameterError('split-window inputs differ in length', {
      lengths: [n, tbJKelvin.length, emissivityI.length, emissivityJ.length],
    });
  }
  const result = outputArray(n, out);
  for (let i = 0; i < n; i++) {
    result[i] = splitWindowLstKelvin(
      tbIKelvin[i] as number,
      tbJKelvin[i] as number,
      emissivityI[i] as number,
      emissivityJ[i] as number,
      waterVapourGcm2,
      coefficients,
    );
  }
  return result;
}
