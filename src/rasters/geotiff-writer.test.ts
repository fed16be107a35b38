import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UnsupportedRasterError } from '../errors.js';
import { crsFromEpsg } from './crs.js';
import { openGeoTiff } from './geotiff-reader.js';
import { writeGeoTiff, type RasterToWrite } from './geotiff-writer.js';

const GDALINFO = '/usr/bin/gdalinfo';

/** A 300×200 two-band raster (two tiles across, one down at 256 px) with NaN holes. */
function sampleRaster(overrides: Partial<RasterToWrite> = {}): RasterToWrite {
  const width = 300;
  const height = 200;
  const lst = new Float32Array(width * height);
  const emissivity = new Float32Array(width * height);
  for (let i = 0; i < lst.length; i++) {
    lst[i] = 280 + (i % width) * 0.1 + Math.floor(i / width) * 0.01;
    emissivity[i] = 0.95 + (i % 7) * 0.001;
  }
  lst[0] = NaN;
  lst[width * height - 1] = NaN;
  emissivity[12345] = NaN;
  return {
    width,
    height,
    bands: [lst, emissivity],
    geoTransform: [452475, 30, 0, 3408645, 0, -30],
    crs: crsFromEpsg(32616),
    noData: -9999,
    bandDescriptions: ['lst', 'emissivity B10 & B11 <x>'],
    ...overrides,
  };
}

interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  stac?: { 'proj:epsg'?: number };
  coordinateSystem: { wkt: string };
  bands: { noDataValue?: number | string; description?: string; block: number[] }[];
  metadata?: Record<string, Record<string, string>>;
}

function gdalinfo(file: string): GdalInfo {
  return JSON.parse(execFileSync(GDALINFO, ['-json', file], { encoding: 'utf8' })) as GdalInfo;
}

describe('writeGeoTiff', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rskd-writer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips every value, NaN included, through the reader (deflate + predictor 3)', async () => {
    const raster = sampleRaster();
    const file = path.join(dir, 'roundtrip.tif');
    await writeGeoTiff(file, raster);

    const reader = await openGeoTiff(file);
    expect(reader.info).toMatchObject({
      width: 300,
      height: 200,
      bandCount: 2,
      sampleType: 'float32',
      geoTransform: [452475, 30, 0, 3408645, 0, -30],
      noData: -9999,
      bandDescriptions: ['lst', 'emissivity B10 & B11 <x>'],
    });
    expect(reader.info.crs.epsg).toBe(32616);
    for (const bandIndex of [0, 1]) {
      const values = await reader.readWindow(
        { x: 0, y: 0, width: 300, height: 200 },
        { bandIndex },
      );
      expect(values).toEqual(raster.bands[bandIndex]);
    }
    await reader.close();
  });

  it('writes a file gdalinfo describes: size, EPSG, geotransform, noData, descriptions', async () => {
    const file = path.join(dir, 'gdal.tif');
    await writeGeoTiff(file, sampleRaster({ tileSizePx: 512 }));
    const info = gdalinfo(file);
    expect(info.size).toEqual([300, 200]);
    expect(info.geoTransform).toEqual([452475, 30, 0, 3408645, 0, -30]);
    expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",32616\]\]$/);
    expect(info.metadata?.['']?.AREA_OR_POINT).toBe('Area');
    expect(info.bands.map((b) => b.noDataValue)).toEqual([-9999, -9999]);
    expect(info.bands.map((b) => b.description)).toEqual(['lst', 'emissivity B10 & B11 <x>']);
    expect(info.bands[0]?.block).toEqual([512, 512]);
  });

  it('writes NaN noData and a geographic CRS that gdalinfo reads back', async () => {
    const file = path.join(dir, 'nan4326.tif');
    const band = new Float32Array([1.5, NaN, 3.25, 4]);
    await writeGeoTiff(file, {
      width: 2,
      height: 2,
      bands: [band],
      geoTransform: [10, 0.01, 0, 45, 0, -0.01],
      crs: crsFromEpsg(4326),
      noData: NaN,
      compression: 'none',
    });
    const info = gdalinfo(file);
    expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",4326\]\]$/);
    expect(info.bands[0]?.noDataValue).toBe('NaN');
    const reader = await openGeoTiff(file);
    expect(await reader.readWindow({ x: 0, y: 0, width: 2, height: 2 }, { bandIndex: 0 })).toEqual(
      band,
    );
    await reader.close();
  });

  it('writes a rotated geotransform as ModelTransformation', async () => {
    const file = path.join(dir, 'rotated.tif');
    const geoTransform = [1000, 10, 2, 5000, 3, -10] as const;
    await writeGeoTiff(file, sampleRaster({ geoTransform }));
    expect(gdalinfo(file).geoTransform).toEqual([...geoTransform]);
  });

  it('writes internal overviews that gdalinfo lists and the reader uses for small outputs', async () => {
    const width = 600;
    const height = 520;
    const band = new Float32Array(width * height).map(
      (_, i) => (i % width) + Math.floor(i / width),
    );
    const file = path.join(dir, 'pyramid.tif');
    await writeGeoTiff(file, {
      ...sampleRaster(),
      width,
      height,
      bands: [band],
      bandDescriptions: [],
    });

    const overviews = (gdalinfo(file).bands[0] as { overviews?: { size: number[] }[] }).overviews;
    expect(overviews?.map((o) => o.size)).toEqual([
      [300, 260],
      [150, 130],
    ]);
    const reader = await openGeoTiff(file);
    expect(reader.info.overviews).toEqual([
      { width: 300, height: 260 },
      { width: 150, height: 130 },
    ]);
    const window = { x: 0, y: 0, width, height };
    const small = await reader.readWindow(window, { bandIndex: 0, outWidth: 150, outHeight: 130 });
    // Overview 2 pixel (0, 0) averages the 4×4 block of value col + row: mean 3.
    expect(small[0]).toBe(3);
    // Pixel (col 10, row 5) of level 2 covers cols 40–43, rows 20–23: mean 41.5 + 21.5.
    expect(small[5 * 150 + 10]).toBe(63);
    await reader.close();
  });

  it('refuses a CRS without an EPSG code and leaves no file behind', async () => {
    const crs = { ...crsFromEpsg(32616), epsg: null, name: 'custom TM' };
    const file = path.join(dir, 'custom.tif');
    await expect(writeGeoTiff(file, sampleRaster({ crs }))).rejects.toThrow(UnsupportedRasterError);
    await expect(writeGeoTiff(file, sampleRaster({ crs }))).rejects.toThrow(
      /"custom TM" has no EPSG code/,
    );
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
