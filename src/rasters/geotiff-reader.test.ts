import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import {
  CancelledError,
  InvalidParameterError,
  InvalidTiffError,
  LimitExceededError,
  UnsupportedRasterError,
} from '../errors.js';
import { openGeoTiff } from './geotiff-reader.js';

const L8_B10 = 'landsat-l1-thermal/LC80200392015216LGN00/l8_B10.tif';
const LT5_B6 = 'landsat-l1-thermal/LT52240631988227CUB02/LT52240631988227CUB02_B6.TIF';
const L2_TRAD =
  'landsat-l2-surface-temperature/LC08_L2SP_008059_20191201_20200825_02_T1/' +
  'LC08_L2SP_008059_20191201_20200825_02_T1_ST_TRAD.TIF';
const FAULTS = 'reported-faults';

async function readAll(relativePath: string, bandIndex = 0): Promise<Float32Array> {
  const reader = await openGeoTiff(sharedDataFile(relativePath));
  const { width, height } = reader.info;
  const values = await reader.readWindow({ x: 0, y: 0, width, height }, { bandIndex });
  await reader.close();
  return values;
}

function validStats(values: Float32Array): {
  count: number;
  mean: number;
  min: number;
  max: number;
} {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { count, mean: sum / count, min, max };
}

describe('openGeoTiff on real Landsat files', () => {
  it('reads the L8 B10 header: 627×603 uint16, EPSG:32616, PixelIsPoint shifted like GDAL', async () => {
    const reader = await openGeoTiff(sharedDataFile(L8_B10));
    expect(reader.info).toMatchObject({
      width: 627,
      height: 603,
      bandCount: 1,
      sampleType: 'uint16',
      geoTransform: [452475, 30, 0, 3408645, 0, -30],
      noData: null,
      overviews: [],
    });
    expect(reader.info.crs.epsg).toBe(32616);
    expect(reader.info.warnings.map((w) => w.code)).toEqual(['NODATA_UNSET', 'NO_OVERVIEWS']);
    await reader.close();
  });

  it('reads L8 B10 pixels equal to gdallocationinfo and the whole-image sum of GDAL', async () => {
    const reader = await openGeoTiff(sharedDataFile(L8_B10));
    const spot = await reader.readWindow({ x: 300, y: 400, width: 1, height: 1 }, { bandIndex: 0 });
    const corner = await reader.readWindow(
      { x: 626, y: 602, width: 1, height: 1 },
      { bandIndex: 0 },
    );
    expect(spot[0]).toBe(21939);
    expect(corner[0]).toBe(25476);
    await reader.close();

    const all = await readAll(L8_B10);
    expect(all.reduce((sum, v) => sum + v, 0)).toBe(8_753_865_706);
  });

  it('reads the LZW byte LT5 B6 with noData 255 and GDAL sum 12241672 (no pixel is 255)', async () => {
    const reader = await openGeoTiff(sharedDataFile(LT5_B6));
    expect(reader.info).toMatchObject({
      width: 287,
      height: 310,
      sampleType: 'uint8',
      noData: 255,
    });
    expect(reader.info.crs.epsg).toBe(32622);
    await reader.close();
    const all = await readAll(LT5_B6);
    expect(validStats(all)).toMatchObject({ count: 88_970, min: 131, max: 146 });
    expect(all.reduce((sum, v) => sum + v, 0)).toBe(12_241_672);
  });

  it('masks the -9999 fill of a Level-2 ST_TRAD int16 file: 80345 of 262144 pixels', async () => {
    const all = await readAll(L2_TRAD);
    const stats = validStats(all);
    expect(stats.count).toBe(262_144 - 80_345);
    expect(stats.mean * stats.count).toBe(1_279_892_123);
    expect(Number.isNaN(all[0] ?? 0)).toBe(true);
    expect(all[1 * 512 + 96]).toBe(6316);
  });

  it('returns NaN for the parts of a window outside the raster', async () => {
    const reader = await openGeoTiff(sharedDataFile(L8_B10));
    const values = await reader.readWindow(
      { x: 625, y: -1, width: 4, height: 2 },
      { bandIndex: 0 },
    );
    const row1 = Array.from(values.subarray(4, 8));
    expect(Array.from(values.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    expect(row1.slice(2).every(Number.isNaN)).toBe(true);
    expect(row1.slice(0, 2).every((v) => v > 20_000)).toBe(true);
    const outside = await reader.readWindow(
      { x: 1000, y: 0, width: 3, height: 3 },
      { bandIndex: 0 },
    );
    expect(Array.from(outside).every(Number.isNaN)).toBe(true);
    await reader.close();
  });

  it('samples a downsized window by nearest neighbour: 627×603 → 3×3 picks pixel centres', async () => {
    const reader = await openGeoTiff(sharedDataFile(L8_B10));
    const window = { x: 0, y: 0, width: 627, height: 603 };
    const small = await reader.readWindow(window, { bandIndex: 0, outWidth: 3, outHeight: 3 });
    const centre = await reader.readWindow(
      { x: 313, y: 301, width: 1, height: 1 },
      { bandIndex: 0 },
    );
    expect(small[4]).toBe(centre[0]);
    await reader.close();
  });

  it('refuses a read above maxPixels and a band index out of range', async () => {
    const reader = await openGeoTiff(sharedDataFile(L8_B10), { maxPixels: 1000 });
    const window = { x: 0, y: 0, width: 100, height: 100 };
    await expect(reader.readWindow(window, { bandIndex: 0 })).rejects.toThrow(LimitExceededError);
    await expect(reader.readWindow(window, { bandIndex: 0 })).rejects.toThrow(
      /limit of 1000 pixels/,
    );
    await expect(
      reader.readWindow({ x: 0, y: 0, width: 1, height: 1 }, { bandIndex: 1 }),
    ).rejects.toThrow(InvalidParameterError);
    await reader.close();
  });
});

describe('openGeoTiff on unsupported files', () => {
  it('decodes WebP strips through sharp with the pixels GDAL reads', async () => {
    const reader = await openGeoTiff(sharedDataFile('geotiff-edge-cases/image_webp.tif'));
    const window = { x: 256, y: 256, width: 1, height: 1 };
    // gdallocationinfo -valonly image_webp.tif 256 256 (GDAL 3.6.2): 99, 115 (bands 1 and 3).
    expect(Array.from(await reader.readWindow(window, { bandIndex: 0 }))).toEqual([99]);
    expect(Array.from(await reader.readWindow(window, { bandIndex: 2 }))).toEqual([115]);
    await reader.close();
  });

  it('refuses a TIFF with ground control points only, counting its 210 GCPs', async () => {
    const opening = openGeoTiff(sharedDataFile('geotiff-edge-cases/cog_gcps.tif'));
    await expect(opening).rejects.toThrow(UnsupportedRasterError);
    await expect(opening).rejects.toThrow(
      'cog_gcps.tif: no affine georeferencing: 210 ground control points (ModelTiepoint) and ' +
        'no ModelPixelScale or ModelTransformation; GCP-only georeferencing is not supported',
    );
  });

  it('refuses a TIFF without georeferencing tags, without mentioning GCPs it lacks', async () => {
    await expect(openGeoTiff(sharedDataFile('geotiff-edge-cases/BigTIFF.tif'))).rejects.toThrow(
      'BigTIFF.tif: no affine georeferencing: no ModelTiepoint, ModelPixelScale or ' +
        'ModelTransformation tag (and no GCPs)',
    );
  });

  it('stops a read whose signal is already aborted', async () => {
    const reader = await openGeoTiff(sharedDataFile(L8_B10));
    const window = { x: 0, y: 0, width: 10, height: 10 };
    await expect(
      reader.readWindow(window, { bandIndex: 0, signal: AbortSignal.abort() }),
    ).rejects.toThrow(CancelledError);
    await reader.close();
  });
});

describe('openGeoTiff on broken files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rskd-reader-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses non-TIFF bytes, naming the file and its first bytes', async () => {
    const file = path.join(dir, 'notes.tif');
    await writeFile(file, 'hello, not a tiff');
    await expect(openGeoTiff(file)).rejects.toThrow(InvalidTiffError);
    await expect(openGeoTiff(file)).rejects.toThrow(
      'notes.tif: not a TIFF (first bytes 68 65 6c 6c 6f 2c 20 6e)',
    );
  });

  it('opens a file cut to 40 % of its size but refuses reads past the cut', async () => {
    const bytes = await readFile(sharedDataFile(L8_B10));
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.4));
    const file = path.join(dir, 'cut_B10.tif');
    await writeFile(file, cut);
    const reader = await openGeoTiff(file);
    expect(reader.info.warnings.map((w) => w.code)).toContain('DAMAGED_BLOCKS');
    const { width, height } = reader.info;
    await expect(
      reader.readWindow({ x: 0, y: 0, width, height }, { bandIndex: 0 }),
    ).rejects.toThrow(
      new RegExp(
        `^cut_B10\\.tif: strip \\d+ \\(bytes \\d+–\\d+\\) lies past the end of the file ` +
          `\\(${cut.length} bytes\\): the file is truncated or corrupt$`,
      ),
    );
    await reader.close();
  });
});

describe('reported faults (../shared/data/reported-faults/README.md)', () => {
  it('B01: reads sparse tiles as noData (→ NaN) or 0, keeping 512 valid pixels', async () => {
    const withNoData = await readAll(`${FAULTS}/b01_sparse_tiles_nodata.tif`);
    expect(validStats(withNoData).count).toBe(512);
    expect(withNoData[16 * 64 + 16]).toBe(1500);
    const withoutNoData = await readAll(`${FAULTS}/b01_sparse_tiles_no_nodata.tif`);
    expect(withoutNoData.filter((v) => v === 0).length).toBe(3584);
  });

  it('B02: decodes float32 with predictors 2 and 3 bit-identical to the reference', async () => {
    const reference = await readAll(`${FAULTS}/b02_float32_reference_uncompressed.tif`);
    expect(reference[1]).toBe(280.173583984375);
    expect(reference[47 * 64 + 63]).toBe(292.79833984375);
    for (const name of ['lzw_pred3_1band', 'lzw_pred2_1band', 'lzw_pred3_strips_short_last']) {
      expect(await readAll(`${FAULTS}/b02_float32_${name}.tif`)).toEqual(reference);
    }
    const band2 = await readAll(`${FAULTS}/b02_float32_deflate_pred3_2band_pixel.tif`, 1);
    expect(band2[47 * 64 + 63]).toBe(Math.fround(0.9768000245094299));
  });

  it('B03: decodes big-endian predictor 2 (uint16) and predictor 3 (float32) rows', async () => {
    const uint16 = await readAll(`${FAULTS}/b03_uint16_lzw_pred2_bigendian.tif`);
    expect(Array.from(uint16.subarray(0, 8))).toEqual([
      123, 3123, 65000, 100, 40000, 40001, 0, 65535,
    ]);
    const float32 = await readAll(`${FAULTS}/b03_float32_deflate_pred3_bigendian.tif`);
    const expected = [290.5, 301.25, -12, 0.001, 0, 273.15, 350, -0.5].map(Math.fround);
    expect(Array.from(float32.subarray(0, 8))).toEqual(expected);
  });

  it('B04: honours noData 0: 64 of 256 masked, valid mean 84.666667', async () => {
    const stats = validStats(await readAll(`${FAULTS}/b04_byte_nodata_zero.tif`));
    expect(stats).toMatchObject({ count: 192, min: 1, max: 200 });
    expect(stats.mean).toBeCloseTo(84.666667, 5);
  });

  it('B06: masks float32 noData tags that float32 cannot represent (8 of 64 pixels)', async () => {
    for (const name of ['b06_float32_nodata_m3.4e38.tif', 'b06_float32_nodata_1e19.tif']) {
      const stats = validStats(await readAll(`${FAULTS}/${name}`));
      expect(stats.count).toBe(56);
      expect(stats.mean).toBeCloseTo(293.55, 4);
    }
  });

  it('B07: treats NaN noData as missing: 17 NaN pixels, valid mean 296.95', async () => {
    const reader = await openGeoTiff(sharedDataFile(`${FAULTS}/b07_float32_nodata_nan.tif`));
    expect(Number.isNaN(reader.info.noData)).toBe(true);
    await reader.close();
    const stats = validStats(await readAll(`${FAULTS}/b07_float32_nodata_nan.tif`));
    expect(stats.count).toBe(64 - 17);
    expect(stats.mean).toBeCloseTo(296.95, 4);
  });
});
