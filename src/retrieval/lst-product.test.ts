import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { CancelledError, InvalidParameterError, MissingBandError } from '../errors.js';
import { openGeoTiff } from '../rasters/geotiff-reader.js';
import { parseMtl } from '../rasters/mtl.js';
import { assembleScene } from '../rasters/scene.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import type { PixelWindow, RasterReader } from '../rasters/types.js';
import type { BandReader } from './block-runner.js';
import { dnToRadiance, radianceToBrightnessTemperature } from './brightness-temperature.js';
import { computeLst, computeNdvi, planLst } from './lst-product.js';

const L1_DIR = '../shared/data/landsat-l1-thermal/LC80200392015216LGN00';
const L2_ROOT = '../shared/data/landsat-l2-surface-temperature';

const openReaders: RasterReader[] = [];
afterAll(async () => {
  await Promise.all(openReaders.map((reader) => reader.close()));
});

/** A scene assembled from a shared-data folder, and a reader of its bands. */
async function openScene(dir: string): Promise<{ scene: SceneDescription; read: BandReader }> {
  if (!existsSync(dir))
    throw new Error(`shared test data missing: ${dir} (run from the repo root)`);
  const files = readdirSync(dir)
    .filter((name) => !name.endsWith('.json') && !name.endsWith('.aux.xml'))
    .map((name) => ({ path: path.resolve(dir, name), fileName: name }));
  const scene = await assembleScene(files);
  const readers = new Map<string, Promise<RasterReader>>();
  const read: BandReader = async (bandName: string, window: PixelWindow, signal?: AbortSignal) => {
    const band = scene.bands.find((b) => b.name === bandName);
    if (band === undefined) throw new Error(`no band ${bandName}`);
    let reader = readers.get(band.path);
    if (reader === undefined) {
      reader = openGeoTiff(band.path).then((opened) => {
        openReaders.push(opened);
        return opened;
      });
      readers.set(band.path, reader);
    }
    const options =
      signal === undefined ? { bandIndex: band.bandIndex } : { bandIndex: band.bandIndex, signal };
    return (await reader).readWindow(window, options);
  };
  return { scene, read };
}

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values)
    .filter((value) => !Number.isNaN(value))
    .sort((a, b) => a - b);
  const n = sorted.length;
  return ((sorted[(n - 1) >> 1] as number) + (sorted[n >> 1] as number)) / 2;
}

function whole(scene: SceneDescription): PixelWindow {
  return { x: 0, y: 0, width: scene.width, height: scene.height };
}

function withBands(scene: SceneDescription, names: readonly string[]): SceneDescription {
  return { ...scene, bands: scene.bands.filter((band) => names.includes(band.name)) };
}

describe('LST of the Level-1 scene LC80200392015216LGN00 (August, Florida–Alabama border)', async () => {
  const { scene, read } = await openScene(L1_DIR);

  it('by split-window has a median of 296.94 K over its 378,081 valid pixels', async () => {
    const result = await computeLst({ scene, read, method: 'split-window' });
    const valid = result.data.filter((value) => !Number.isNaN(value));
    expect(valid.length).toBe(378081);
    // Physically plausible for a humid late-summer morning over vegetation.
    expect(Math.abs(median(result.data) - 296.937)).toBeLessThan(0.05);
    expect(median(result.data)).toBeGreaterThan(295);
    expect(median(result.data)).toBeLessThan(315);
    expect(result).toMatchObject({ unit: 'K', method: 'split-window', width: 627, height: 603 });
    expect(result.inputs).toEqual(['B10', 'B11', 'B4', 'B5']);
    expect(result.parameters).toMatchObject({
      waterVapourGcm2: 2,
      waterVapourSource: 'constant',
      waterVapourDefaulted: true,
      emissivitySet: 'skokovic-2014',
      coefficients: 'jimenez-munoz-2014-split-window',
    });
    // Cloud edges of this cloudy crop reach 486 K: counted in a note, not masked.
    const outside = result.data.filter((value) => value < 175 || value > 345).length;
    expect(outside).toBe(4049);
    expect(result.notes).toContain(
      `${outside} pixels lie outside 175–345 K, the range of land-surface temperatures observed ` +
        'on Earth: most likely cloud or cloud edges, where the method does not apply; their ' +
        'values are kept, not masked',
    );
  });

  it('by single-channel has a median of 289.03 K, 0.76 K above the B10 brightness temperature', async () => {
    const result = await computeLst({ scene, read, method: 'single-channel' });
    const dn = await read('B10', whole(scene));
    const tb = radianceToBrightnessTemperature(dnToRadiance(dn, 3.342e-4, 0.1), {
      k1: 774.8853,
      k2: 1321.0789,
    });
    expect(Math.abs(median(result.data) - 289.032)).toBeLessThan(0.05);
    expect(Math.abs(median(tb) - 288.273)).toBeLessThan(0.05);
    // With the default 2 g/cm2 the correction over Tb is small; the scene is hazy and cloudy
    // (its name says "cloudy"), so both medians sit below clear-sky August values.
    expect(median(result.data) - median(tb)).toBeGreaterThan(0);
    expect(median(result.data) - median(tb)).toBeLessThan(3);
  });

  it('by single-channel with the Yu 2014 emissivities differs by 0.04 K in the median', async () => {
    const yu = await computeLst({
      scene,
      read,
      method: 'single-channel',
      parameters: { emissivitySet: 'yu-2014' },
    });
    expect(Math.abs(median(yu.data) - 289.069)).toBeLessThan(0.05);
  });

  it('has an NDVI median of 0.535 from TOA reflectance', async () => {
    const result = await computeNdvi({ scene, read });
    expect(Math.abs(median(result.data) - 0.5348)).toBeLessThan(0.001);
    expect(result.inputs).toEqual(['B4', 'B5']);
  });

  it('reports progress per 256-row block and stops when aborted', async () => {
    const fractions: number[] = [];
    await computeLst({
      scene,
      read,
      method: 'single-channel',
      onProgress: (f) => fractions.push(f),
    });
    expect(fractions.map((f) => f.toFixed(3))).toEqual(['0.000', '0.425', '0.849', '1.000']);

    const controller = new AbortController();
    const run = computeLst({
      scene,
      read,
      method: 'split-window',
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('names the missing bands: split-window needs B10, B11, B4, B5', async () => {
    const partial = withBands(scene, ['B2', 'B3', 'B10']);
    const run = computeLst({ scene: partial, read, method: 'split-window' });
    await expect(run).rejects.toBeInstanceOf(MissingBandError);
    await expect(run).rejects.toThrow(
      'split-window LST needs bands B10, B11, B4, B5; the scene has B2, B3, B10',
    );
  });

  it('says when the scene has no thermal band at all', async () => {
    const run = computeLst({
      scene: withBands(scene, ['B2', 'B3']),
      read,
      method: 'single-channel',
    });
    await expect(run).rejects.toThrow(
      'single-channel LST needs a thermal band (B10, B11, ST_B10, ST_TRAD) and the scene has none; it has B2, B3',
    );
  });

  it('asks for the MTL when the sensor is unknown, even if a band is named like a thermal one', async () => {
    const generic: SceneDescription = {
      ...withBands(scene, ['B10']),
      sensor: 'generic',
      metadata: null,
    };
    await expect(computeLst({ scene: generic, read, method: 'level2' })).rejects.toThrow(
      "level2 LST needs a Landsat scene with thermal calibration; this scene's sensor is " +
        'unknown (no MTL and no Landsat file names): upload the band files with their MTL',
    );
  });

  it('refuses level2 on a Level-1 scene, and rte without an atmosphere', async () => {
    await expect(computeLst({ scene, read, method: 'level2' })).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
    await expect(computeLst({ scene, read, method: 'rte' })).rejects.toThrow(
      'rte LST on a Level-1 scene needs the parameters transmittance',
    );
  });

  it('refuses water vapour out of range and emissivity sets that do not fit the sensor', async () => {
    await expect(
      computeLst({ scene, read, method: 'split-window', parameters: { waterVapourGcm2: -1 } }),
    ).rejects.toThrow('waterVapourGcm2 must be within 0-8 g/cm2, got -1');
    await expect(
      computeLst({
        scene,
        read,
        method: 'split-window',
        parameters: { emissivitySet: 'sobrino-2004' },
      }),
    ).rejects.toThrow('emissivity set sobrino-2004 has no coefficients for band B10, B11');
    await expect(
      computeLst({ scene, read, method: 'split-window', parameters: { emissivitySet: 'nope' } }),
    ).rejects.toThrow('unknown emissivitySet "nope"');
  });

  it('refuses water vapour from transmittance: a Level-1 scene has no ST_ATRAN', async () => {
    await expect(
      computeLst({
        scene,
        read,
        method: 'single-channel',
        parameters: { waterVapourSource: 'from-transmittance' },
      }),
    ).rejects.toThrow(
      'waterVapourSource from-transmittance needs a Level-2 scene with ST_ATRAN; this landsat8-oli-tirs scene is L1',
    );
  });

  it('refuses a per-pixel water vapour for the Jiménez-Muñoz split-window, naming Du 2015', async () => {
    await expect(
      computeLst({
        scene,
        read,
        method: 'split-window',
        parameters: { waterVapourSource: 'covariance-ratio' },
      }),
    ).rejects.toThrow(
      "split-window LST takes one water vapour (waterVapourSource constant); for 'covariance-ratio' use split-window-du2015",
    );
  });

  it('by rte with one given atmosphere inverts B10 per pixel', async () => {
    const result = await computeLst({
      scene,
      read,
      method: 'rte',
      parameters: {
        transmittance: 0.6,
        upwellingRadianceWm2SrUm: 3,
        downwellingRadianceWm2SrUm: 4.5,
      },
    });
    expect(result.parameters).toMatchObject({
      transmittance: 0.6,
      thermalBand: 'B10',
      emissivitySet: 'skokovic-2014',
    });
    expect(Math.abs(median(result.data) - 291.255)).toBeLessThan(0.05);
  });
});

/**
 * Per Level-2 scene: non-fill pixels, those without inversion (radiance ≤ 0), the median |ΔT| to
 * ST_B10 where it inverts (K1/K2 from the MTL), and the QA_PIXEL-clear pixels and their median.
 */
const LEVEL2_SCENES: {
  id: string;
  nonFill: number;
  noInversion: number;
  medianK: number;
  clear: number;
  clearMedianK: number | null;
}[] = [
  {
    id: 'LC08_L2SP_001062_20201031_20201106_02_T2',
    nonFill: 74678,
    noInversion: 20578,
    medianK: 0.14,
    clear: 62,
    clearMedianK: 0.122,
  },
  {
    id: 'LC08_L2SP_008059_20191201_20200825_02_T1',
    nonFill: 178678,
    noInversion: 3411,
    medianK: 0.15,
    clear: 28437,
    clearMedianK: 0.132,
  },
  {
    id: 'LC08_L2SP_017036_20130419_20200913_02_T2',
    nonFill: 177080,
    noInversion: 123605,
    medianK: 0.26,
    clear: 0,
    clearMedianK: null,
  },
];

const QA_PIXEL_CLEAR_BIT = 6;

describe.each(LEVEL2_SCENES)('RTE inversion of the Level-2 scene $id', async (expected) => {
  const { scene, read } = await openScene(`${L2_ROOT}/${expected.id}`);
  const result = await computeLst({ scene, read, method: 'rte' });
  const window = whole(scene);
  const inputs = await Promise.all(
    ['ST_TRAD', 'ST_URAD', 'ST_DRAD', 'ST_ATRAN', 'ST_EMIS'].map((name) => read(name, window)),
  );
  const stDn = await read('ST_B10', window);
  const qa = await read('QA_PIXEL', window);

  // Non-fill: no ST input is −9999 (read as NaN) and ST_B10 is not its fill 0. In these three
  // scenes ST_EMIS ≠ −9999 alone, and ST_B10 ≠ 0 alone, select the very same pixels.
  const isNonFill = (i: number): boolean =>
    inputs.every((band) => !Number.isNaN(band[i] as number)) &&
    !Number.isNaN(stDn[i]) &&
    stDn[i] !== 0;
  const nonFill = result.data.map((_, i) => (isNonFill(i) ? 1 : 0));

  it(`has ${expected.nonFill} non-fill pixels, ${expected.noInversion} of them with radiance ≤ 0`, () => {
    const count = (predicate: (i: number) => boolean): number =>
      nonFill.reduce((sum, flag, i) => sum + (flag === 1 && predicate(i) ? 1 : 0), 0);
    expect(count(() => true)).toBe(expected.nonFill);
    expect(count((i) => Number.isNaN(result.data[i] as number))).toBe(expected.noInversion);
    expect(stDn.filter((dn) => dn !== 0 && !Number.isNaN(dn)).length).toBe(expected.nonFill);
    expect(result.notes.join('\n')).toContain(`${expected.noInversion} pixels with valid inputs`);
  });

  it(`reproduces ST_B10 with a median |ΔT| of ${expected.medianK} K where it inverts (clear: ${expected.clearMedianK} K)`, () => {
    const differences: number[] = [];
    const clearDifferences: number[] = [];
    result.data.forEach((lstKelvin, i) => {
      if (nonFill[i] !== 1 || Number.isNaN(lstKelvin)) return;
      const difference = Math.abs(lstKelvin - (0.00341802 * (stDn[i] as number) + 149.0));
      differences.push(difference);
      if ((((qa[i] as number) >> QA_PIXEL_CLEAR_BIT) & 1) === 1) clearDifferences.push(difference);
    });
    expect(Math.abs(median(differences) - expected.medianK)).toBeLessThanOrEqual(0.01);
    expect(clearDifferences.length).toBe(expected.clear);
    const clearMedian = clearDifferences.length === 0 ? null : median(clearDifferences);
    expect(clearMedian === null ? null : Math.round(clearMedian * 1000) / 1000).toBe(
      expected.clearMedianK,
    );
  });
});

describe('Level-2 products of LC08_L2SP_008059_20191201_20200825_02_T1', async () => {
  const { scene, read } = await openScene(`${L2_ROOT}/LC08_L2SP_008059_20191201_20200825_02_T1`);

  it('by level2 is ST_B10 scaled to kelvin, fill 0 as NaN', async () => {
    const result = await computeLst({ scene, read, method: 'level2' });
    const dn = await read('ST_B10', whole(scene));
    const index = dn.findIndex((value) => value > 40000);
    expect(result.data[index]).toBeCloseTo(0.00341802 * (dn[index] as number) + 149.0, 3);
    expect(result.data.filter((value) => !Number.isNaN(value)).length).toBe(178678);
  });

  it('refuses split-window on a Level-2 scene', async () => {
    await expect(computeLst({ scene, read, method: 'split-window' })).rejects.toThrow(
      'split-window LST needs a Level-1 scene (DN of the thermal bands); this scene is Level-2',
    );
  });

  it('has an NDVI from surface reflectance SR_B4, SR_B5', async () => {
    const result = await computeNdvi({ scene, read });
    expect(result.inputs).toEqual(['SR_B4', 'SR_B5']);
    expect(Math.abs(median(result.data) - 0.2567)).toBeLessThan(0.001);
  });
});

describe('LST of the Landsat 5 TM scene LT52240631988227CUB02 (August 1988, Amazon)', async () => {
  const { scene, read } = await openScene(
    '../shared/data/landsat-l1-thermal/LT52240631988227CUB02',
  );

  it('by single-channel uses the handbook K1/K2 and an ESUN-based NDVI: median 301.01 K', async () => {
    const result = await computeLst({ scene, read, method: 'single-channel' });
    expect(result.parameters).toMatchObject({
      coefficients: 'jimenez-munoz-2009-tm',
      emissivitySet: 'sobrino-2004',
      thermalBand: 'B6',
      thermalConstants: { B6: { k1: 607.76, k2: 1260.56 } },
    });
    expect(result.data.filter((value) => !Number.isNaN(value)).length).toBe(88970);
    expect(Math.abs(median(result.data) - 301.013)).toBeLessThan(0.05);
    const ndvi = await computeNdvi({ scene, read });
    expect(Math.abs(median(ndvi.data) - 0.7161)).toBeLessThan(0.001);
  });

  it('refuses split-window: TM has one thermal band', async () => {
    await expect(computeLst({ scene, read, method: 'split-window' })).rejects.toThrow(
      'split-window LST needs two thermal bands; a landsat5-tm scene has 1',
    );
  });
});

describe('LST of a Landsat 7 ETM+ scene (the LE07_L1TP_160031 MTL on a Level-1 grid)', async () => {
  const mtlPath =
    '../shared/data/landsat-mtl-metadata/LE07_L1TP_160031_20110416_20161210_01_T1_MTL.TXT';
  if (!existsSync(mtlPath)) throw new Error(`shared test data missing: ${mtlPath}`);
  const { scene: grid } = await openScene(L1_DIR);
  const etmNames: Record<string, string> = {
    B4: 'B3',
    B5: 'B4',
    B10: 'B6_VCID_1',
    B11: 'B6_VCID_2',
  };
  const etm: SceneDescription = {
    ...grid,
    sensor: 'landsat7-etm',
    metadata: parseMtl(readFileSync(mtlPath, 'utf8')),
    bands: grid.bands
      .filter((band) => etmNames[band.name] !== undefined)
      .map((band) => ({ ...band, name: etmNames[band.name] as string })),
  };

  it('refuses split-window: B6_VCID_1 and B6_VCID_2 are one band (10.4–12.5 µm) at two gains', () => {
    expect(() => planLst(etm, 'split-window')).toThrow(InvalidParameterError);
    expect(() => planLst(etm, 'split-window')).toThrow(
      'split-window LST needs two thermal bands at different wavelengths; the landsat7-etm ' +
        'bands B6_VCID_1 and B6_VCID_2 both cover 10.4–12.5 µm (one band at two gains): ' +
        'use method single-channel or rte',
    );
  });

  it('by single-channel reads the low-gain B6_VCID_1 with the MTL K1/K2 and the ETM+ ψ', () => {
    const plan = planLst(etm, 'single-channel');
    expect(plan.inputs).toEqual(['B6_VCID_1', 'B3', 'B4']);
    expect(plan.parameters).toMatchObject({
      coefficients: 'jimenez-munoz-2009-etm',
      emissivitySet: 'sobrino-2004',
      thermalBand: 'B6_VCID_1',
      thermalConstants: { B6_VCID_1: { k1: 666.09, k2: 1282.71 } },
    });
  });
});
