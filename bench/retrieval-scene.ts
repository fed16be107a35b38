/**
 * The synthetic Landsat 8 scene of `npm run bench:retrieval`, deterministic (no random state):
 * smooth land-cover and temperature fields plus per-pixel hash noise, so NDVI classes form
 * patches as in a real scene. Level-1 DN come first (real L8 calibration constants); the
 * brightness temperatures and reflectances of the BT case are computed from those DN, so both
 * cases describe the same ground. Rows start and end with a fill margin (DN 0 → NaN), like the
 * tilted footprint of a Landsat scene. Arrays are SharedArrayBuffer-backed for the worker pool.
 */
import { sharedFloat32Array } from '../backend/compute/shared-arrays.js';
import type { SplitWindowDnCalibration } from '../src/retrieval/kernels/dn-calibration.js';

/** LC08_L1TP_193024_20180824_20200831_02_T1 MTL (../shared/data/landsat-mtl-metadata). */
export const L8_CALIBRATION: SplitWindowDnCalibration = {
  thermalI: { radianceMult: 3.342e-4, radianceAdd: 0.1, k1: 774.8853, k2Kelvin: 1321.0789 },
  thermalJ: { radianceMult: 3.342e-4, radianceAdd: 0.1, k1: 480.8883, k2Kelvin: 1201.1442 },
  red: { reflectanceMult: 2e-5, reflectanceAdd: -0.1 },
  nir: { reflectanceMult: 2e-5, reflectanceAdd: -0.1 },
  sunElevationDeg: 47.03107233,
  fillDn: 0,
};

/** The four DN bands and the four physical bands of the scene, row-major, side² pixels. */
export interface BenchScene {
  side: number;
  dnI: Float32Array;
  dnJ: Float32Array;
  dnRed: Float32Array;
  dnNir: Float32Array;
  tbIKelvin: Float32Array;
  tbJKelvin: Float32Array;
  redReflectance: Float32Array;
  nirReflectance: Float32Array;
}

/** A hash of a pixel index to [−0.5, 0.5) (integer mixing as in Mulberry32). */
function noise(index: number, salt: number): number {
  let t = Math.imul(index ^ salt, 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** DN of a thermal band for a brightness temperature: L = K1/(exp(K2/T) − 1), Q = (L − AL)/ML. */
function thermalDn(tbKelvin: number, band: SplitWindowDnCalibration['thermalI']): number {
  const radiance = band.k1 / Math.expm1(band.k2Kelvin / tbKelvin);
  return Math.round((radiance - band.radianceAdd) / band.radianceMult);
}

function reflectanceDn(reflectance: number, band: SplitWindowDnCalibration['red']): number {
  const sun = Math.sin(((L8_CALIBRATION.sunElevationDeg ?? 90) * Math.PI) / 180);
  return Math.round((reflectance * sun - band.reflectanceAdd) / band.reflectanceMult);
}

/** Fills one row of DN: NDVI −0.15..0.85, red and NIR 0.02-0.5, Tb10 270-320 K, ΔT 0.3-3.3 K. */
function fillRow(scene: BenchScene, y: number): void {
  const { side, dnI, dnJ, dnRed, dnNir } = scene;
  const margin = Math.round(side * (0.02 + 0.04 * (y / side)));
  const c = L8_CALIBRATION;
  for (let x = 0; x < side; x++) {
    const i = y * side + x;
    if (x < margin || x >= side - margin) {
      dnI[i] = dnJ[i] = dnRed[i] = dnNir[i] = 0;
      continue;
    }
    const ndvi =
      0.35 +
      0.32 * Math.sin(x / 370) * Math.cos(y / 290) +
      0.15 * Math.sin((x + y) / 97) +
      0.08 * noise(i, 1);
    const red = clamp(0.25 - 0.22 * ndvi + 0.04 * noise(i, 2), 0.02, 0.5);
    const nir = clamp((red * (1 + ndvi)) / (1 - ndvi), 0.02, 0.5);
    const tbI = 295 + 18 * Math.sin(x / 800) * Math.sin(y / 650) + 6 * (0.4 - ndvi) + noise(i, 3);
    const deltaKelvin = 1.8 + 1.2 * Math.cos(y / 900) + 0.6 * noise(i, 4);
    dnI[i] = thermalDn(tbI, c.thermalI);
    dnJ[i] = thermalDn(tbI - deltaKelvin, c.thermalJ);
    dnRed[i] = reflectanceDn(red, c.red);
    dnNir[i] = reflectanceDn(nir, c.nir);
  }
}

/** Tb and TOA reflectance from the DN (Handbook eqs. 5-1, 5-3, 5-4, 5-5); fill → NaN. */
function physicalFromDn(scene: BenchScene): void {
  const c = L8_CALIBRATION;
  const sun = Math.sin(((c.sunElevationDeg ?? 90) * Math.PI) / 180);
  const tb = (dn: number, band: typeof c.thermalI) =>
    band.k2Kelvin / Math.log(band.k1 / (band.radianceMult * dn + band.radianceAdd) + 1);
  for (let i = 0; i < scene.dnI.length; i++) {
    const fill = scene.dnI[i] === 0;
    const dnRed = scene.dnRed[i] as number;
    const dnNir = scene.dnNir[i] as number;
    scene.tbIKelvin[i] = fill ? Number.NaN : tb(scene.dnI[i] as number, c.thermalI);
    scene.tbJKelvin[i] = fill ? Number.NaN : tb(scene.dnJ[i] as number, c.thermalJ);
    scene.redReflectance[i] = fill
      ? Number.NaN
      : (c.red.reflectanceMult * dnRed + c.red.reflectanceAdd) / sun;
    scene.nirReflectance[i] = fill
      ? Number.NaN
      : (c.nir.reflectanceMult * dnNir + c.nir.reflectanceAdd) / sun;
  }
}

/** Builds the side × side scene in shared memory (8 float32 bands: 8·4·side² bytes). */
export function buildBenchScene(side: number): BenchScene {
  const pixels = side * side;
  const band = () => sharedFloat32Array(pixels);
  const scene: BenchScene = {
    side,
    dnI: band(),
    dnJ: band(),
    dnRed: band(),
    dnNir: band(),
    tbIKelvin: band(),
    tbJKelvin: band(),
    redReflectance: band(),
    nirReflectance: band(),
  };
  for (let y = 0; y < side; y++) fillRow(scene, y);
  physicalFromDn(scene);
  return scene;
}
