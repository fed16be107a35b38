/**
 * Zonal statistics over HTTP: B10 (fully masked zones answer count 0 and null statistics with
 * 200), a polygon with a hole over a real Landsat band checked against GDAL, CSV, bad input.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneJson, TestServer } from './api-helpers.js';
import {
  json,
  L1_DIR,
  partsFrom,
  postJson,
  requireData,
  startTestServer,
  uploadScene,
} from './api-helpers.js';
import { sharedDataFile } from './helpers/shared-data.js';

interface ZoneJson {
  name: string | null;
  pixelCount: number;
  validCount: number;
  coverage: number | null;
  areaM2: number;
  bands: Record<
    string,
    {
      count: number;
      min: number | null;
      max: number | null;
      mean: number | null;
      median: number | null;
      p98: number | null;
    }
  >;
}

/**
 * A pentagon with a hole in EPSG:32616 over the Landsat 8 crop. Expected values from GDAL 3.6.2:
 * `gdal.Rasterize` of this polygon (pixel-centre rule) onto l8_B10.tif's grid in memory, then
 * numpy over the B10 DNs ≠ 0 (the L1 fill): 158 886 pixels, mean 22575.7381015319, min 12817,
 * max 29699, median 22875.
 */
const PENTAGON_32616 = {
  type: 'Feature',
  properties: { name: 'pentagon with hole' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [455010.3, 3392020.7],
        [466533.1, 3393511.9],
        [469876.4, 3401234.5],
        [461111.2, 3407012.8],
        [454321.9, 3400444.4],
        [455010.3, 3392020.7],
      ],
      [
        [459000.5, 3398000.2],
        [463000.7, 3398500.1],
        [462500.3, 3402100.9],
        [459300.8, 3401700.4],
        [459000.5, 3398000.2],
      ],
    ],
  },
};

describe('zonal statistics over the HTTP API', () => {
  let server: TestServer;
  let faultScene: SceneJson;
  let landsat: SceneJson;

  beforeAll(async () => {
    requireData(L1_DIR);
    server = await startTestServer();
    const tif = sharedDataFile('reported-faults/b10_float32_half_nodata_4326.tif');
    const faultUpload = await uploadScene(server.url, [
      { name: 'b10_float32_half_nodata_4326.tif', bytes: await readFile(tif) },
    ]);
    expect(faultUpload.status).toBe(201);
    faultScene = (await faultUpload.json()) as SceneJson;
    const upload = await uploadScene(
      server.url,
      await partsFrom(L1_DIR, ['l8_B10.tif', 'l8_B11.tif', 'l8_MTL.txt']),
    );
    expect(upload.status).toBe(201);
    landsat = (await upload.json()) as SceneJson;
  });

  afterAll(async () => {
    await server?.dispose();
  });

  const zonal = (sceneId: string, body: unknown, query = ''): Promise<Response> =>
    postJson(`${server.url}/api/scenes/${sceneId}/zonal-statistics${query}`, body);

  it('answers B10’s all-nodata and outside zones with count 0 and null statistics, not a 5xx', async () => {
    const geojson = JSON.parse(
      await readFile(sharedDataFile('reported-faults/b10_zones_all_nodata.geojson'), 'utf8'),
    ) as unknown;
    const response = await zonal(faultScene.id, { geojson });
    expect(response.status).toBe(200);
    const { zones } = (await response.json()) as { zones: ZoneJson[] };

    const [allNoData, outside, half] = zones;
    expect(allNoData).toMatchObject({ name: 'all-nodata zone', pixelCount: 36, validCount: 0 });
    expect(allNoData!.bands.b1).toMatchObject({
      count: 0,
      min: null,
      max: null,
      mean: null,
      median: null,
      p98: null,
    });
    expect(outside).toMatchObject({
      name: 'outside raster',
      pixelCount: 0,
      validCount: 0,
      coverage: 0,
    });
    expect(outside!.bands.b1).toMatchObject({ count: 0, mean: null });
    expect(half).toMatchObject({ name: 'half valid (control)', pixelCount: 60, validCount: 30 });
    expect(half!.bands.b1!.mean).toBeCloseTo(300.97, 2);
    expect(half!.bands.b1!.min).toBeCloseTo(300.45, 2);
    expect(half!.bands.b1!.max).toBeCloseTo(301.49, 2);
  });

  it('matches GDAL’s rasterisation and numpy’s mean for a holed polygon over Landsat B10', async () => {
    const response = await zonal(landsat.id, {
      geojson: PENTAGON_32616,
      crs: 'EPSG:32616',
      bands: ['B10'],
    });
    expect(response.status).toBe(200);
    const { zones } = (await response.json()) as { zones: ZoneJson[] };
    const b10 = zones[0]!.bands.B10!;
    expect(zones[0]!.pixelCount).toBe(158_886);
    expect(b10.count).toBe(158_886);
    expect(Math.abs(b10.mean! - 22575.7381015319)).toBeLessThan(1e-6);
    expect([b10.min, b10.max, b10.median]).toEqual([12817, 29699, 22875]);
    expect(Object.keys(zones[0]!.bands)).toEqual(['B10']);
  });

  it('answers one CSV row per zone × band', async () => {
    const response = await zonal(
      landsat.id,
      { geojson: PENTAGON_32616, crs: 'EPSG:32616' },
      '?format=csv',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^zone_index,name,id,band,unit,pixel_count,valid_count/);
    expect(lines[1]).toMatch(/^0,"pentagon with hole",,"B10","DN",158886,158886,0,/);
  });

  it('refuses bad zones with a 400 naming the problem, and keeps serving', async () => {
    const cases: [unknown, RegExp][] = [
      [{ geojson: { type: 'Point', coordinates: [0, 0] } }, /geometry type 'Point' is not a zone/],
      [{ geojson: { type: 'Polygon', coordinates: [] } }, /at least one ring/],
      [
        {
          geojson: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
        /2 distinct positions/,
      ],
      [
        {
          geojson: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [200, 0],
                [0, 1],
              ],
            ],
          },
        },
        /outside longitude/,
      ],
      [{ geojson: PENTAGON_32616, crs: 'EPSG:32699' }, /crs 'EPSG:32699' is unknown/],
      [{ geojson: PENTAGON_32616, crs: 'wgs84' }, /crs 'wgs84' is not of the form EPSG/],
      [{}, /geojson/],
    ];
    for (const [body, message] of cases) {
      const response = await zonal(faultScene.id, body);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(error.message).toMatch(message);
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('closes an unclosed ring and accepts bodies over the 1 MB default up to 5 MB', async () => {
    const ring = Array.from({ length: 60_000 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 60_000;
      return [10.1 + 0.05 * Math.cos(angle), 44.95 + 0.04 * Math.sin(angle)];
    });
    const body = { geojson: { type: 'Polygon', coordinates: [ring] } };
    expect(JSON.stringify(body).length).toBeGreaterThan(1_100_000);
    const zone = (await json<{ zones: ZoneJson[] }>(zonal(faultScene.id, body))).zones[0]!;
    expect(zone.pixelCount).toBeGreaterThan(50);
  });

  it('answers a rectangle with a repeated vertex (200) with the pixels of the plain rectangle', async () => {
    const rectangle = [
      [-87.46, 30.7],
      [-87.42, 30.7],
      [-87.42, 30.74],
      [-87.46, 30.74],
      [-87.46, 30.7],
    ];
    const repeated = [rectangle[0], rectangle[1], rectangle[1], ...rectangle.slice(2)];
    const answer = async (ring: unknown[]): Promise<ZoneJson> => {
      const response = await zonal(landsat.id, {
        geojson: { type: 'Polygon', coordinates: [ring] },
        bands: ['B10'],
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { zones: ZoneJson[] }).zones[0]!;
    };
    const [plain, withRepeat] = [await answer(rectangle), await answer(repeated)];
    expect(plain.pixelCount).toBeGreaterThan(18_000);
    expect(withRepeat.pixelCount).toBe(plain.pixelCount);
    expect(withRepeat.areaM2).toBe(plain.areaM2);
    expect(withRepeat.bands.B10!.mean).toBe(plain.bands.B10!.mean);
  });

  it('refuses a 1,001-vertex star in well under a second while /api/health still answers', async () => {
    const star = Array.from({ length: 1001 }, (_, i) => {
      const angle = (2 * Math.PI * i * 500) / 1001;
      return [-87.44 + 0.02 * Math.cos(angle), 30.72 + 0.02 * Math.sin(angle)];
    });
    const started = performance.now();
    const refused = zonal(landsat.id, { geojson: { type: 'Polygon', coordinates: [star] } }).then(
      (response) => ({ response, elapsedMs: performance.now() - started }),
    );
    const health = fetch(`${server.url}/api/health`);
    const [{ response, elapsedMs }, healthResponse] = await Promise.all([refused, health]);
    const { error } = (await response.json()) as { error: { message: string } };

    expect(response.status).toBe(400);
    expect(error.message).toBe(
      'zone 0, polygon 0, ring 0 crosses itself 499499 times; the limit is 64 ' +
        'self-intersections per ring (simplify or split it)',
    );
    expect(elapsedMs).toBeLessThan(1000);
    expect(healthResponse.status).toBe(200);
  });
});
