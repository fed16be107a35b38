/**
 * Every file of ../shared/data/geotiff-edge-cases through the real upload path (POST /api/scenes
 * on a real server): a scene whose WGS 84 bounds agree with GDAL within half a pixel, or a 4xx
 * whose one-line message names what is unsupported and why.
 *
 * Expected bounds: GDAL 3.6.2 `osr.CoordinateTransformation.TransformBounds(…, 21)` (edges
 * densified with 21 points, poles handled) of the raster extent to EPSG:4326, rounded to 1e-7°.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, uploadScene, type SceneJson, type TestServer } from './api-helpers.js';
import { sharedDataFile } from './helpers/shared-data.js';

const DIR = 'geotiff-edge-cases';
const PER_FILE_MS = 10_000;
const METRES_PER_DEGREE = 111_320;

interface UploadCase {
  file: string;
  bands: number;
  bounds: readonly [number, number, number, number];
  /** Half a pixel in degrees (pixel size in metres / 111 320 / 2 for projected CRSs). */
  halfPixelDeg: number;
}

const half = (pixelM: number): number => Math.max(1e-6, pixelM / METRES_PER_DEGREE / 2);

const UPLOADS: readonly UploadCase[] = [
  {
    file: 'RGB.byte.tif',
    bands: 3,
    bounds: [-78.95865, 23.5649912, -76.5749237, 25.5508738],
    halfPixelDeg: half(300),
  },
  {
    file: 'rgb_deflate.tif',
    bands: 3,
    bounds: [-78.95865, 23.5649912, -76.5749237, 25.5508738],
    halfPixelDeg: half(300),
  },
  {
    file: 'rgb_lzw.tif',
    bands: 3,
    bounds: [-78.95865, 23.5649912, -76.5749237, 25.5508738],
    halfPixelDeg: half(300),
  },
  {
    file: 'DEM_BS28_2016_1000_1141.tif',
    bands: 1,
    bounds: [173.9596469, -41.8892014, 173.960439, -41.8869977],
    halfPixelDeg: half(1),
  },
  {
    file: 'derived/DEM_BS28_2016_1000_1141_LERC_DEFLATE.tif',
    bands: 1,
    bounds: [173.9596469, -41.8892014, 173.960439, -41.8869977],
    halfPixelDeg: half(1),
  },
  {
    file: 'MCD43A4.A2017006.h21v11.006.2017018074804_B01.TIF',
    bands: 1,
    bounds: [31.9253332, -30.0, 46.1880215, -20.0],
    halfPixelDeg: half(4633),
  },
  {
    file: 'all-nodata.tif',
    bands: 4,
    bounds: [-16.4664731, 14.4362376, -16.4640571, 14.503362],
    halfPixelDeg: half(3),
  },
  {
    file: 'bremen_sea_ice_conc_2022_9_9.tif',
    bands: 1,
    bounds: [-180.0, -90.0, 180.0, -39.3633549],
    halfPixelDeg: half(6250),
  },
  {
    file: 'byte.tif',
    bands: 1,
    bounds: [-117.6420428, 33.8915461, -117.6289846, 33.9024353],
    halfPixelDeg: half(60),
  },
  {
    file: 'cog_int16.tif',
    bands: 1,
    bounds: [-61.2876244, 72.229798, -52.3015987, 74.66298],
    halfPixelDeg: half(100),
  },
  {
    file: 'cogeo.tif',
    bands: 3,
    bounds: [128.6553955, 37.6664292, 128.6608887, 37.6707774],
    halfPixelDeg: half(0.6),
  },
  { file: 'green.tif', bands: 3, bounds: [0.0, -32.0, 32.0, 0.0], halfPixelDeg: 0.25 },
  {
    file: 'image_webp.tif',
    bands: 3,
    bounds: [-61.5673828, 16.2252236, -61.5618897, 16.2304979],
    halfPixelDeg: half(1.19),
  },
  {
    file: 'image_with_offsets.tif',
    bands: 1,
    bounds: [126.7244718, 36.9366419, 127.9868749, 37.9431112],
    halfPixelDeg: half(429),
  },
  { file: 'inverted_lat.tif', bands: 1, bounds: [-180.0, -90.0, 180.0, 90.0], halfPixelDeg: 0.25 },
  {
    file: 'nt_20201024_f18_nrt_s.tif',
    bands: 1,
    bounds: [-180.0, -90.0, 180.0, -39.2308884],
    halfPixelDeg: half(25_000),
  },
  {
    file: 'rgba8_cog.tiff',
    bands: 4,
    bounds: [0.0, -0.0005749, 0.0005749, 0.0],
    halfPixelDeg: half(1),
  },
  {
    file: 'test_esri_wkt.tif',
    bands: 1,
    bounds: [-96.1767947, 44.3065255, -96.1765428, 44.3067053],
    halfPixelDeg: half(10),
  },
  {
    file: 'wind_direction.tif',
    bands: 1,
    bounds: [140.8732175, -37.6350006, 154.7064182, -27.9850002],
    halfPixelDeg: 0.03,
  },
  { file: 'world.byte.tif', bands: 1, bounds: [-180.0, -75.0, 180.0, 75.0], halfPixelDeg: 0.0625 },
];

const REFUSALS: readonly { file: string; status: number; message: string }[] = [
  {
    file: 'cog_gcps.tif',
    status: 415,
    message:
      'cog_gcps.tif: no affine georeferencing: 210 ground control points (ModelTiepoint) and ' +
      'no ModelPixelScale or ModelTransformation; GCP-only georeferencing is not supported',
  },
  {
    file: 'BigTIFF.tif',
    status: 415,
    message:
      'BigTIFF.tif: no affine georeferencing: no ModelTiepoint, ModelPixelScale or ' +
      'ModelTransformation tag (and no GCPs)',
  },
  {
    file: 'big_cog.tiff',
    status: 415,
    message: 'big_cog.tiff: no affine georeferencing: no ModelTiepoint',
  },
  {
    file: 'corrupt.tif',
    status: 400,
    message:
      'corrupt.tif: tile 3 (bytes 260000–307086) lies past the end of the file (298232 bytes): ' +
      'the file is truncated or corrupt',
  },
  {
    file: 'rotated.tif',
    status: 422,
    message: 'rotated.tif: no GeoKeys (GeoKeyDirectory tag absent)',
  },
  {
    file: 'float_nan.tif',
    status: 422,
    message: 'float_nan.tif: no GeoKeys (GeoKeyDirectory tag absent)',
  },
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

async function upload(file: string, bytes?: Uint8Array<ArrayBuffer>): Promise<Response> {
  const content = bytes ?? (await readFile(sharedDataFile(`${DIR}/${file}`)));
  return uploadScene(server.url, [{ name: path.basename(file), bytes: content }]);
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('uploading every edge-case GeoTIFF', () => {
  for (const c of UPLOADS) {
    it(`makes a scene of ${c.file} on GDAL's bounds`, { timeout: PER_FILE_MS }, async () => {
      const response = await upload(c.file);
      expect(response.status).toBe(201);
      const scene = (await response.json()) as SceneJson;
      expect(scene.bands).toHaveLength(c.bands);
      scene.bounds.forEach((value, i) => {
        expect(Math.abs(value - (c.bounds[i] ?? NaN)), `bounds[${i}]`).toBeLessThanOrEqual(
          c.halfPixelDeg,
        );
      });
    });
  }

  for (const c of REFUSALS) {
    it(`refuses ${c.file} with ${c.status} and the reason`, { timeout: PER_FILE_MS }, async () => {
      const response = await upload(c.file);
      expect(response.status).toBe(c.status);
      const { message } = await errorOf(response);
      expect(message.startsWith(c.message), message).toBe(true);
      expect(message).not.toContain('\n');
    });
  }
});

describe('uploading a truncated GeoTIFF', () => {
  it('refuses a file cut in its strips, naming the first strip past the cut', async () => {
    // image_webp.tif has its IFD at byte 8, so the cut leaves the header and tag index whole.
    const bytes = await readFile(sharedDataFile(`${DIR}/image_webp.tif`));
    const cut = bytes.subarray(0, 60_000);
    const response = await upload('cut_webp.tif', cut);
    expect(response.status).toBe(400);
    const { code, message } = await errorOf(response);
    expect(code).toBe('INVALID_TIFF');
    expect(message).toMatch(
      /^cut_webp\.tif: strip \d+ \(bytes \d+–\d+\) lies past the end of the file \(60000 bytes\): the file is truncated or corrupt$/,
    );
  });

  it('refuses a file cut inside its first IFD, saying where', async () => {
    const bytes = await readFile(sharedDataFile(`${DIR}/image_webp.tif`));
    const response = await upload('cut_webp.tif', bytes.subarray(0, 64));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(
      /^cut_webp\.tif: truncated: IFD 0 \(at byte \d+\) is cut by the end of the file \(64 bytes\)$/,
    );
  });
});

describe('a decoder fault in one upload', () => {
  it(
    'does not affect a good upload running at the same time',
    { timeout: PER_FILE_MS },
    async () => {
      const [bad, good, worse] = await Promise.all([
        upload('corrupt.tif'),
        upload('rgb_lzw.tif'),
        upload(
          'cut_rgb.tif',
          (await readFile(sharedDataFile(`${DIR}/rgb_lzw.tif`))).subarray(0, 300_000),
        ),
      ]);
      expect(bad.status).toBe(400);
      expect(good.status).toBe(201);
      expect(worse.status).toBe(400);
      expect(((await good.json()) as SceneJson).bands).toHaveLength(3);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    },
  );
});
