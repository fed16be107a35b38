import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MetadataError, SceneAssemblyError } from '../errors.js';
import { assembleScene, type SceneFile } from './scene.js';
import type { SceneDescription } from './scene-types.js';

const DATA = resolve('../shared/data');
const L8_DIR = join(DATA, 'landsat-l1-thermal', 'LC80200392015216LGN00');
const LT5_DIR = join(DATA, 'landsat-l1-thermal', 'LT52240631988227CUB02');
const L2_ID = 'LC08_L2SP_017036_20130419_20200913_02_T2';
const L2_DIR = join(DATA, 'landsat-l2-surface-temperature', L2_ID);
const L2_OTHER_ID = 'LC08_L2SP_008059_20191201_20200825_02_T1';
const L2_OTHER_DIR = join(DATA, 'landsat-l2-surface-temperature', L2_OTHER_ID);

function shared(dir: string, fileName: string): SceneFile {
  const path = join(dir, fileName);
  if (!existsSync(path)) throw new Error(`shared test data missing: ${path}`);
  return { path, fileName };
}

function sharedDir(dir: string): SceneFile[] {
  if (!existsSync(dir)) throw new Error(`shared test data missing: ${dir}`);
  return readdirSync(dir)
    .sort()
    .map((fileName) => ({ path: join(dir, fileName), fileName }));
}

/** Open file descriptors of this process (Linux), to prove readers are closed. */
function openFdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

async function assemblyError(files: SceneFile[]): Promise<SceneAssemblyError> {
  const error: unknown = await assembleScene(files).then(
    () => new Error('assembleScene accepted the files'),
    (reason: unknown) => reason,
  );
  if (error instanceof SceneAssemblyError) return error;
  throw error;
}

const codes = (scene: SceneDescription): string[] => scene.warnings.map((w) => w.code);

describe('assembleScene of Landsat Level-1 band files', () => {
  it('assembles the LC80200392015216LGN00 crop on its GeoTIFF grid, not the MTL full scene', async () => {
    const files = ['l8_B10.tif', 'l8_B4.tif', 'l8_MTL.txt', 'l8_B11.tif', 'l8_B5.tif'].map((name) =>
      shared(L8_DIR, name),
    );
    const scene = await assembleScene(files);

    expect(scene.sensor).toBe('landsat8-oli-tirs');
    expect(scene.level).toBe('L1');
    expect(scene.sceneId).toBe('LC80200392015216LGN00');
    expect([scene.width, scene.height]).toEqual([627, 603]);
    expect(scene.crs.epsg).toBe(32616);
    expect(scene.geoTransform).toEqual([452475, 30, 0, 3408645, 0, -30]);
    // gdalinfo -json wgs84Extent of l8_B4.tif.
    const [west, south, east, north] = scene.boundsWgs84;
    expect(west).toBeCloseTo(-87.4968353, 6);
    expect(south).toBeCloseTo(30.6467149, 6);
    expect(east).toBeCloseTo(-87.2996896, 6);
    expect(north).toBeCloseTo(30.8105504, 6);
    expect(scene.bands.map((band) => band.name)).toEqual(['B4', 'B5', 'B10', 'B11']);
    expect(scene.bands[2]).toEqual({
      name: 'B10',
      path: join(L8_DIR, 'l8_B10.tif'),
      bandIndex: 0,
      fileName: 'l8_B10.tif',
      description: null,
    });
    expect(scene.metadata?.bands.B10).toMatchObject({
      k1: 774.8853,
      k2: 1321.0789,
      radianceMult: 3.342e-4,
    });
    expect(codes(scene)).not.toContain('SENSOR_MISMATCH');
  });

  it('assembles every LT52240631988227CUB02 band with its NUL-padded MTL as Landsat 5 TM', async () => {
    const scene = await assembleScene(sharedDir(LT5_DIR));
    expect(scene.sensor).toBe('landsat5-tm');
    expect(scene.level).toBe('L1');
    expect(scene.sceneId).toBe('LT52240631988227CUB02');
    expect([scene.width, scene.height, scene.crs.epsg]).toEqual([287, 310, 32622]);
    expect(scene.bands.map((band) => band.name)).toEqual([
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
    ]);
    expect(scene.metadata?.bands.B6).toMatchObject({
      k1: 607.76,
      k2: 1260.56,
      k1k2Source: 'handbook',
    });
    // gdalinfo -json wgs84Extent of LT52240631988227CUB02_B6.TIF.
    const [west, south, east, north] = scene.boundsWgs84;
    expect(west).toBeCloseTo(-49.9248514, 6);
    expect(south).toBeCloseTo(-3.7946668, 6);
    expect(east).toBeCloseTo(-49.8472185, 6);
    expect(north).toBeCloseTo(-3.7104473, 6);
  });

  it('closes every reader it opens, on success and on failure', async () => {
    const before = openFdCount();
    await assembleScene(sharedDir(LT5_DIR));
    await assemblyError([
      shared(L8_DIR, 'l8_B10.tif'),
      shared(LT5_DIR, 'LT52240631988227CUB02_B4.TIF'),
    ]);
    expect(openFdCount()).toBe(before);
  });

  it('warns NO_MTL for Landsat-named bands without metadata, and reads the level from names', async () => {
    const scene = await assembleScene([shared(LT5_DIR, 'LT52240631988227CUB02_B6.TIF')]);
    expect(scene.sensor).toBe('landsat5-tm');
    expect(scene.level).toBe('L1');
    expect(scene.metadata).toBeNull();
    expect(codes(scene)).toContain('NO_MTL');
  });

  it('recognises an MTL and a GeoTIFF by content when their names say nothing', async () => {
    const scene = await assembleScene([
      { path: shared(L8_DIR, 'l8_MTL.txt').path, fileName: 'metadata.dat' },
      { path: shared(L8_DIR, 'l8_B10.tif').path, fileName: 'upload_B10' },
    ]);
    expect(scene.sensor).toBe('landsat8-oli-tirs');
    expect(scene.metadata?.sceneId).toBe('LC80200392015216LGN00');
    expect(scene.bands.map((band) => band.name)).toEqual(['B10']);
  });

  it('warns SENSOR_MISMATCH when the MTL spacecraft contradicts the file names, and trusts the MTL', async () => {
    const scene = await assembleScene([
      shared(L8_DIR, 'l8_MTL.txt'),
      shared(LT5_DIR, 'LT52240631988227CUB02_B4.TIF'),
    ]);
    expect(scene.sensor).toBe('landsat8-oli-tirs');
    const mismatch = scene.warnings.find((w) => w.code === 'SENSOR_MISMATCH');
    expect(mismatch?.message).toBe(
      'the MTL says LANDSAT_8 but LT52240631988227CUB02_B4.TIF is named as Landsat 5 TM; using the MTL',
    );
  });
});

describe('assembleScene of Level-2 products', () => {
  it(`assembles ${L2_ID} as a Level-2 scene with ST_B10 and the ST intermediate bands`, async () => {
    const scene = await assembleScene(sharedDir(L2_DIR));
    expect(scene.sensor).toBe('landsat8-oli-tirs');
    expect(scene.level).toBe('L2');
    expect(scene.sceneId).toBe(L2_ID);
    expect([scene.width, scene.height, scene.crs.epsg]).toEqual([512, 512, 32617]);
    expect(scene.bands.map((band) => band.name)).toEqual([
      'SR_B4',
      'SR_B5',
      'ST_B10',
      'ST_TRAD',
      'ST_URAD',
      'ST_DRAD',
      'ST_ATRAN',
      'ST_EMIS',
      'ST_EMSD',
      'ST_CDIST',
      'ST_QA',
      'QA_PIXEL',
    ]);
    expect(scene.metadata?.processingLevel).toBe('L2SP');
    expect(scene.metadata?.bands.ST_B10).toMatchObject({ level2Mult: 0.00341802, level2Add: 149 });
    const [west, south, east, north] = scene.boundsWgs84;
    expect(west).toBeCloseTo(-84.2271462, 6);
    expect(south).toBeCloseTo(33.5768209, 6); // gdalinfo -json wgs84Extent
    expect(east).toBeCloseTo(-81.5905947, 6);
    expect(north).toBeCloseTo(35.6285139, 6);
  });

  it('skips the .aux.xml side files with an UNUSED_FILE warning', async () => {
    const scene = await assembleScene(sharedDir(L2_OTHER_DIR));
    expect(scene.bands).toHaveLength(12);
    const unused = scene.warnings.filter((w) => w.code === 'UNUSED_FILE').map((w) => w.message);
    // The shared set ships ST_TRAD's side file; a local GDAL run may add others, so the
    // expectation follows the directory rather than a fixed list.
    const sideFiles = readdirSync(resolve(L2_OTHER_DIR))
      .filter((name) => name.endsWith('.aux.xml'))
      .sort();
    expect(sideFiles).toContain(`${L2_OTHER_ID}_ST_TRAD.TIF.aux.xml`);
    expect([...unused].sort()).toEqual(
      sideFiles.map((name) => `${name} is neither a GeoTIFF nor an MTL; skipped`),
    );
  });
});

describe('assembleScene of plain GeoTIFFs', () => {
  it('makes a multi-band GeoTIFF without suffix or MTL a generic scene with bands b1..bN', async () => {
    const scene = await assembleScene([shared(join(DATA, 'geotiff-edge-cases'), 'all-nodata.tif')]);
    expect(scene.sensor).toBe('generic');
    expect(scene.level).toBeNull();
    expect(scene.sceneId).toBeNull();
    expect(scene.metadata).toBeNull();
    expect([scene.width, scene.height, scene.crs.epsg]).toEqual([71, 2475, 32628]);
    expect(scene.bands.map((band) => [band.name, band.bandIndex, band.description])).toEqual([
      ['b1', 0, 'blue'],
      ['b2', 1, 'green'],
      ['b3', 2, 'red'],
      ['b4', 3, 'nir'],
    ]);
    expect(codes(scene)).not.toContain('NO_MTL');
  });
});

describe('assembleScene refusals', () => {
  it('refuses a B10 of one scene with a B4 of another, naming both files and grids', async () => {
    const error = await assemblyError([
      shared(L8_DIR, 'l8_B10.tif'),
      shared(LT5_DIR, 'LT52240631988227CUB02_B4.TIF'),
    ]);
    expect(error.message).toBe(
      'l8_B10.tif and LT52240631988227CUB02_B4.TIF are on different grids: ' +
        '627×603 px, EPSG:32616, origin (452475, 3408645), pixel 30×-30 vs ' +
        '287×310 px, EPSG:32622, origin (619395, -410205), pixel 30×-30',
    );
    expect(error.details.files).toEqual(['l8_B10.tif', 'LT52240631988227CUB02_B4.TIF']);
  });

  it('refuses two Level-2 products of the same size on different grids', async () => {
    const error = await assemblyError([
      shared(L2_OTHER_DIR, `${L2_OTHER_ID}_ST_B10.TIF`),
      shared(L2_DIR, `${L2_ID}_SR_B4.TIF`),
    ]);
    expect(error.message).toMatch(/512×512 px, EPSG:32618, .* vs 512×512 px, EPSG:32617/);
  });

  it('refuses two files that are the same band', async () => {
    const error = await assemblyError([
      shared(L8_DIR, 'l8_B4.tif'),
      { path: join(L8_DIR, 'l8_B4.tif'), fileName: 'LC80200392015216LGN00_B4.TIF' },
    ]);
    expect(error.message).toBe('l8_B4.tif and LC80200392015216LGN00_B4.TIF are both band B4');
  });

  it('refuses a set of files without any raster', async () => {
    const error = await assemblyError([shared(L8_DIR, 'l8_MTL.txt')]);
    expect(error.message).toBe('no GeoTIFF among the uploaded files (l8_MTL.txt)');
    expect((await assemblyError([])).message).toBe('no GeoTIFF among the uploaded files (none)');
  });

  it('refuses a GeoTIFF whose band cannot be named in a Landsat scene', async () => {
    const dir = join(DATA, 'landsat-l1-thermal', 'rio-toa_LC81390452014295LGN00');
    const error = await assemblyError(sharedDir(dir));
    expect(error.message).toBe(
      'tiny_LC81390452014295LGN00_B5_radl.TIF: no Landsat 8 OLI/TIRS band suffix ' +
        '(_B10, _SR_B4, _ST_B10, _QA_PIXEL…) in the name',
    );
  });

  it('refuses MTLs of two different scenes', async () => {
    const error = await assemblyError([
      shared(L8_DIR, 'l8_MTL.txt'),
      shared(LT5_DIR, 'LT52240631988227CUB02_MTL.txt'),
      shared(L8_DIR, 'l8_B4.tif'),
    ]);
    expect(error.message).toBe(
      'l8_MTL.txt describes LC80200392015216LGN00 but LT52240631988227CUB02_MTL.txt describes LT52240631988227CUB02',
    );
  });

  it('passes on the MetadataError of a malformed MTL', async () => {
    const notAnMtl = { path: join(L8_DIR, 'l8_B4.tif'), fileName: 'broken_MTL.txt' };
    await expect(assembleScene([notAnMtl, shared(L8_DIR, 'l8_B4.tif')])).rejects.toBeInstanceOf(
      MetadataError,
    );
  });

  it('refuses Landsat-named files of two different sensors without an MTL', async () => {
    const error = await assemblyError([
      { path: join(L8_DIR, 'l8_B4.tif'), fileName: 'LC80200392015216LGN00_B4.TIF' },
      { path: join(L8_DIR, 'l8_B5.tif'), fileName: 'LE70160382014113EDC01_B4.TIF' },
    ]);
    expect(error.message).toBe(
      'LC80200392015216LGN00_B4.TIF is named as Landsat 8 OLI/TIRS but LE70160382014113EDC01_B4.TIF as Landsat 7 ETM+',
    );
  });
});
