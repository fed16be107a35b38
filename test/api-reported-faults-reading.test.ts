/**
 * Reported faults B01–B07 of ../shared/data/reported-faults (see its README.md) through the
 * platform's own path: upload (POST /api/scenes), band statistics, point queries and PNG tiles
 * whose masked pixels must be transparent. Expected values are the README's (GDAL 3.6.2).
 */
import { readFile } from 'node:fs/promises';

import proj4 from 'proj4';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, uploadScene, type SceneJson, type TestServer } from './api-helpers.js';
import { sharedDataFile } from './helpers/shared-data.js';

/** All reported-fault rasters are EPSG:32617 with 30 m pixels. */
const UTM_17N = '+proj=utm +zone=17 +datum=WGS84 +units=m +no_defs';
const PIXEL_M = 30;
const TILE_ZOOM = 16;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

interface Uploaded {
  id: string;
  /** Lon/lat of the centre of pixel (col, row). */
  centre(col: number, row: number): { lon: number; lat: number };
}

async function uploadFault(file: string, origin: readonly [number, number]): Promise<Uploaded> {
  const bytes = await readFile(sharedDataFile(`reported-faults/${file}`));
  const response = await uploadScene(server.url, [{ name: file, bytes }]);
  expect(response.status, await response.clone().text()).toBe(201);
  const scene = (await response.json()) as SceneJson;
  return {
    id: scene.id,
    centre: (col, row) => {
      const x = origin[0] + (col + 0.5) * PIXEL_M;
      const y = origin[1] - (row + 0.5) * PIXEL_M;
      const [lon = NaN, lat = NaN] = proj4(UTM_17N, 'EPSG:4326', [x, y]);
      return { lon, lat };
    },
  };
}

interface Stats {
  validCount: number;
  totalCount: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

async function statsOf(scene: Uploaded, band = 'b1'): Promise<Stats> {
  const response = await fetch(`${server.url}/api/scenes/${scene.id}/bands/${band}/statistics`);
  expect(response.status).toBe(200);
  return (await response.json()) as Stats;
}

async function valueAt(scene: Uploaded, col: number, row: number, band = 'b1') {
  const { lon, lat } = scene.centre(col, row);
  const url = `${server.url}/api/scenes/${scene.id}/bands/${band}/point?lon=${lon}&lat=${lat}`;
  const body = (await (await fetch(url)).json()) as { value: number | null; reason?: string };
  return body.value;
}

/** Alpha of the tile pixel under the centre of raster pixel (col, row), at zoom 16. */
async function alphaAt(scene: Uploaded, col: number, row: number): Promise<number> {
  const { lon, lat } = scene.centre(col, row);
  const n = 2 ** TILE_ZOOM * 256;
  const latRad = (lat * Math.PI) / 180;
  const px = ((lon + 180) / 360) * n;
  const py = ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n;
  const [x, y] = [Math.floor(px / 256), Math.floor(py / 256)];
  const url = `${server.url}/api/scenes/${scene.id}/bands/b1/tiles/${TILE_ZOOM}/${x}/${y}.png`;
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const { data, info } = await sharp(Buffer.from(await response.arrayBuffer()))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (Math.floor(py % 256) * info.width + Math.floor(px % 256)) * 4 + 3;
  return data[at] ?? -1;
}

describe('B01: sparse tiles (TileOffsets = TileByteCounts = 0)', () => {
  it('reads missing tiles as noData 65535 (masked), keeping 512 valid pixels', async () => {
    const scene = await uploadFault('b01_sparse_tiles_nodata.tif', [500_000, 4_000_000]);
    expect((await statsOf(scene)).validCount).toBe(512);
    expect(await valueAt(scene, 0, 0)).toBe(1000);
    expect(await valueAt(scene, 16, 16)).toBe(1500);
    expect(await valueAt(scene, 40, 5)).toBeNull();
    expect(await alphaAt(scene, 40, 5)).toBe(0);
    expect(await alphaAt(scene, 16, 16)).toBe(255);
  });

  it('reads missing tiles as 0 when no noData is set (3584 zeros, 4096 valid)', async () => {
    const scene = await uploadFault('b01_sparse_tiles_no_nodata.tif', [500_000, 4_000_000]);
    const stats = await statsOf(scene);
    expect(stats.validCount).toBe(4096);
    expect(stats.min).toBe(0);
    expect(await valueAt(scene, 40, 5)).toBe(0);
    expect(await valueAt(scene, 0, 0)).toBe(1000);
  });
});

describe('B02: float32 with predictors 2 and 3, short last strip, two samples', () => {
  const files = [
    'b02_float32_reference_uncompressed.tif',
    'b02_float32_lzw_pred3_1band.tif',
    'b02_float32_lzw_pred2_1band.tif',
    'b02_float32_deflate_pred3_2band_pixel.tif',
    'b02_float32_lzw_pred3_strips_short_last.tif',
  ];
  for (const file of files) {
    it(`${file}: spot values equal the uncompressed reference`, async () => {
      const scene = await uploadFault(file, [500_000, 4_000_000]);
      expect(await valueAt(scene, 0, 0)).toBe(280);
      expect(await valueAt(scene, 1, 0)).toBe(280.173583984375);
      expect(await valueAt(scene, 63, 47)).toBe(292.79833984375);
      expect(await valueAt(scene, 7, 5)).toBe(-3.0000000054977558e38);
      if (file.includes('2band')) {
        expect(await valueAt(scene, 0, 0, 'b2')).toBe(0.949999988079071);
        expect(await valueAt(scene, 63, 47, 'b2')).toBe(0.9768000245094299);
      }
    });
  }
});

describe('B03: big-endian TIFF with a predictor', () => {
  const row = async (scene: Uploaded): Promise<(number | null)[]> =>
    Promise.all(Array.from({ length: 8 }, (_, col) => valueAt(scene, col, 0)));

  it('reads UInt16 LZW predictor 2 identically in big- and little-endian files', async () => {
    const expected = [123, 3123, 65000, 100, 40000, 40001, 0, 65535];
    for (const order of ['bigendian', 'littleendian']) {
      const scene = await uploadFault(`b03_uint16_lzw_pred2_${order}.tif`, [500_000, 4_000_000]);
      expect(await row(scene)).toEqual(expected);
    }
  });

  it('reads float32 DEFLATE predictor 3 big-endian as TIFF Technical Note 3 says', async () => {
    const scene = await uploadFault(
      'b03_float32_deflate_pred3_bigendian.tif',
      [500_000, 4_000_000],
    );
    expect(await row(scene)).toEqual([
      290.5, 301.25, -12, 0.0010000000474974513, 0, 273.1499938964844, 350, -0.5,
    ]);
  });
});

describe('B04, B06, B07: noData 0, float32 noData float32 cannot hold, NaN noData', () => {
  const cases = [
    {
      file: 'b04_byte_nodata_zero.tif',
      valid: 192,
      mean: 84.666667,
      min: 1,
      max: 200,
      masked: [0, 0],
      kept: [8, 8, 137],
    },
    {
      file: 'b06_float32_nodata_m3.4e38.tif',
      valid: 56,
      mean: 293.55,
      min: 290.8,
      max: 296.3,
      masked: [5, 0],
      kept: [3, 4, 293.5],
    },
    {
      file: 'b06_float32_nodata_1e19.tif',
      valid: 56,
      mean: 293.55,
      min: 290.8,
      max: 296.3,
      masked: [5, 0],
      kept: [3, 4, 293.5],
    },
    {
      file: 'b07_float32_nodata_nan.tif',
      valid: 47,
      mean: 296.95,
      min: 295.8,
      max: 298.1,
      masked: [7, 7],
      kept: [3, 4, 296.75],
    },
  ] as const;
  for (const c of cases) {
    it(`${c.file}: ${c.valid} valid pixels, mean ${c.mean}, masked pixels transparent`, async () => {
      const scene = await uploadFault(c.file, [600_000, 4_100_000]);
      const stats = await statsOf(scene);
      expect(stats.validCount).toBe(c.valid);
      expect(stats.mean).toBeCloseTo(c.mean, 4);
      expect(stats.min).toBeCloseTo(c.min, 4);
      expect(stats.max).toBeCloseTo(c.max, 4);

      const [maskedCol, maskedRow] = c.masked;
      const [keptCol, keptRow, keptValue] = c.kept;
      expect(await valueAt(scene, maskedCol, maskedRow)).toBeNull();
      expect(await valueAt(scene, keptCol, keptRow)).toBe(keptValue);
      expect(await alphaAt(scene, maskedCol, maskedRow)).toBe(0);
      expect(await alphaAt(scene, keptCol, keptRow)).toBe(255);
    });
  }
});
