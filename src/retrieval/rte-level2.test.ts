/**
 * The RTE inversion of the Collection 2 Level-2 ST intermediate bands of the three shared
 * Landsat 8 scenes, against the USGS ST_B10 product: band-integrated (through the B10 response),
 * with and without USGS's held ends (150–373 K), and K1/K2.
 */
import path from 'node:path';

import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { rteInversion, surfaceRadianceWm2SrUm, type RteInversionMethod } from './rte.js';
import { spectralResponseOf } from './spectral-response.js';

const L8_B10_K1K2 = { k1: 774.8853, k2: 1321.0789 };

const SCENE_001062 = 'LC08_L2SP_001062_20201031_20201106_02_T2';
const SCENE_008059 = 'LC08_L2SP_008059_20191201_20200825_02_T1';
const SCENE_017036 = 'LC08_L2SP_017036_20130419_20200913_02_T2';

/** Scaled band of a scene (LSDS-1619 Table 6-1); stored fill values become NaN. */
async function scaledBand(scene: string, band: string, mult: number, add: number, fill: number) {
  const file = sharedDataFile(
    path.join('landsat-l2-surface-temperature', scene, `${scene}_${band}.TIF`),
  );
  const tiff = await fromFile(file);
  try {
    const image = await tiff.getImage();
    const [raw] = (await image.readRasters()) as unknown as ArrayLike<number>[];
    return Float32Array.from(raw!, (dn) => (dn === fill ? Number.NaN : mult * dn + add));
  } finally {
    await tiff.close();
  }
}

interface SceneBands {
  trad: Float32Array;
  urad: Float32Array;
  drad: Float32Array;
  atran: Float32Array;
  emis: Float32Array;
  stKelvin: Float32Array;
}

const loaded = new Map<string, Promise<SceneBands>>();

async function loadScene(scene: string): Promise<SceneBands> {
  const [trad, urad, drad, atran, emis, stKelvin] = await Promise.all([
    scaledBand(scene, 'ST_TRAD', 0.001, 0, -9999),
    scaledBand(scene, 'ST_URAD', 0.001, 0, -9999),
    scaledBand(scene, 'ST_DRAD', 0.001, 0, -9999),
    scaledBand(scene, 'ST_ATRAN', 0.0001, 0, -9999),
    scaledBand(scene, 'ST_EMIS', 0.0001, 0, -9999),
    scaledBand(scene, 'ST_B10', 0.00341802, 149, 0),
  ]);
  return { trad, urad, drad, atran, emis, stKelvin };
}

function sceneBands(scene: string): Promise<SceneBands> {
  let bands = loaded.get(scene);
  if (bands === undefined) {
    bands = loadScene(scene);
    loaded.set(scene, bands);
  }
  return bands;
}

/** Which pixels enter the statistics; every set excludes fill in any of the six bands. */
type PixelSet = 'non-fill' | 'positive-radiance' | 'above-250K';

interface Differences {
  medianKelvin: number;
  p95Kelvin: number;
  count: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

function inSet(set: PixelSet, surfaceRadiance: number, stKelvin: number): boolean {
  if (Number.isNaN(surfaceRadiance) || Number.isNaN(stKelvin)) return false;
  if (set === 'positive-radiance') return surfaceRadiance > 0;
  if (set === 'above-250K') return surfaceRadiance > 0 && stKelvin > 250;
  return true;
}

/** |LST − ST_B10| statistics of each method over one pixel set of a scene. */
async function compare(
  scene: string,
  methods: RteInversionMethod[],
  set: PixelSet,
): Promise<Differences[]> {
  const { trad, urad, drad, atran, emis, stKelvin } = await sceneBands(scene);
  const inputs = {
    toaRadianceWm2SrUm: trad,
    upwellingWm2SrUm: urad,
    downwellingWm2SrUm: drad,
    transmittance: atran,
    emissivity: emis,
  };
  const members: number[] = [];
  for (let i = 0; i < trad.length; i++) {
    const surface = surfaceRadianceWm2SrUm(
      trad[i] as number,
      urad[i] as number,
      drad[i] as number,
      atran[i] as number,
      emis[i] as number,
    );
    if (inSet(set, surface, stKelvin[i] as number)) members.push(i);
  }

  return methods.map((method) => {
    const lst = rteInversion(inputs, method);
    const sorted = Float64Array.from(members, (i) =>
      Math.abs((lst[i] as number) - (stKelvin[i] as number)),
    ).sort();
    return {
      medianKelvin: percentile(sorted, 0.5),
      p95Kelvin: percentile(sorted, 0.95),
      count: sorted.length,
    };
  });
}

const B10_RESPONSE = spectralResponseOf('landsat-8', 'B10');
const bandIntegrated: RteInversionMethod = {
  inversion: 'band-integrated',
  spectralResponse: B10_RESPONSE,
};
const usgsBandIntegrated: RteInversionMethod = {
  inversion: 'band-integrated',
  spectralResponse: B10_RESPONSE,
  range: 'usgs-st',
};
const k1k2: RteInversionMethod = { inversion: 'k1k2', constants: L8_B10_K1K2 };

describe('RTE inversion of the Level-2 ST intermediate bands against USGS ST_B10', () => {
  // USGS's rule (ESPA build_st_data.py: numpy interp over the 150–373 K LUT) gives 150 K where
  // B ≤ 0, and ST_B10 holds 150.0015 K (DN 293) there: 20,578 / 3,411 / 123,605 pixels of the
  // three scenes, 70 % of 017036 (cold cloud). Those pixels differ by 0.0015 K and carry the
  // medians down to the figures of the issue: 0.017 / 0.034 / 0.001 K, p95 0.90 K in 017036.
  it.each([
    [SCENE_001062, 0.0172, 1.51, 74_678],
    [SCENE_008059, 0.034, 0.48, 178_678],
    [SCENE_017036, 0.0015, 0.9, 177_080],
  ])(
    '%s, every non-fill pixel, USGS held ends: median |ΔT| %s K (≤ 0.05 K), p95 %s K',
    async (scene, medianKelvin, p95Kelvin, count) => {
      const [usgs] = await compare(scene, [usgsBandIntegrated], 'non-fill');
      expect(usgs!.count).toBe(count);
      expect(usgs!.medianKelvin).toBeLessThanOrEqual(0.05);
      expect(usgs!.medianKelvin).toBeCloseTo(medianKelvin, 3);
      expect(usgs!.p95Kelvin).toBeCloseTo(p95Kelvin, 1);
    },
  );

  it('gives 017036 a p95 |ΔT| under 1 K over every non-fill pixel, and the floor exactly', async () => {
    const [usgs] = await compare(SCENE_017036, [usgsBandIntegrated], 'non-fill');
    expect(usgs!.p95Kelvin).toBeLessThan(1);
    const { stKelvin } = await sceneBands(SCENE_017036);
    const floorKelvin = stKelvin.reduce((min, t) => (t < min ? t : min), Number.POSITIVE_INFINITY);
    expect(floorKelvin).toBeCloseTo(150.0015, 4);
  });

  // Over the pixels with B > 0 alone, the figures the issue gives for K1/K2 hold (median 0.14 /
  // 0.15 / 0.26 K, p95 8.95 K in 017036) but 017036 stays at 0.145 K band-integrated: its cold
  // cloud tops leave a few 0.001-W/(m2 sr um) steps of ST_TRAD above ST_URAD, and the stored
  // bands do not reproduce USGS's value there to 0.05 K with any inversion.
  it.each([
    [SCENE_001062, 0.035, 0.143, 54_100],
    [SCENE_008059, 0.034, 0.146, 175_267],
    [SCENE_017036, 0.145, 0.263, 53_475],
  ])(
    '%s, non-fill pixels with B > 0: band-integrated median |ΔT| %s K, K1/K2 %s K (< 0.3 K)',
    async (scene, bandMedianKelvin, k1k2MedianKelvin, count) => {
      const [band, usgs, k] = await compare(
        scene,
        [bandIntegrated, usgsBandIntegrated, k1k2],
        'positive-radiance',
      );
      expect(band!.count).toBe(count);
      expect(usgs!.medianKelvin).toBeCloseTo(bandMedianKelvin, 2);
      expect(band!.medianKelvin).toBeGreaterThanOrEqual(usgs!.medianKelvin);
      expect(k!.medianKelvin).toBeLessThan(0.3);
      expect(k!.medianKelvin).toBeCloseTo(k1k2MedianKelvin, 2);
      expect(usgs!.medianKelvin).toBeLessThan(k!.medianKelvin);
    },
  );

  // The README's "without the range rule" figures: the open band-integrated inversion (the
  // default stRange), over the same pixels with B > 0.
  it.each([
    [SCENE_001062, 0.035],
    [SCENE_008059, 0.0345],
    [SCENE_017036, 0.1526],
  ])(
    '%s, non-fill pixels with B > 0: open band-integrated median |ΔT| %s K',
    async (scene, bandMedianKelvin) => {
      const [band] = await compare(scene, [bandIntegrated], 'positive-radiance');
      expect(band!.medianKelvin).toBeCloseTo(bandMedianKelvin, 3);
    },
  );

  it('gives 017036 with B > 0 a K1/K2 p95 of 8.95 K, the held ends 2.5 K', async () => {
    const [usgs, k] = await compare(SCENE_017036, [usgsBandIntegrated, k1k2], 'positive-radiance');
    expect(k!.p95Kelvin).toBeCloseTo(8.95, 1);
    expect(usgs!.p95Kelvin).toBeCloseTo(2.53, 1);
  });

  it.each([
    [SCENE_001062, 0.0169],
    [SCENE_008059, 0.0328],
    [SCENE_017036, 0.0482],
  ])('%s above 250 K: band-integrated median |ΔT| %s K, p95 under 1 K', async (scene, median) => {
    const [band] = await compare(scene, [bandIntegrated], 'above-250K');
    expect(band!.count).toBeGreaterThan(3000);
    expect(band!.medianKelvin).toBeCloseTo(median, 3);
    expect(band!.p95Kelvin).toBeLessThan(1);
  });
});
