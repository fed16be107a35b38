import { describe, expect, it } from 'vitest';

import {
  brightnessTemperatureKelvin,
  dnToRadiance,
  dnToToaReflectance,
  radianceToBrightnessTemperature,
} from '../brightness-temperature.js';
import { emissivityOf, ndviThresholdEmissivity } from '../emissivity.js';
import {
  SKOKOVIC_2014_TIRS,
  VALOR_CASELLES_1996,
  YU_2014_TIRS,
  type EmissivitySet,
} from '../emissivity-sets.js';
import { ndvi as ndviArray, ndviOf } from '../ndvi.js';
import { splitWindowLst, splitWindowLstKelvin } from '../split-window.js';
import type { SplitWindowDnCalibration } from './dn-calibration.js';
import { splitWindowNdviFromBt, splitWindowNdviFromDn } from './split-window-ndvi.js';
import { splitWindowNdviParams } from './split-window-params.js';

/** Mulberry32: a small seeded generator, so the random pixels are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Landsat 8 LC08_L1TP_193024_20180824 MTL (../shared/data/landsat-mtl-metadata).
const L8_CALIBRATION: SplitWindowDnCalibration = {
  thermalI: { radianceMult: 3.342e-4, radianceAdd: 0.1, k1: 774.8853, k2Kelvin: 1321.0789 },
  thermalJ: { radianceMult: 3.342e-4, radianceAdd: 0.1, k1: 480.8883, k2Kelvin: 1201.1442 },
  red: { reflectanceMult: 2e-5, reflectanceAdd: -0.1 },
  nir: { reflectanceMult: 2e-5, reflectanceAdd: -0.1 },
  sunElevationDeg: 47.03107233,
  fillDn: 0,
};

const PIXELS = 4000;
const WATER_VAPOUR_GCM2 = 2;

interface BtScene {
  tbI: Float32Array;
  tbJ: Float32Array;
  red: Float32Array;
  nir: Float32Array;
}

/** BT 270-320 K, ΔT 0-4 K, red 0.02-0.5 and NDVI −0.4..0.9: every emissivity class. */
function randomBtScene(seed: number): BtScene {
  const random = seededRandom(seed);
  const scene = {
    tbI: new Float32Array(PIXELS),
    tbJ: new Float32Array(PIXELS),
    red: new Float32Array(PIXELS),
    nir: new Float32Array(PIXELS),
  };
  for (let i = 0; i < PIXELS; i++) {
    const tbI = 270 + 50 * random();
    const red = 0.02 + 0.48 * random();
    const ndvi = -0.4 + 1.3 * random();
    scene.tbI[i] = tbI;
    scene.tbJ[i] = tbI - 4 * random();
    scene.red[i] = red;
    scene.nir[i] = Math.min(1, (red * (1 + ndvi)) / (1 - ndvi));
  }
  return scene;
}

function referenceLst(scene: BtScene, i: number, set: EmissivitySet): number {
  const red = scene.red[i] as number;
  const ndvi = ndviOf(red, scene.nir[i] as number);
  const bandI = set.bands.B10;
  const bandJ = set.bands.B11;
  if (bandI === undefined || bandJ === undefined) throw new Error(`${set.id} lacks B10/B11`);
  const emissivityI = emissivityOf(ndvi, red, set, bandI);
  const emissivityJ = emissivityOf(ndvi, red, set, bandJ);
  const tbI = scene.tbI[i] as number;
  const tbJ = scene.tbJ[i] as number;
  return splitWindowLstKelvin(tbI, tbJ, emissivityI, emissivityJ, WATER_VAPOUR_GCM2);
}

function paramsFor(set: EmissivitySet) {
  return splitWindowNdviParams({
    set,
    bandI: 'B10',
    bandJ: 'B11',
    waterVapourGcm2: WATER_VAPOUR_GCM2,
  });
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

describe('fused split-window kernel from brightness temperatures', () => {
  it('retrieves 304.010688 K for Ti 300 K, Tj 298 K over full vegetation (ε 0.987/0.989)', () => {
    // NDVI (0.5 − 0.05)/0.55 = 0.818 > 0.5: 300 + 1.378·2 + 0.183·4 − 0.268
    // + (54.3 − 2.238·2)·(1 − 0.988) + (−129.2 + 16.4·2)·(0.987 − 0.989).
    const out = new Float32Array(1);
    const one = (value: number) => new Float32Array([value]);
    const params = paramsFor(SKOKOVIC_2014_TIRS);
    splitWindowNdviFromBt(one(300), one(298), one(0.05), one(0.5), params, out, 0, 1);
    expect(out[0]).toBeCloseTo(304.010688, 4);
  });

  it('retrieves 304.06505 K for a mixed pixel (NDVI 1/3, Pv 0.1975, ε 0.98679/0.98941)', () => {
    const out = new Float32Array(1);
    const one = (value: number) => new Float32Array([value]);
    const params = paramsFor(SKOKOVIC_2014_TIRS);
    splitWindowNdviFromBt(one(300), one(298), one(0.1), one(0.2), params, out, 0, 1);
    expect(out[0]).toBeCloseTo(304.065047, 4);
  });

  for (const set of [SKOKOVIC_2014_TIRS, YU_2014_TIRS, VALOR_CASELLES_1996]) {
    it(`matches ndviOf → emissivityOf → splitWindowLstKelvin within 1e-4 K (${set.id})`, () => {
      const scene = randomBtScene(17);
      const out = new Float32Array(PIXELS);
      splitWindowNdviFromBt(
        scene.tbI,
        scene.tbJ,
        scene.red,
        scene.nir,
        paramsFor(set),
        out,
        0,
        PIXELS,
      );
      const expected = Float64Array.from({ length: PIXELS }, (_, i) => referenceLst(scene, i, set));
      expect(maxAbsDifference(out, expected)).toBeLessThan(1e-4);
    });
  }

  it('gives NaN for NaN brightness temperature, NaN reflectance and NIR + red = 0', () => {
    const tbI = new Float32Array([Number.NaN, 300, 300, 300]);
    const tbJ = new Float32Array([298, 298, 298, 298]);
    const red = new Float32Array([0.1, Number.NaN, 0.1, 0.1]);
    const nir = new Float32Array([0.2, 0.2, -0.1, 0.3]);
    const out = new Float32Array(4);
    splitWindowNdviFromBt(tbI, tbJ, red, nir, paramsFor(SKOKOVIC_2014_TIRS), out, 0, 4);
    expect(Array.from(out.subarray(0, 3), Number.isNaN)).toEqual([true, true, true]);
    expect(out[3]).toBeGreaterThan(300);
  });

  it('writes only the pixel range it is given and refuses a range past the arrays', () => {
    const scene = randomBtScene(3);
    const out = new Float32Array(PIXELS).fill(-1);
    const params = paramsFor(SKOKOVIC_2014_TIRS);
    splitWindowNdviFromBt(scene.tbI, scene.tbJ, scene.red, scene.nir, params, out, 10, 20);
    expect([out[9], out[20]]).toEqual([-1, -1]);
    expect(out[10]).toBeGreaterThan(260);
    expect(() =>
      splitWindowNdviFromBt(scene.tbI, scene.tbJ, scene.red, scene.nir, params, out, 0, PIXELS + 1),
    ).toThrow(`pixel range [0, ${PIXELS + 1}) does not fit arrays of ${PIXELS} pixels`);
  });
});

interface DnScene {
  dnI: Float32Array;
  dnJ: Float32Array;
  dnRed: Float32Array;
  dnNir: Float32Array;
}

/** DN in Landsat 8 ranges: thermal 20,000-38,000 (≈ 265-320 K), red/NIR 5,000-30,000. */
function randomDnScene(seed: number): DnScene {
  const random = seededRandom(seed);
  const draw = (low: number, high: number) =>
    Float32Array.from({ length: PIXELS }, () => Math.round(low + (high - low) * random()));
  const dnI = draw(20_000, 38_000);
  const dnJ = Float32Array.from(dnI, (dn) => Math.round(dn * (0.85 + 0.1 * random())));
  return { dnI, dnJ, dnRed: draw(5_000, 30_000), dnNir: draw(5_000, 30_000) };
}

/** The lst-plans.ts chain of array functions, float32 between steps. */
function arrayPipelineLst(scene: DnScene, set: EmissivitySet): Float32Array {
  const c = L8_CALIBRATION;
  const radianceI = dnToRadiance(scene.dnI, c.thermalI.radianceMult, c.thermalI.radianceAdd);
  const radianceJ = dnToRadiance(scene.dnJ, c.thermalJ.radianceMult, c.thermalJ.radianceAdd);
  const constantsI = { k1: c.thermalI.k1, k2: c.thermalI.k2Kelvin };
  const constantsJ = { k1: c.thermalJ.k1, k2: c.thermalJ.k2Kelvin };
  const tbI = radianceToBrightnessTemperature(radianceI, constantsI);
  const tbJ = radianceToBrightnessTemperature(radianceJ, constantsJ);
  const { reflectanceMult: mr, reflectanceAdd: ar } = c.red;
  const { reflectanceMult: mn, reflectanceAdd: an } = c.nir;
  const red = dnToToaReflectance(scene.dnRed, mr, ar, c.sunElevationDeg);
  const nir = dnToToaReflectance(scene.dnNir, mn, an, c.sunElevationDeg);
  const ndvi = ndviArray(red, nir);
  const emissivityI = ndviThresholdEmissivity(ndvi, red, set, 'B10');
  const emissivityJ = ndviThresholdEmissivity(ndvi, red, set, 'B11');
  return splitWindowLst(tbI, tbJ, emissivityI, emissivityJ, WATER_VAPOUR_GCM2);
}

/** The per-pixel functions on one pixel's DN: radiance, Tb, TOA reflectance, NDVI, ε, LST. */
function referenceDnLst(scene: DnScene, i: number, set: EmissivitySet): number {
  const c = L8_CALIBRATION;
  const sun = Math.sin(((c.sunElevationDeg as number) * Math.PI) / 180);
  const tb = (dn: number, t: typeof c.thermalI) =>
    brightnessTemperatureKelvin(t.radianceMult * dn + t.radianceAdd, { k1: t.k1, k2: t.k2Kelvin });
  const red = (c.red.reflectanceMult * (scene.dnRed[i] as number) + c.red.reflectanceAdd) / sun;
  const nir = (c.nir.reflectanceMult * (scene.dnNir[i] as number) + c.nir.reflectanceAdd) / sun;
  const ndvi = ndviOf(red, nir);
  const emissivityI = emissivityOf(ndvi, red, set, set.bands.B10 ?? SKOKOVIC_2014_TIRS.bands.B10!);
  const emissivityJ = emissivityOf(ndvi, red, set, set.bands.B11 ?? SKOKOVIC_2014_TIRS.bands.B11!);
  const tbI = tb(scene.dnI[i] as number, c.thermalI);
  const tbJ = tb(scene.dnJ[i] as number, c.thermalJ);
  return splitWindowLstKelvin(tbI, tbJ, emissivityI, emissivityJ, WATER_VAPOUR_GCM2);
}

describe('fused split-window kernel from Level-1 DN', () => {
  for (const set of [SKOKOVIC_2014_TIRS, YU_2014_TIRS]) {
    it(`matches the per-pixel functions within 1e-4 K on 4,000 random DN (${set.id})`, () => {
      const scene = randomDnScene(29);
      const out = new Float32Array(PIXELS);
      const { dnI, dnJ, dnRed, dnNir } = scene;
      splitWindowNdviFromDn(dnI, dnJ, dnRed, dnNir, L8_CALIBRATION, paramsFor(set), out, 0, PIXELS);
      const expected = Float64Array.from({ length: PIXELS }, (_, i) =>
        referenceDnLst(scene, i, set),
      );
      expect(maxAbsDifference(out, expected)).toBeLessThan(1e-4);
    });
  }

  it('stays within 2e-4 K of the float32 array chain of lst-plans.ts', () => {
    // The chain rounds Tb (~300 K) to float32 (spacing 3e-5 K) between steps, and the
    // split-window amplifies Ti and Tj errors by 1 + c1 + 2·c2·ΔT ≈ 2.4-3.8.
    const scene = randomDnScene(31);
    const out = new Float32Array(PIXELS);
    const { dnI, dnJ, dnRed, dnNir } = scene;
    const params = paramsFor(YU_2014_TIRS);
    splitWindowNdviFromDn(dnI, dnJ, dnRed, dnNir, L8_CALIBRATION, params, out, 0, PIXELS);
    expect(maxAbsDifference(out, arrayPipelineLst(scene, YU_2014_TIRS))).toBeLessThan(2e-4);
  });

  it('retrieves 304.17768 K from band-10 DN 30,000 (Tb 303.654992 K) read for both channels', () => {
    // ΔT = 0 over full vegetation: LST = Tb − 0.268 + (54.3 − 2.238·2)·0.012 + 96.4·0.002.
    const dn = (value: number) => new Float32Array([value]);
    const sameThermal = { ...L8_CALIBRATION, thermalJ: L8_CALIBRATION.thermalI };
    const out = new Float32Array(1);
    const params = paramsFor(SKOKOVIC_2014_TIRS);
    splitWindowNdviFromDn(
      dn(30_000),
      dn(30_000),
      dn(8_000),
      dn(30_000),
      sameThermal,
      params,
      out,
      0,
      1,
    );
    expect(out[0]).toBeCloseTo(304.17768, 4);
  });

  it('gives NaN where any band holds the fill DN 0 or NaN', () => {
    const scene = randomDnScene(5);
    scene.dnI[0] = 0;
    scene.dnJ[1] = 0;
    scene.dnRed[2] = 0;
    scene.dnNir[3] = 0;
    scene.dnNir[4] = Number.NaN;
    const out = new Float32Array(PIXELS);
    const { dnI, dnJ, dnRed, dnNir } = scene;
    const params = paramsFor(SKOKOVIC_2014_TIRS);
    splitWindowNdviFromDn(dnI, dnJ, dnRed, dnNir, L8_CALIBRATION, params, out, 0, 6);
    expect(Array.from(out.subarray(0, 6), Number.isNaN)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});
