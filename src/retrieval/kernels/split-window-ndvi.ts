/**
 * Fused whole-scene split-window LST kernels: NDVI (Rouse et al. 1974) → NDVI-threshold
 * emissivity (Sobrino et al. 2004) → Jiménez-Muñoz et al. 2014 split-window, in one loop over
 * a pixel range with no allocation, from brightness temperatures and reflectances or straight
 * from Level-1 DN (USGS LSDS-1574 section 5). They give the values of the per-pixel functions
 * (ndviOf, emissivityOf, splitWindowLstKelvin, brightnessTemperatureKelvin) to float32 output
 * precision; the emissivity term is folded per NDVI class (split-window-params.ts).
 *
 * Pixel ranges are flat indices [start, end) into row-major arrays, so callers can split a
 * scene by rows across workers. NaN in any input gives NaN out.
 */
import { InvalidParameterError } from '../../errors.js';
import type { SplitWindowDnCalibration } from './dn-calibration.js';
import { fastLog } from './fast-log.js';
import type { SplitWindowNdviParams } from './split-window-params.js';

/** Throws InvalidParameterError unless [start, end) lies within every array. */
function checkRange(arrays: readonly Float32Array[], start: number, end: number): void {
  const shortest = Math.min(...arrays.map((array) => array.length));
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end) {
    if (end <= shortest) return;
  }
  throw new InvalidParameterError(
    `pixel range [${start}, ${end}) does not fit arrays of ${shortest} pixels`,
    { start, end, length: shortest },
  );
}

/**
 * Split-window LST in kelvin into `out[start..end)` from brightness temperatures of channels i
 * and j (K) and red/NIR reflectance. NDVI is NaN where NIR + red is 0, as ndviOf.
 *
 * The four emissivity classes are selected without branches on the pixel (a chain of
 * conditional values), which measured 1.2-1.7x faster than if/else on noisy and smooth NDVI.
 * NaN NDVI fails every comparison and lands on the mixed term, which is then NaN.
 */
export function splitWindowNdviFromBt(
  tbIKelvin: Float32Array,
  tbJKelvin: Float32Array,
  redReflectance: Float32Array,
  nirReflectance: Float32Array,
  params: SplitWindowNdviParams,
  out: Float32Array,
  start: number,
  end: number,
): void {
  checkRange([tbIKelvin, tbJKelvin, redReflectance, nirReflectance, out], start, end);
  const { c0Kelvin: c0, c1, c2PerKelvin: c2, ndviSoil, ndviVegetation } = params;
  const { inverseNdviRange, waterTermKelvin: water, vegetationTermKelvin: vegetation } = params;
  const { soilTermKelvin: soil0, soilTermPerRedKelvin: soil1 } = params;
  const [mixed0, mixed1, mixed2] = params.mixedTermKelvin;

  for (let i = start; i < end; i++) {
    const ti = tbIKelvin[i] as number;
    const dT = ti - (tbJKelvin[i] as number);
    const red = redReflectance[i] as number;
    const nir = nirReflectance[i] as number;
    const sum = nir + red;
    const ndvi = (nir - red) / sum;

    const scaled = Math.min(1, Math.max(0, (ndvi - ndviSoil) * inverseNdviRange));
    const pv = scaled * scaled;
    const mixed = mixed0 + pv * (mixed1 + pv * mixed2);
    const soil = soil0 + soil1 * red;
    const term =
      ndvi < 0 ? water : ndvi < ndviSoil ? soil : ndvi > ndviVegetation ? vegetation : mixed;

    const lst = ti + c0 + dT * (c1 + c2 * dT) + term;
    out[i] = sum !== 0 ? lst : Number.NaN;
  }
}

/** Tb = K2 / ln(K1/L + 1) with L = ML·Q + AL; NaN where L ≤ 0 or Q is NaN (Handbook eq. 5-3). */
function brightnessKelvin(dn: number, mult: number, add: number, k1: number, k2: number): number {
  const radiance = mult * dn + add;
  return radiance > 0 ? k2 / fastLog(k1 / radiance + 1) : Number.NaN;
}

/**
 * Split-window LST in kelvin into `out[start..end)` from raw Level-1 DN of the two thermal
 * bands, red and NIR (as read: float32, noData already NaN). A pixel whose DN equals
 * `calib.fillDn` in any band is NaN. The logarithm is {@link fastLog} (within 1e-8 K of Math.log).
 */
export function splitWindowNdviFromDn(
  dnI: Float32Array,
  dnJ: Float32Array,
  dnRed: Float32Array,
  dnNir: Float32Array,
  calib: SplitWindowDnCalibration,
  params: SplitWindowNdviParams,
  out: Float32Array,
  start: number,
  end: number,
): void {
  checkRange([dnI, dnJ, dnRed, dnNir, out], start, end);
  const { thermalI: ci, thermalJ: cj, fillDn } = calib;
  const sunFactor =
    calib.sunElevationDeg === null ? 1 : Math.sin((calib.sunElevationDeg * Math.PI) / 180);
  const redMult = calib.red.reflectanceMult / sunFactor;
  const redAdd = calib.red.reflectanceAdd / sunFactor;
  const nirMult = calib.nir.reflectanceMult / sunFactor;
  const nirAdd = calib.nir.reflectanceAdd / sunFactor;
  const { c0Kelvin: c0, c1, c2PerKelvin: c2, ndviSoil, ndviVegetation } = params;
  const { inverseNdviRange, waterTermKelvin: water, vegetationTermKelvin: vegetation } = params;
  const { soilTermKelvin: soil0, soilTermPerRedKelvin: soil1 } = params;
  const [mixed0, mixed1, mixed2] = params.mixedTermKelvin;

  for (let i = start; i < end; i++) {
    const qi = dnI[i] as number;
    const qj = dnJ[i] as number;
    const qRed = dnRed[i] as number;
    const qNir = dnNir[i] as number;
    const ti = brightnessKelvin(qi, ci.radianceMult, ci.radianceAdd, ci.k1, ci.k2Kelvin);
    const dT = ti - brightnessKelvin(qj, cj.radianceMult, cj.radianceAdd, cj.k1, cj.k2Kelvin);
    const red = redMult * qRed + redAdd;
    const nir = nirMult * qNir + nirAdd;
    const sum = nir + red;
    const ndvi = (nir - red) / sum;

    const scaled = Math.min(1, Math.max(0, (ndvi - ndviSoil) * inverseNdviRange));
    const pv = scaled * scaled;
    const mixed = mixed0 + pv * (mixed1 + pv * mixed2);
    const soil = soil0 + soil1 * red;
    const term =
      ndvi < 0 ? water : ndvi < ndviSoil ? soil : ndvi > ndviVegetation ? vegetation : mixed;

    const lst = ti + c0 + dT * (c1 + c2 * dT) + term;
    const fill = qi === fillDn || qj === fillDn || qRed === fillDn || qNir === fillDn;
    out[i] = fill || sum === 0 ? Number.NaN : lst;
  }
}
