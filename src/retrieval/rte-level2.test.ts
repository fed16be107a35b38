/**
 * The RTE inversion of the Collection 2 Level-2 ST intermediate bands of the three shared
 * Landsat 8 scenes, against the USGS ST_B10 product: band-integrated (through the B10 response)
 * and K1/K2.
 */
import path from 'node:path';

import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { rteInversion, surfaceRadianceWm2SrUm, type RteInversionMethod } from './rte.js';
import { spectralResponseOf } from './spectral-response.js';

const L8_B10_K1K2 = { k1: 774.8853, k2: 1321.0789 };

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

interface Differences {
  medianKelvin: number;
  p95Kelvin: number;
  count: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

/**
 * |LST − ST_B10| statistics over the pixels where no band is fill, the corrected radiance is
 * positive and USGS's ST_B10 exceeds `minStKelvin`.
 */
async function compare(
  scene: string,
  methods: RteInversionMethod[],
  minStKelvin: number,
): Promise<Differences[]> {
  const trad = await scaledBand(scene, 'ST_TRAD', 0.001, 0, -9999);
  const urad = await scaledBand(scene, 'ST_URAD', 0.001, 0, -9999);
  const drad = await scaledBand(scene, 'ST_DRAD', 0.001, 0, -9999);
  const atran = await scaledBand(scene, 'ST_ATRAN', 0.0001, 0, -9999);
  const emis = await scaledBand(scene, 'ST_EMIS', 0.0001, 0, -9999);
  const st = await scaledBand(scene, 'ST_B10', 0.00341802, 149, 0);
  const inputs = {
    toaRadianceWm2SrUm: trad,
    upwellingWm2SrUm: urad,
    downwellingWm2SrUm: drad,
    transmittance: atran,
    emissivity: emis,
  };

  return methods.map((method) => {
    const lst = rteInversion(inputs, method);
    const deltas: number[] = [];
    for (let i = 0; i < lst.length; i++) {
      const surface = surfaceRadianceWm2SrUm(
        trad[i] as number,
        urad[i] as number,
        drad[i] as number,
        atran[i] as number,
        emis[i] as number,
      );
      const reference = st[i] as number;
      if (!(surface > 0) || !(reference > minStKelvin)) continue;
      deltas.push(Math.abs((lst[i] as number) - reference));
    }
    const sorted = Float64Array.from(deltas).sort();
    return {
      medianKelvin: percentile(sorted, 0.5),
      p95Kelvin: percentile(sorted, 0.95),
      count: sorted.length,
    };
  });
}

const bandIntegrated: RteInversionMethod = {
  inversion: 'band-integrated',
  spectralResponse: spectralResponseOf('landsat-8', 'B10'),
};
const k1k2: RteInversionMethod = { inversion: 'k1k2', constants: L8_B10_K1K2 };

// Cold cloud tops (ST_B10 < 250 K) leave only a few 0.001-W/(m2 sr um) steps of ST_TRAD above
// ST_URAD, so the stored intermediate bands cannot reproduce USGS's value there to 0.05 K.
describe('RTE inversion of the Level-2 ST intermediate bands against USGS ST_B10', () => {
  it.each([
    ['LC08_L2SP_001062_20201031_20201106_02_T2', 0.0165, 0.143],
    ['LC08_L2SP_008059_20191201_20200825_02_T1', 0.0322, 0.145],
    ['LC08_L2SP_017036_20130419_20200913_02_T2', 0.0478, 0.157],
  ])(
    '%s above 250 K: band-integrated median |ΔT| %s K (≤ 0.05 K), K1/K2 about %s K (< 0.3 K)',
    async (scene, bandMedianKelvin, k1k2MedianKelvin) => {
      const [band, k] = await compare(scene, [bandIntegrated, k1k2], 250);
      expect(band!.count).toBeGreaterThan(3000);
      expect(band!.medianKelvin).toBeLessThanOrEqual(0.05);
      expect(band!.medianKelvin).toBeCloseTo(bandMedianKelvin, 2);
      expect(band!.p95Kelvin).toBeLessThan(1);
      expect(k!.medianKelvin).toBeLessThan(0.3);
      expect(k!.medianKelvin).toBeCloseTo(k1k2MedianKelvin, 1);
    },
  );

  it('keeps K1/K2 under 0.3 K and band-integrated under 0.04 K (001062, 008059) on every pixel', async () => {
    const all = await Promise.all([
      compare('LC08_L2SP_001062_20201031_20201106_02_T2', [bandIntegrated, k1k2], 0),
      compare('LC08_L2SP_008059_20191201_20200825_02_T1', [bandIntegrated, k1k2], 0),
      compare('LC08_L2SP_017036_20130419_20200913_02_T2', [bandIntegrated, k1k2], 0),
    ]);
    const [a, b, c] = all.map(([band, k]) => ({ band: band!, k: k! }));
    expect(a!.band.count).toBe(54100);
    expect(b!.band.count).toBe(175267);
    expect(c!.band.count).toBe(53475);
    expect(a!.band.medianKelvin).toBeLessThan(0.04);
    expect(b!.band.medianKelvin).toBeLessThan(0.04);
    for (const scene of all) expect(scene[1]!.medianKelvin).toBeLessThan(0.3);
    // 017036 is mostly cold cloud: 0.15 K band-integrated, 0.26 K with K1/K2.
    expect(c!.band.medianKelvin).toBeLessThan(c!.k.medianKelvin);
  });
});
