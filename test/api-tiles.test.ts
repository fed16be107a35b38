/**
 * The tile service end to end: band math (NDVI of the Landsat 8 scene checked against its raw
 * DNs), automatic rescale, categorical colormaps, ETag revalidation, the point query over all
 * bands, statistics and histograms, and the tile size the map is told (reported fault B09).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromFile } from 'geotiff';
import proj4 from 'proj4';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneJson, TestServer } from './api-helpers.js';
import {
  centreOf,
  json,
  L1_DIR,
  partsFrom,
  requireData,
  startTestServer,
  tileOf,
  uploadScene,
} from './api-helpers.js';

const L1_FILES = ['l8_B4.tif', 'l8_B5.tif', 'l8_B10.tif', 'l8_B11.tif', 'l8_MTL.txt'];
const NDVI = '(B5-B4)/(B5+B4)';
const FAULTS_DIR = '../shared/data/reported-faults';

/** Raw DN of band file `name` at (row, col), read with geotiff.js (not our reader). */
async function rawDn(name: string, row: number, col: number): Promise<number> {
  const image = await (await fromFile(path.join(L1_DIR, name))).getImage();
  const window = [col, row, col + 1, row + 1];
  const [band] = (await image.readRasters({ window, samples: [0] })) as unknown as number[][];
  return band![0]!;
}

/** WGS 84 lon/lat of the centre of pixel (row, col) of the UTM 16N scene grid (gdalinfo). */
function pixelCentreLonLat(row: number, col: number): { lon: number; lat: number } {
  const x = 452_475 + (col + 0.5) * 30;
  const y = 3_408_645 - (row + 0.5) * 30;
  const [lon, lat] = proj4('+proj=utm +zone=16 +datum=WGS84 +units=m +no_defs', 'WGS84', [x, y]);
  return { lon, lat };
}

interface ErrorJson {
  error: { code: string; message: string };
}

describe('band math, rescale, cache and points on the Landsat 8 Level-1 scene', () => {
  let server: TestServer;
  let scene: SceneJson;
  let sceneUrl: string;

  beforeAll(async () => {
    requireData(L1_DIR);
    server = await startTestServer();
    const response = await uploadScene(server.url, await partsFrom(L1_DIR, L1_FILES));
    expect(response.status).toBe(201);
    scene = await json<SceneJson>(response);
    sceneUrl = `${server.url}/api/scenes/${scene.id}`;
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('answers the NDVI of a known pixel as computed from its raw B4 and B5 DNs', async () => {
    const [b4, b5] = [await rawDn('l8_B4.tif', 300, 300), await rawDn('l8_B5.tif', 300, 300)];
    expect([b4, b5]).toEqual([10296, 18355]);
    const { lon, lat } = pixelCentreLonLat(300, 300);
    const query = `lon=${lon}&lat=${lat}&expression=${encodeURIComponent(NDVI)}`;
    const point = await json<{ expression: { expression: string; value: number; unit: null } }>(
      fetch(`${sceneUrl}/point?${query}`),
    );
    expect(point.expression.expression).toBe('((B5 - B4) / (B5 + B4))');
    expect(point.expression.value).toBeCloseTo((b5 - b4) / (b5 + b4), 6); // 0.281327
    expect(point.expression.unit).toBeNull();
  });

  it('answers every band of the scene at a point, in DN, and null "outside" off the scene', async () => {
    const { lon, lat } = pixelCentreLonLat(300, 300);
    const point = await json<{ bands: { name: string; value: number | null; unit: string }[] }>(
      fetch(`${sceneUrl}/point?lon=${lon}&lat=${lat}`),
    );
    expect(point.bands.map((band) => band.name)).toEqual(['B4', 'B5', 'B10', 'B11']);
    expect(point.bands[0]).toEqual({ name: 'B4', value: 10296, unit: 'DN' });
    expect(point.bands[1]).toEqual({ name: 'B5', value: 18355, unit: 'DN' });
    const b10 = await rawDn('l8_B10.tif', 300, 300);
    expect(point.bands[2]).toEqual({ name: 'B10', value: b10, unit: 'DN' });

    const far = await json<{ bands: unknown[]; products: unknown[] }>(
      fetch(`${sceneUrl}/point?lon=10&lat=45`),
    );
    expect(far.bands[0]).toEqual({ name: 'B4', value: null, reason: 'outside', unit: 'DN' });
    expect(far.products).toEqual([]);
  });

  it('gives NDVI statistics over every pixel (the scene is under 1024 px) equal to numpy', async () => {
    const stats = await json<Record<string, unknown>>(
      fetch(`${sceneUrl}/statistics?bins=4&expression=${encodeURIComponent(NDVI)}`),
    );
    // numpy over GDAL's DNs, float32 NDVI: 378081 values, min -0.274572, max 0.556691,
    // mean 0.293810, std 0.056885, percentiles 2/50/98 = 0.174414, 0.295289, 0.398593.
    expect(stats).toMatchObject({ validCount: 378_081, totalCount: 378_081 });
    expect(stats.min).toBeCloseTo(-0.274572, 5);
    expect(stats.max).toBeCloseTo(0.556691, 5);
    expect(stats.mean).toBeCloseTo(0.29381, 5);
    expect(stats.std).toBeCloseTo(0.056885, 5);
    expect(stats.p2).toBeCloseTo(0.174414, 5);
    expect(stats.median).toBeCloseTo(0.295289, 5);
    expect(stats.p98).toBeCloseTo(0.398593, 5);
    expect(stats.read).toMatchObject({ level: 0, width: 627, height: 603, fullResolution: true });
    const histogram = stats.histogram as { counts: number[]; edges: number[] };
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(378_081);
    expect(histogram.edges).toHaveLength(5);
  });

  it('rescales an expression tile by default to its own p2–p98 (the same tile as explicit limits)', async () => {
    const { x, y } = tileOf(centreOf(scene.bounds).lon, centreOf(scene.bounds).lat, 12);
    const expression = encodeURIComponent(NDVI);
    const tileUrl = `${sceneUrl}/tiles/12/${x}/${y}.png?expression=${expression}`;
    const automatic = await fetch(`${tileUrl}&colormap_name=greys`);
    expect(automatic.status).toBe(200);
    const png = Buffer.from(await automatic.arrayBuffer());
    expect((await sharp(png).metadata()).width).toBe(256);

    const stats = await json<{ p2: number; p98: number }>(
      fetch(`${sceneUrl}/statistics?expression=${expression}`),
    );
    const explicit = await fetch(`${tileUrl}&colormap_name=greys&rescale=${stats.p2},${stats.p98}`);
    expect(explicit.headers.get('etag')).toBe(automatic.headers.get('etag'));
    const other = await fetch(`${tileUrl}&colormap_name=greys&rescale=-1,1`);
    expect(other.headers.get('etag')).not.toBe(automatic.headers.get('etag'));
  });

  it('revalidates a tile with its ETag: 304 with the same ETag and Cache-Control', async () => {
    const { x, y } = tileOf(centreOf(scene.bounds).lon, centreOf(scene.bounds).lat, 13);
    const url = `${sceneUrl}/tiles/13/${x}/${y}.png?expression=${encodeURIComponent(NDVI)}`;
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');

    for (const header of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const again = await fetch(url, { headers: { 'if-none-match': header } });
      expect(again.status, header).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toBe('public, max-age=3600');
    }
    const stale = await fetch(url, { headers: { 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it('keys cached tiles by every style parameter: resampling, expression and bidx differ', async () => {
    const { x, y } = tileOf(centreOf(scene.bounds).lon, centreOf(scene.bounds).lat, 15);
    const base = `${sceneUrl}/tiles/15/${x}/${y}.png`;
    const etag = async (query: string): Promise<string | null> =>
      (
        await fetch(`${base}?${query.includes('rescale') ? '' : 'rescale=0,0.5&'}${query}`)
      ).headers.get('etag');
    const ndvi = `expression=${encodeURIComponent(NDVI)}`;
    const nearest = await etag(ndvi);
    expect(await etag(`${ndvi}&resampling=bilinear`)).not.toBe(nearest);
    expect(await etag(`expression=${encodeURIComponent('(B5-B4)/(B5+B4)*0.5')}`)).not.toBe(nearest);
    expect(await etag(ndvi.replace('%2B', '%2B%20'))).toBe(nearest);
    expect(await etag('bidx=1&rescale=8000,12000')).not.toBe(
      await etag('bidx=2&rescale=8000,12000'),
    );
  });

  it('refuses bad expressions with 400 and a one-line reason', async () => {
    const tile = `${sceneUrl}/tiles/12/1063/1680.png?expression=`;
    const cases: [string, string][] = [
      [
        '(B5-B7)/2',
        "expression '(B5-B7)/2': unknown band 'B7' at character 5; bands: B4, B5, B10, B11",
      ],
      ['(B5-B4', "expression '(B5-B4': expected ')' at character 7, found the end"],
      ['B5;drop', "expression 'B5;drop': unexpected character ';' at character 3"],
      ['B5+'.repeat(100), 'expression of 300 characters is longer than 256'],
    ];
    for (const [expression, message] of cases) {
      const response = await fetch(`${tile}${encodeURIComponent(expression)}`);
      expect(response.status).toBe(400);
      const body = await json<ErrorJson>(response);
      expect(body.error).toEqual({ code: 'INVALID_PARAMETER', message });
    }
    const both = await fetch(`${sceneUrl}/tilejson.json?bidx=1&expression=B4`);
    expect(both.status).toBe(400);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('serves TileJSON of an expression declaring 256 px tiles and carrying the expression', async () => {
    const tilejson = await json<{ tiles: string[]; tileSize: number; name: string }>(
      fetch(
        `${sceneUrl}/tilejson.json?expression=${encodeURIComponent(NDVI)}&colormap_name=viridis`,
      ),
    );
    expect(tilejson.tileSize).toBe(256);
    expect(tilejson.name).toBe('((B5 - B4) / (B5 + B4))');
    expect(tilejson.tiles).toEqual([
      `${sceneUrl}/tiles/{z}/{x}/{y}.png?expression=%28B5-B4%29%2F%28B5%2BB4%29&colormap_name=viridis&resampling=nearest`,
    ]);
  });
});

describe('statistics, histograms and categorical colours of a small known raster', () => {
  const fileName = 'b04_byte_nodata_zero.tif';
  let server: TestServer;
  let bandUrl: string;

  beforeAll(async () => {
    requireData(FAULTS_DIR);
    server = await startTestServer();
    const response = await uploadScene(server.url, await partsFrom(FAULTS_DIR, [fileName]));
    expect(response.status).toBe(201);
    const scene = await json<SceneJson>(response);
    bandUrl = `${server.url}/api/scenes/${scene.id}/bands/${scene.bands[0]!.name}`;
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('counts the histogram of the 192 valid pixels as numpy does, noData 0 left out', async () => {
    const stats = await json<Record<string, unknown>>(fetch(`${bandUrl}/statistics?bins=4`));
    // GDAL + numpy: 192 valid of 256; mean 84.666667, std 59.030124, min 1, max 200;
    // np.percentile 2/50/98 = 4.82, 72.5, 192.9; np.histogram(bins=4) = [74, 42, 38, 38]
    // over edges [1, 50.75, 100.5, 150.25, 200].
    expect(stats).toMatchObject({ validCount: 192, totalCount: 256, min: 1, max: 200 });
    expect(stats.mean).toBeCloseTo(84.666667, 5);
    expect(stats.std).toBeCloseTo(59.030124, 5);
    expect(stats.p2).toBeCloseTo(4.82, 6);
    expect(stats.median).toBeCloseTo(72.5, 6);
    expect(stats.p98).toBeCloseTo(192.9, 6);
    expect(stats.histogram).toEqual({
      counts: [74, 42, 38, 38],
      edges: [1, 50.75, 100.5, 150.25, 200],
    });
    expect(stats.read).toMatchObject({ level: 0, fullResolution: true, sampled: false });
  });

  it('refuses a bin count outside 1..1024 with 400', async () => {
    const response = await fetch(`${bandUrl}/statistics?bins=5000`);
    expect(response.status).toBe(400);
  });

  it('draws an inline categorical colormap: listed classes in their colour, others transparent', async () => {
    const colormap = encodeURIComponent(JSON.stringify({ '200': '#ff0000', '1': [0, 0, 255] }));
    const tilejson = await json<{ tiles: string[]; bounds: number[] }>(
      fetch(`${bandUrl}/tilejson.json`),
    );
    // Every z16 tile over the 480 m raster: value 200 is pixel (12, 7) and 1 is (12, 8).
    const [west, south, east, north] = tilejson.bounds as [number, number, number, number];
    const [min, max] = [tileOf(west, north, 16), tileOf(east, south, 16)];
    const colours = new Set<string>();
    for (let x = min.x; x <= max.x; x++) {
      for (let y = min.y; y <= max.y; y++) {
        const response = await fetch(`${bandUrl}/tiles/16/${x}/${y}.png?colormap=${colormap}`);
        expect(response.status).toBe(200);
        const { data } = await sharp(Buffer.from(await response.arrayBuffer()))
          .ensureAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] !== 0) colours.add(data.subarray(i, i + 4).join(','));
        }
      }
    }
    expect([...colours].sort()).toEqual(['0,0,255,255', '255,0,0,255']);
    const { x, y } = min;

    const bad = await fetch(
      `${bandUrl}/tiles/16/${x}/${y}.png?colormap=${encodeURIComponent('{"a":"#ff0000"}')}`,
    );
    expect(bad.status).toBe(400);
    expect((await json<ErrorJson>(bad)).error.message).toBe(
      "colormap key 'a' is not an integer class id",
    );
  });

  it('lists continuous and categorical colormaps with legend data', async () => {
    const list = await json<{ name: string; type: string; stops: string[]; classes?: unknown[] }[]>(
      fetch(`${server.url}/api/colormaps`),
    );
    expect(list.filter((map) => map.type === 'continuous').map((map) => map.name)).toEqual([
      'viridis',
      'inferno',
      'magma',
      'plasma',
      'turbo',
      'RdYlBu_r',
      'coolwarm',
      'greys',
    ]);
    const landcover = list.find((map) => map.name === 'landcover');
    expect(landcover?.type).toBe('categorical');
    expect(landcover?.classes).toHaveLength(7);
    expect(landcover?.classes?.[5]).toEqual({ value: 6, label: 'water', color: '#466b9f' });
  });
});

describe('reported fault B09: the raster source declares the tile size actually served', () => {
  let server: TestServer;
  let sceneUrl: string;

  beforeAll(async () => {
    requireData(FAULTS_DIR);
    server = await startTestServer();
    const parts = await partsFrom(FAULTS_DIR, ['b10_float32_half_nodata_4326.tif']);
    const scene = await json<SceneJson>(uploadScene(server.url, parts));
    sceneUrl = `${server.url}/api/scenes/${scene.id}`;
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it("serves PNGs as wide as TileJSON's tileSize and the frontend's raster source", async () => {
    const fault = JSON.parse(
      await readFile(path.join(FAULTS_DIR, 'b09_maplibre_raster_tilesize.json'), 'utf8'),
    ) as { served_tile_png_width_px: number };
    const tilejson = await json<{ tileSize: number }>(fetch(`${sceneUrl}/tilejson.json`));
    const { x, y } = tileOf(10.1, 44.95, 12);
    const png = Buffer.from(
      await (await fetch(`${sceneUrl}/tiles/12/${x}/${y}.png`)).arrayBuffer(),
    );
    const { width, height } = await sharp(png).metadata();
    expect([width, height]).toEqual([256, 256]);
    expect(width).toBe(fault.served_tile_png_width_px);
    expect(tilejson.tileSize).toBe(width);

    // The product overlay is built from the tile URL, so its source must say the size itself;
    // the band-math source takes it from the TileJSON (checked above to equal the PNG width).
    const mapSource = await readFile('frontend/src/map.ts', 'utf8');
    const rasterSources = [...mapSource.matchAll(/addSource\([^{]*\{([^}]*)\}/g)]
      .map((match) => match[1]!)
      .filter((body) => /type:\s*'raster'/.test(body));
    expect(rasterSources).toHaveLength(2);
    const declared = rasterSources.map((body) => /tileSize:\s*([\w.]+)/.exec(body)?.[1]);
    expect(declared).toEqual([String(width), 'options.tileSize']);
    const bandMath = await readFile('frontend/src/band-math.ts', 'utf8');
    expect(bandMath).toMatch(/showMathOverlay\(this\.map, \{ \.\.\.tileJson/);
  });
});
