import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cogValidationErrors, gdalValues } from '../../test/helpers/gdal-cog.js';
import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { normaliseGeoTiff } from './cog-normalise.js';
import { writeCog, type CogOptions, type CogSource } from './cog-writer.js';
import { crsFromEpsg } from './crs.js';
import { memoryCogSource } from './geotiff-writer.js';
import { openGeoTiff } from './geotiff-reader.js';
import type { SampleType } from './types.js';

const WIDTH = 600;
const HEIGHT = 300;
const BASE: Omit<CogOptions, 'noData'> = {
  geoTransform: [452475, 30, 0, 3408645, 0, -30],
  crs: crsFromEpsg(32616),
};

/** noData and a value generator per sample type (values exact in float32). */
const TYPES: { sampleType: SampleType; noData: number; value: (i: number) => number }[] = [
  { sampleType: 'uint8', noData: 255, value: (i) => i % 250 },
  { sampleType: 'int8', noData: -128, value: (i) => (i % 240) - 120 },
  { sampleType: 'uint16', noData: 0, value: (i) => 1 + ((i * 7) % 65000) },
  { sampleType: 'int16', noData: -32768, value: (i) => ((i * 13) % 60000) - 30000 },
  { sampleType: 'uint32', noData: 0, value: (i) => 1 + i * 37 },
  { sampleType: 'int32', noData: -2147483648, value: (i) => i * 29 - 4_000_000 },
  { sampleType: 'float32', noData: -9999, value: (i) => 280 + Math.fround(i * 0.001) },
  { sampleType: 'float64', noData: NaN, value: (i) => Math.fround(-3.5 + i * 0.25) },
];

/** A band of the sample type's values with missing pixels at (0, 0), (599, 299) and a block. */
function bandOf(value: (i: number) => number): Float32Array {
  const band = new Float32Array(WIDTH * HEIGHT).map((_, i) => value(i));
  band[0] = NaN;
  band[WIDTH * HEIGHT - 1] = NaN;
  for (let row = 100; row < 104; row++) band.fill(NaN, row * WIDTH + 300, row * WIDTH + 304);
  return band;
}

/** Indices (at most 5) where `a` and `b` differ, NaN equal to NaN. */
function mismatches(a: Float32Array, b: Float32Array): number[] {
  const out: number[] = [];
  if (a.length !== b.length) return [-1];
  for (let i = 0; i < a.length && out.length < 5; i++) {
    if (!Object.is(a[i], b[i])) out.push(i);
  }
  return out;
}

interface GdalInfoJson {
  geoTransform: number[];
  coordinateSystem: { wkt: string };
  metadata: Record<string, Record<string, string>>;
  bands: {
    noDataValue?: number | string;
    description?: string;
    scale?: number;
    offset?: number;
    type: string;
    block: number[];
    overviews?: { size: number[] }[];
  }[];
}

function gdalinfo(file: string): GdalInfoJson {
  const stdout = execFileSync('/usr/bin/gdalinfo', ['-json', file], {
    encoding: 'utf8',
    env: { ...process.env, GDAL_PAM_ENABLED: 'NO' },
  });
  return JSON.parse(stdout) as GdalInfoJson;
}

describe('writeCog', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rskd-cog-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips every sample type, noData and NaN included, as COGs GDAL validates', async () => {
    const files: string[] = [];
    for (const { sampleType, noData, value } of TYPES) {
      const band = bandOf(value);
      const file = path.join(dir, `${sampleType}.tif`);
      files.push(file);
      await writeCog(file, memoryCogSource(WIDTH, HEIGHT, [band, band]), {
        ...BASE,
        sampleType,
        noData,
      });

      const reader = await openGeoTiff(file);
      expect(reader.info.sampleType).toBe(sampleType);
      expect(reader.info.noData).toEqual(noData);
      expect(reader.info.overviews).toEqual([
        { width: 300, height: 150 },
        { width: 150, height: 75 },
      ]);
      for (const bandIndex of [0, 1]) {
        const window = { x: 0, y: 0, width: WIDTH, height: HEIGHT };
        const read = await reader.readWindow(window, { bandIndex });
        expect(mismatches(read, band), sampleType).toEqual([]);
      }
      await reader.close();
    }

    const errors = cogValidationErrors(files);
    expect(Object.values(errors)).toEqual(files.map(() => []));
    // GDAL sees the raw noData where the source had NaN, and the values elsewhere.
    const uint32 = gdalValues(path.join(dir, 'uint32.tif'));
    expect([uint32[0]?.[0], uint32[0]?.[1], uint32[299]?.[598]]).toEqual([0, 38, 6_659_927]);
  });

  it('writes georeferencing, noData, descriptions and scale/offset that gdalinfo reads', async () => {
    const file = path.join(dir, 'described.tif');
    const band = bandOf((i) => i % 1000);
    await writeCog(file, memoryCogSource(WIDTH, HEIGHT, [band, band]), {
      ...BASE,
      sampleType: 'uint16',
      noData: 65535,
      bandMetadata: {
        descriptions: ['ST_B10 & <kelvin>', null],
        scale: [0.00341802, 1],
        offset: [149, 0],
      },
      tileSizePx: 512,
    });

    const info = gdalinfo(file);
    expect(info.geoTransform).toEqual([452475, 30, 0, 3408645, 0, -30]);
    expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",32616\]\]$/);
    expect(info.metadata['IMAGE_STRUCTURE']).toMatchObject({
      COMPRESSION: 'DEFLATE',
      PREDICTOR: '2',
      LAYOUT: 'COG',
      INTERLEAVE: 'BAND',
    });
    expect(info.bands.map((b) => [b.type, b.noDataValue, b.description ?? ''])).toEqual([
      ['UInt16', 65535, 'ST_B10 & <kelvin>'],
      ['UInt16', 65535, ''],
    ]);
    expect([info.bands[0]?.scale, info.bands[0]?.offset]).toEqual([0.00341802, 149]);
    expect(info.bands[0]?.block).toEqual([512, 512]);
    expect(info.bands[0]?.overviews?.map((o) => o.size)).toEqual([[300, 150]]);
  });

  it('averages only valid values into overviews and keeps all-noData blocks as noData', async () => {
    // Even columns are noData; odd column c of row r holds r + c.
    const band = new Float32Array(WIDTH * HEIGHT).map((_, i) =>
      (i % WIDTH) % 2 === 0 ? -9999 : Math.floor(i / WIDTH) + (i % WIDTH),
    );
    band.fill(-9999, 0, 4); // row 0, columns 0–3
    band.fill(-9999, WIDTH, WIDTH + 4); // row 1, columns 0–3
    const file = path.join(dir, 'holes.tif');
    await writeCog(file, memoryCogSource(WIDTH, HEIGHT, [band]), { ...BASE, noData: -9999 });

    const level1 = gdalValues(file, 1, 0);
    // Block (cols 2–3, rows 0–1) is all noData; block (cols 4–5, rows 0–1): mean of 5 and 6.
    expect([level1[0]?.[0], level1[0]?.[1], level1[0]?.[2]]).toEqual([-9999, -9999, 5.5]);
    // Level 2 from level 1: its block (cols 2–3, rows 0–1) holds 5.5, 7.5, 7.5, 9.5 → 7.5.
    expect(gdalValues(file, 1, 1)[0]?.[1]).toBe(7.5);
  });

  it('builds mode overviews for classes instead of averaging them', async () => {
    const classes = new Float32Array(WIDTH * HEIGHT).fill(1);
    classes.set([3, 3], 0);
    classes.set([7, 9], WIDTH);
    const file = path.join(dir, 'classes.tif');
    const options = { ...BASE, sampleType: 'uint8', noData: 0 } as const;
    await writeCog(file, memoryCogSource(WIDTH, HEIGHT, [classes]), {
      ...options,
      resampling: 'mode',
    });
    const averaged = path.join(dir, 'classes-average.tif');
    await writeCog(averaged, memoryCogSource(WIDTH, HEIGHT, [classes]), options);
    expect(gdalValues(file, 1, 0)[0]?.[0]).toBe(3);
    expect(gdalValues(averaged, 1, 0)[0]?.[0]).toBe(6); // (3 + 3 + 7 + 9) / 4 = 5.5, rounded
  });

  it('writes a BigTIFF COG when asked, which GDAL validates and reads', async () => {
    const band = bandOf((i) => i * 0.5);
    const file = path.join(dir, 'big.tif');
    const result = await writeCog(file, memoryCogSource(WIDTH, HEIGHT, [band]), {
      ...BASE,
      noData: NaN,
      bigTiff: 'always',
    });
    expect(result.bigTiff).toBe(true);
    const handle = await open(file, 'r');
    const header = Buffer.alloc(4);
    await handle.read(header, 0, 4, 0);
    await handle.close();
    expect([...header]).toEqual([0x49, 0x49, 43, 0]);
    expect(cogValidationErrors([file])[file]).toEqual([]);
    expect(gdalValues(file)[1]?.[2]).toBe((WIDTH + 2) * 0.5);
  });

  it('streams: reads at most one strip of tiles at a time, memory far below the raster', async () => {
    const width = 4096;
    const height = 4096;
    let largestRead = 0;
    let peakArrayBuffers = 0;
    const before = process.memoryUsage().arrayBuffers;
    const rows = new Float32Array(256 * width);
    const source: CogSource = {
      width,
      height,
      bandCount: 1,
      readRows: (_band, y0, rowCount) => {
        largestRead = Math.max(largestRead, rowCount);
        peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
        // One reused buffer: the writer copies what it keeps.
        for (let r = 0; r < rowCount; r++) rows.fill(y0 + r, r * width, (r + 1) * width);
        return Promise.resolve(rows.subarray(0, rowCount * width));
      },
    };
    const file = path.join(dir, 'stream.tif');
    const result = await writeCog(file, source, { ...BASE, noData: null });
    expect(result.levels.length).toBe(5);
    expect(largestRead).toBe(256);
    // The raster is 64 MiB of float32; the writer holds strips of a few MiB.
    expect((peakArrayBuffers - before) / 2 ** 20).toBeLessThan(32);
    expect(cogValidationErrors([file])[file]).toEqual([]);
  });

  it('leaves no file behind when the source fails half-way', async () => {
    const sub = await mkdtemp(path.join(dir, 'fail-'));
    const source: CogSource = {
      ...memoryCogSource(WIDTH, HEIGHT, [bandOf((i) => i)]),
      readRows: (_band, y0) =>
        y0 >= 256
          ? Promise.reject(new Error('disk gone'))
          : Promise.resolve(new Float32Array(WIDTH * 256)),
    };
    await expect(
      writeCog(path.join(sub, 'x.tif'), source, { ...BASE, noData: null }),
    ).rejects.toThrow('disk gone');
    expect(await readdir(sub)).toEqual([]);
  });

  it('refuses a noData value the sample type cannot hold, naming both', async () => {
    const source = memoryCogSource(WIDTH, HEIGHT, [bandOf((i) => i % 200)]);
    await expect(
      writeCog(path.join(dir, 'bad.tif'), source, { ...BASE, sampleType: 'uint8', noData: -9999 }),
    ).rejects.toThrow('cannot write bad.tif: noData -9999 is not a uint8 value');
  });
});

describe('normaliseGeoTiff', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rskd-normalise-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rewrites a stripped Landsat band as a COG with identical values and its fill as noData', async () => {
    const source = sharedDataFile('landsat-l1-thermal/LC80200392015216LGN00/l8_B10.tif');
    const target = path.join(dir, 'B10.tif');
    const result = await normaliseGeoTiff(source, target, { fallbackNoData: 0 });
    expect(result).toMatchObject({ noData: 0, bigTiff: false });
    expect(result.levels).toEqual([
      { width: 627, height: 603 },
      { width: 314, height: 302 },
      { width: 157, height: 151 },
    ]);

    const [before, after] = [await openGeoTiff(source), await openGeoTiff(target)];
    const window = { x: 0, y: 0, width: 627, height: 603 };
    const raw = await before.readWindow(window, { bandIndex: 0 });
    const expected = raw.map((v) => (v === 0 ? NaN : v));
    expect(mismatches(await after.readWindow(window, { bandIndex: 0 }), expected)).toEqual([]);
    expect(after.info.geoTransform).toEqual(before.info.geoTransform);
    expect(after.info.crs.epsg).toBe(32616);
    await Promise.all([before.close(), after.close()]);
    expect(cogValidationErrors([target])[target]).toEqual([]);
  });

  it('keeps the grid of a PixelIsPoint Level-2 band where GDAL puts it', async () => {
    const source = sharedDataFile(
      'landsat-l2-surface-temperature/LC08_L2SP_008059_20191201_20200825_02_T1/' +
        'LC08_L2SP_008059_20191201_20200825_02_T1_ST_B10.TIF',
    );
    const target = path.join(dir, 'ST_B10.tif');
    await normaliseGeoTiff(source, target);
    const info = gdalinfo(target);
    expect(info.geoTransform).toEqual([378285, 444.78515625, 0, 275715, 0, -453.57421875]);
    expect(info.bands[0]?.noDataValue).toBe(0);
    expect(gdalValues(target)).toEqual(gdalValues(source));
  });
});
