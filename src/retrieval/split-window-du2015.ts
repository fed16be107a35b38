/**
 * Practical split-window LST for Landsat 8/9 TIRS bands 10 (i) and 11 (j): Du, Ren, Qin, Meng &
 * Zhao 2015, Remote Sens. 7(1), 647-665, eq. (2):
 *   LST = b0 + (b1 + b2·(1−ε)/ε + b3·Δε/ε²)·(Ti + Tj)/2
 *            + (b4 + b5·(1−ε)/ε + b6·Δε/ε²)·(Ti − Tj)/2 + b7·(Ti − Tj)²,
 * with Ti, Tj the at-sensor brightness temperatures (K), ε = (εi + εj)/2 and Δε = εi − εj.
 *
 * The coefficients b0..b7 are fitted per column-water-vapour sub-range (Du 2015, Table 4: five
 * overlapping sub-ranges in g/cm2 and one set for the whole 0-6.3 range). Selection, as the paper
 * describes it (section 3.3): where w lies in the overlap of two adjacent sub-ranges, the LST is the
 * mean of the two LSTs computed with each sub-range's coefficients; where w lies in one sub-range
 * only, that sub-range's coefficients are used.
 *
 * Boundaries here: sub-ranges are closed intervals [low, high], so w = 2.0 (the lower end of
 * [2.0, 3.5] and inside [0, 2.5]) is in an overlap and gets the mean; w = 2.5 likewise. w = 0 is
 * in [0, 2.5] only; w = 6.3 in [5.0, 6.3] only. NaN, negative w and w > 6.3 use the overall
 * [0, 6.3] set (the paper's set for unknown water vapour), so a pixel with no water-vapour estimate
 * still gets an LST. The selection is discontinuous at the edges of each overlap (at most the
 * difference between the two sub-range LSTs, a few tenths of a kelvin), as in the paper.
 *
 * Coefficient values: Du 2015 Table 4 as transcribed in the GRASS GIS add-on i.landsat8.swlst
 * (Alexandris, cwv_coefficients.csv), with the RMSE the paper gives for each sub-range.
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';
import type { PixelValues } from './rte.js';

/** Coefficients b0..b7 of one water-vapour sub-range, with its range in g/cm2. */
export interface Du2015Coefficients {
  lowGcm2: number;
  highGcm2: number;
  b: readonly [number, number, number, number, number, number, number, number];
  /** RMSE of the fit on the simulated data set in kelvin (Du 2015, Table 4). */
  rmseKelvin: number;
}

/** The five overlapping sub-ranges of Du 2015 Table 4, driest first. */
export const DU_2015_SUBRANGES: readonly Du2015Coefficients[] = [
  {
    lowGcm2: 0.0,
    highGcm2: 2.5,
    b: [-2.78009, 1.01408, 0.15833, -0.34991, 4.04487, 3.55414, -8.88394, 0.09152],
    rmseKelvin: 0.34,
  },
  {
    lowGcm2: 2.0,
    highGcm2: 3.5,
    b: [11.00824, 0.95995, 0.17243, -0.28852, 7.11492, 0.42684, -6.62025, -0.06381],
    rmseKelvin: 0.6,
  },
  {
    lowGcm2: 3.0,
    highGcm2: 4.5,
    b: [9.6261, 0.96202, 0.13834, -0.17262, 7.87883, 5.1791, -13.26611, -0.07603],
    rmseKelvin: 0.71,
  },
  {
    lowGcm2: 4.0,
    highGcm2: 5.5,
    b: [0.61258, 0.99124, 0.10051, -0.09664, 7.85758, 6.86626, -15.00742, -0.01185],
    rmseKelvin: 0.86,
  },
  {
    lowGcm2: 5.0,
    highGcm2: 6.3,
    b: [-0.34808, 0.98123, 0.05599, -0.03518, 11.96444, 9.0671, -14.74085, -0.20471],
    rmseKelvin: 0.93,
  },
];

/** The overall set of Du 2015 Table 4 (0-6.3 g/cm2), used when w is unknown or out of range. */
export const DU_2015_OVERALL: Du2015Coefficients = {
  lowGcm2: 0.0,
  highGcm2: 6.3,
  b: [-0.41165, 1.00522, 0.14543, -0.27297, 4.06655, -6.92512, -18.27461, 0.24468],
  rmseKelvin: 0.87,
};

/** Du 2015 eq. (2) for one pixel with one coefficient set; NaN when an input is NaN. */
export function du2015EquationKelvin(
  tb10Kelvin: number,
  tb11Kelvin: number,
  emissivity10: number,
  emissivity11: number,
  c: Du2015Coefficients,
): number {
  const [b0, b1, b2, b3, b4, b5, b6, b7] = c.b;
  const mean = (emissivity10 + emissivity11) / 2;
  const delta = emissivity10 - emissivity11;
  const rough = (1 - mean) / mean;
  const spectral = delta / (mean * mean);
  const dT = tb10Kelvin - tb11Kelvin;

  const sumTerm = (b1 + b2 * rough + b3 * spectral) * ((tb10Kelvin + tb11Kelvin) / 2);
  const diffTerm = (b4 + b5 * rough + b6 * spectral) * (dT / 2);
  return b0 + sumTerm + diffTerm + b7 * dT * dT;
}

/**
 * The sub-ranges whose [low, high] holds `waterVapourGcm2` (one or two), or the overall set alone
 * when w is NaN or outside 0-6.3 g/cm2.
 */
export function du2015CoefficientsFor(waterVapourGcm2: number): readonly Du2015Coefficients[] {
  const w = waterVapourGcm2;
  const inside = DU_2015_SUBRANGES.filter((c) => w >= c.lowGcm2 && w <= c.highGcm2);
  return inside.length === 0 ? [DU_2015_OVERALL] : inside;
}

/** Du 2015 split-window LST in kelvin of one pixel (sub-range selection above). */
export function du2015LstKelvin(
  tb10Kelvin: number,
  tb11Kelvin: number,
  emissivity10: number,
  emissivity11: number,
  waterVapourGcm2: number,
): number {
  const w = waterVapourGcm2;
  let sum = 0;
  let count = 0;
  for (const c of DU_2015_SUBRANGES) {
    if (w >= c.lowGcm2 && w <= c.highGcm2) {
      sum += du2015EquationKelvin(tb10Kelvin, tb11Kelvin, emissivity10, emissivity11, c);
      count += 1;
    }
  }
  if (count === 0) {
    return du2015EquationKelvin(
      tb10Kelvin,
      tb11Kelvin,
      emissivity10,
      emissivity11,
      DU_2015_OVERALL,
    );
  }
  return sum / count;
}

/** Inputs of {@link du2015SplitWindowLst}; arrays must have the length of `tb10Kelvin`. */
export interface Du2015Inputs {
  tb10Kelvin: Float32Array;
  tb11Kelvin: Float32Array;
  emissivity10: PixelValues;
  emissivity11: PixelValues;
  /** Column water vapour in g/cm2, per pixel or one value; NaN selects the overall set. */
  waterVapourGcm2: PixelValues;
}

function at(values: PixelValues, i: number): number {
  return typeof values === 'number' ? values : (values[i] as number);
}

function checkLengths(inputs: Du2015Inputs): number {
  const n = inputs.tb10Kelvin.length;
  const named: [string, PixelValues][] = [
    ['tb11Kelvin', inputs.tb11Kelvin],
    ['emissivity10', inputs.emissivity10],
    ['emissivity11', inputs.emissivity11],
    ['waterVapourGcm2', inputs.waterVapourGcm2],
  ];
  for (const [name, values] of named) {
    if (typeof values !== 'number' && values.length !== n) {
      throw new InvalidParameterError(
        `Du 2015 split-window input ${name} has ${values.length} pixels, expected ${n}`,
        { name, length: values.length, expected: n },
      );
    }
  }
  return n;
}

/** Du 2015 split-window LST in kelvin of every pixel; NaN where an input is NaN. */
export function du2015SplitWindowLst(inputs: Du2015Inputs, out?: Float32Array): Float32Array {
  const n = checkLengths(inputs);
  const result = outputArray(n, out);
  for (let i = 0; i < n; i++) {
    result[i] = du2015LstKelvin(
      inputs.tb10Kelvin[i] as number,
      inputs.tb11Kelvin[i] as number,
      at(inputs.emissivity10, i),
      at(inputs.emissivity11, i),
      at(inputs.waterVapourGcm2, i),
    );
  }
  return result;
}
