/**
 * Coefficients A, B, C of the statistical mono-window (SMW) algorithm by total-precipitable-water
 * bin, for the Landsat thermal bands TM B6 (Landsat 4, 5), ETM+ B6 (Landsat 7) and TIRS B10
 * (Landsat 8). Source: Ermida, Soares, Mantas, Göttsche & Trigo 2020, Remote Sens. 12(9), 1471,
 * as published in the authors' Google Earth Engine code (github.com/sofiaermida/Landsat_SMW_LST,
 * modules/SMW_coefficients.js). Bin k holds TPW in (6k, 6(k+1)] kg/m2 for k = 0..8 and > 54
 * kg/m2 for k = 9 (the same code's NCEP_TPW module).
 *
 * Landsat 9 (TIRS-2) coefficients are not in that snapshot and could not be found offline; see
 * {@link smwCoefficientsFor}.
 */

/** A, B, C of one TPW bin: LST = A·Tb/ε + B/ε + C. */
export type SmwBin = readonly [a: number, b: number, c: number];

/** The ten TPW bins of one sensor, driest first. */
export type SmwTable = readonly SmwBin[];

/** Landsat 4 TM B6. */
export const SMW_LANDSAT_4: SmwTable = [
  [0.9755, -205.2767, 212.0051],
  [1.0155, -233.8902, 230.4049],
  [1.0672, -257.1884, 239.3072],
  [1.1499, -286.2166, 244.8497],
  [1.2277, -316.7643, 253.0033],
  [1.3649, -361.8276, 258.5471],
  [1.5085, -410.1157, 265.1131],
  [1.7045, -472.4909, 270.7],
  [1.5886, -442.9489, 277.1511],
  [2.0215, -571.8563, 279.9854],
];

/** Landsat 5 TM B6. */
export const SMW_LANDSAT_5: SmwTable = [
  [0.9765, -204.6584, 211.1321],
  [1.0229, -235.5384, 230.0619],
  [1.0817, -261.3886, 239.5256],
  [1.1738, -293.6128, 245.6042],
  [1.2605, -327.1417, 254.2301],
  [1.4166, -377.7741, 259.9711],
  [1.5727, -430.0388, 266.952],
  [1.7879, -498.1947, 272.8413],
  [1.6347, -457.8183, 279.616],
  [2.1168, -600.7079, 282.4583],
];

/** Landsat 7 ETM+ B6 (VCID 1). */
export const SMW_LANDSAT_7: SmwTable = [
  [0.9764, -205.3511, 211.8507],
  [1.0201, -235.2416, 230.5468],
  [1.075, -259.656, 239.6619],
  [1.1612, -289.819, 245.3286],
  [1.2425, -321.4658, 253.6144],
  [1.3864, -368.4078, 259.139],
  [1.5336, -417.7796, 265.7486],
  [1.7345, -481.5714, 271.3659],
  [1.6066, -448.5071, 277.9058],
  [2.0533, -581.2619, 280.68],
];

/** Landsat 8 TIRS B10. */
export const SMW_LANDSAT_8: SmwTable = [
  [0.9751, -205.8929, 212.7173],
  [1.009, -232.275, 230.5698],
  [1.0541, -253.1943, 238.9548],
  [1.1282, -279.4212, 244.0772],
  [1.1987, -307.4497, 251.8341],
  [1.3205, -348.0228, 257.274],
  [1.454, -393.1718, 263.5599],
  [1.635, -451.079, 268.9405],
  [1.5468, -429.5095, 275.0895],
  [1.9403, -547.2681, 277.9953],
];
