/**
 * The HTTP API end to end: a real server on port 0 with a temp data dir, real Landsat files
 * uploaded with fetch + FormData, LST retrieved by jobs, and the results checked against GDAL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobJson, ProductJson, SceneJson, TestServer } from './api-helpers.js';
import {
  alphaOf,
  centreOf,
  finiteValues,
  json,
  L1_DIR,
  median,
  partsFrom,
  postJson,
  requireData,
  retrieve,
  startTestServer,
  tileOf,
  uploadScene,
  waitForJob,
} from './api-helpers.js';

const L1_FILES = ['l8_B4.tif', 'l8_B5.tif', 'l8_B10.tif', 'l8_B11.tif', 'l8_MTL.txt'];

describe('the HTTP API on a Landsat 8 Level-1 scene', () => {
  let server: TestServer;
  let scene: SceneJson;
  let splitWindow: JobJson;
  const logLines: string[] = [];

  beforeAll(async () => {
    requireData(L1_DIR);
    server = await startTestServer({ logLines });
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('accepts the band files and the MTL as one scene (201) with its grid and bands', async () => {
    const response = await uploadScene(server.url, await partsFrom(L1_DIR, L1_FILES));
    expect(response.status).toBe(201);
    scene = await json<SceneJson>(response);

    expect(scene).toMatchObject({
      sensor: 'landsat8-oli-tirs',
      level: 'L1',
      width: 627,
      height: 603,
    });
    expect(scene.crs.epsg).toBe(32616);
    expect(scene.crs.name).toBe('WGS 84 / UTM zone 16N');
    expect(scene.bands.map((band) => band.name)).toEqual(['B4', 'B5', 'B10', 'B11']);
    expect(scene.bands.map((band) => band.fileName)).toEqual(L1_FILES.slice(0, 4));
    // gdalinfo: upper left 87d29'48.61"W 30d48'35.80"N, lower right 87d17'58.88"W 30d38'50.34"N.
    const [west, south, east, north] = scene.bounds;
    expect(west).toBeCloseTo(-87.4968, 3);
    expect(south).toBeCloseTo(30.6467, 3);
    expect(east).toBeCloseTo(-87.2997, 3);
    expect(north).toBeCloseTo(30.8106, 3);
    // Warnings name the files the client sent, never the stored names.
    expect(scene.warnings.map((warning) => warning.code)).toContain('NODATA_UNSET');
    expect(scene.warnings.every((warning) => !/\b\d\d_l8_/.test(warning.message))).toBe(true);
  });

  it('logs the upload warnings with the file names the client sent', () => {
    const logged = logLines.map((line) => JSON.parse(line) as { code?: string; msg: string });
    const nodata = logged.find((line) => line.code === 'NODATA_UNSET');
    expect(nodata?.msg).toMatch(/^l8_B\d+\.tif: no noData value is set \(and 3 more files\)$/);
    expect(logLines.filter((line) => /\b\d\d_l8_/.test(line))).toEqual([]);
  });

  it('lists the scene and shows it by id', async () => {
    const list = await json<SceneJson[]>(fetch(`${server.url}/api/scenes`));
    expect(list.map((item) => item.id)).toEqual([scene.id]);
    const one = await json<SceneJson>(fetch(`${server.url}/api/scenes/${scene.id}`));
    expect(one).toEqual(list[0]);
  });

  it('retrieves split-window LST as a job that succeeds with a product', async () => {
    splitWindow = await retrieve(server.url, scene.id, 'split-window');
    expect(splitWindow).toMatchObject({ type: 'retrieve', state: 'succeeded', progress: 1 });
    expect(splitWindow.result?.productId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes the split-window product with plausible August statistics in kelvin', async () => {
    const product = await json<ProductJson>(
      fetch(`${server.url}/api/products/${splitWindow.result!.productId}`),
    );
    expect(product).toMatchObject({
      sceneId: scene.id,
      product: 'lst',
      method: 'split-window',
      unit: 'K',
    });
    expect(product.bounds).toEqual(scene.bounds);
    expect(product.tilejson).toBe(`${server.url}/api/products/${product.id}/tilejson.json`);
    expect(product.parameters).toMatchObject({ waterVapourGcm2: 2 });
    // Measured: mean 297.71 K, p2 271.23 K, p98 334.93 K (Pensacola, 4 August 2015, 16:19 UTC).
    expect(product.stats.mean).toBeGreaterThan(292);
    expect(product.stats.mean).toBeLessThan(304);
    expect(product.stats.p2).toBeGreaterThan(260);
    expect(product.stats.p98).toBeLessThan(345);
  });

  it('downloads the product as a GeoTIFF whose values GDAL reads at the point the API reports', async () => {
    const productId = splitWindow.result!.productId;
    const response = await fetch(`${server.url}/api/products/${productId}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename=LC80200392015216LGN00_lst_split-window.tif',
    );
    const file = path.join(server.dataDir, 'downloaded.tif');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));

    const info = JSON.parse(
      execFileSync('/usr/bin/gdalinfo', ['-json', '-stats', file], { encoding: 'utf8' }),
    ) as {
      size: number[];
      bands: { description: string; mean: number; noDataValue: unknown }[];
    };
    expect(info.size).toEqual([627, 603]);
    expect(info.bands[0]?.description).toBe('lst (K), method split-window');
    expect(info.bands[0]?.noDataValue).toBe('NaN');

    const values = await finiteValues(file);
    const product = await json<ProductJson>(fetch(`${server.url}/api/products/${productId}`));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeCloseTo(product.stats.mean, 2);
    expect(info.bands[0]!.mean).toBeCloseTo(product.stats.mean, 2);
    // Measured median 296.94 K over all 378,081 pixels (every pixel has a value).
    const medianKelvin = median(values);
    expect(medianKelvin).toBeGreaterThan(290);
    expect(medianKelvin).toBeLessThan(305);
    expect(Math.abs(product.stats.median - medianKelvin)).toBeLessThanOrEqual(0.01);

    const { lon, lat } = centreOf(scene.bounds);
    const point = await json<{ value: number; unit: string }>(
      fetch(`${server.url}/api/products/${productId}/point?lon=${lon}&lat=${lat}`),
    );
    expect(point.unit).toBe('K');
    const gdalValue = Number(
      execFileSync(
        '/usr/bin/gdallocationinfo',
        ['-valonly', '-wgs84', file, String(lon), String(lat)],
        {
          encoding: 'utf8',
        },
      ).trim(),
    );
    expect(point.value).toBeGreaterThan(250);
    expect(Math.abs(point.value - gdalValue)).toBeLessThanOrEqual(0.01);
  });

  it('answers a null value with reason "outside" for a point outside the scene', async () => {
    const productId = splitWindow.result!.productId;
    const point = await json(fetch(`${server.url}/api/products/${productId}/point?lon=10&lat=45`));
    expect(point).toEqual({ value: null, reason: 'outside', unit: 'K' });
    // 0.001° (about 100 m, three pixels) east of the scene's east edge.
    const { lat } = centreOf(scene.bounds);
    const east = scene.bounds[2] + 0.001;
    const beyond = await json(
      fetch(`${server.url}/api/products/${productId}/point?lon=${east}&lat=${lat}`),
    );
    expect(beyond).toEqual({ value: null, reason: 'outside', unit: 'K' });
  });

  it('renders an opaque tile over the scene centre and a fully transparent far tile', async () => {
    const productId = splitWindow.result!.productId;
    const { lon, lat } = centreOf(scene.bounds);
    const centre = tileOf(lon, lat, 12);
    const response = await fetch(
      `${server.url}/api/products/${productId}/tiles/12/${centre.x}/${centre.y}.png`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const centreAlpha = await alphaOf(await response.arrayBuffer());
    expect(centreAlpha.size).toBe('256x256');
    expect(centreAlpha.opaque).toBeGreaterThan(centreAlpha.total / 4);

    const far = tileOf(120, -30, 12);
    const farResponse = await fetch(
      `${server.url}/api/products/${productId}/tiles/12/${far.x}/${far.y}.png`,
    );
    expect(farResponse.status).toBe(200);
    expect((await alphaOf(await farResponse.arrayBuffer())).opaque).toBe(0);

    const again = await fetch(
      `${server.url}/api/products/${productId}/tiles/12/${centre.x}/${centre.y}.png`,
      {
        headers: { 'if-none-match': etag! },
      },
    );
    expect(again.status).toBe(304);
  });

  it('gives a different tile for another colormap and rescale, and refuses an unknown colormap', async () => {
    const productId = splitWindow.result!.productId;
    const { lon, lat } = centreOf(scene.bounds);
    const { x, y } = tileOf(lon, lat, 12);
    const base = `${server.url}/api/products/${productId}/tiles/12/${x}/${y}.png`;
    const inferno = await fetch(base);
    const viridis = await fetch(
      `${base}?colormap_name=viridis&rescale=280,320&resampling=bilinear`,
    );
    expect(viridis.status).toBe(200);
    expect(viridis.headers.get('etag')).not.toBe(inferno.headers.get('etag'));

    const unknown = await fetch(`${base}?colormap_name=rainbowz`);
    expect(unknown.status).toBe(400);
    const body = await json<{ error: { code: string; message: string } }>(unknown);
    expect(body.error.code).toBe('INVALID_PARAMETER');
    expect(body.error.message).toContain('rainbowz');
  });

  it('serves TileJSON 3.0.0 whose tile URL carries the style query', async () => {
    const productId = splitWindow.result!.productId;
    const tilejson = await json<{
      tilejson: string;
      tiles: string[];
      bounds: number[];
      maxzoom: number;
    }>(
      fetch(
        `${server.url}/api/products/${productId}/tilejson.json?colormap_name=viridis&rescale=280,320`,
      ),
    );
    expect(tilejson.tilejson).toBe('3.0.0');
    expect(tilejson.tiles).toEqual([
      `${server.url}/api/products/${productId}/tiles/{z}/{x}/{y}.png?colormap_name=viridis&resampling=nearest&rescale=280%2C320`,
    ]);
    expect(tilejson.bounds).toEqual(scene.bounds);
    // 30 m pixels at 30.7°N: zoom 13 pixels are 16.4 m.
    expect(tilejson.maxzoom).toBe(13);
  });

  it('serves tiles and points of scene bands by name and by bidx', async () => {
    const { lon, lat } = centreOf(scene.bounds);
    const { x, y } = tileOf(lon, lat, 12);
    const byName = await fetch(
      `${server.url}/api/scenes/${scene.id}/bands/B10/tiles/12/${x}/${y}.png`,
    );
    expect(byName.status).toBe(200);
    expect((await alphaOf(await byName.clone().arrayBuffer())).opaque).toBeGreaterThan(10_000);
    const byIndex = await fetch(
      `${server.url}/api/scenes/${scene.id}/tiles/12/${x}/${y}.png?bidx=3`,
    );
    expect(byIndex.headers.get('etag')).toBe(byName.headers.get('etag'));

    const point = await json<{ value: number; unit: string }>(
      fetch(`${server.url}/api/scenes/${scene.id}/bands/B10/point?lon=${lon}&lat=${lat}`),
    );
    const gdalDn = Number(
      execFileSync(
        '/usr/bin/gdallocationinfo',
        ['-valonly', '-wgs84', path.join(L1_DIR, 'l8_B10.tif'), String(lon), String(lat)],
        {
          encoding: 'utf8',
        },
      ).trim(),
    );
    expect(point).toEqual({ value: gdalDn, unit: 'DN' });

    const missing = await fetch(
      `${server.url}/api/scenes/${scene.id}/bands/B7/point?lon=${lon}&lat=${lat}`,
    );
    expect(missing.status).toBe(404);
    expect((await json<{ error: { message: string } }>(missing)).error.message).toBe(
      `band 'B7' not found; scene '${scene.id}' has bands B4, B5, B10, B11`,
    );
  });

  it('streams job progress as server-sent events until the final state', async () => {
    const response = await postJson(`${server.url}/api/scenes/${scene.id}/products`, {
      product: 'lst',
      method: 'single-channel',
    });
    expect(response.status).toBe(202);
    const { jobId } = await json<{ jobId: string }>(response);

    const events = await fetch(`${server.url}/api/jobs/${jobId}/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await events.text();
    const views = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as JobJson);
    expect(views.at(-1)).toMatchObject({ id: jobId, state: 'succeeded', progress: 1 });
    const progress = views.map((view) => view.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('retrieves single-channel LST with plausible statistics', async () => {
    const job = await retrieve(server.url, scene.id, 'single-channel', { waterVapourGcm2: 2 });
    expect(job.state).toBe('succeeded');
    const product = await json<ProductJson>(
      fetch(`${server.url}/api/products/${job.result!.productId}`),
    );
    expect(product).toMatchObject({ method: 'single-channel', unit: 'K' });
    expect(product.parameters).toMatchObject({ waterVapourGcm2: 2, thermalBand: 'B10' });
    // Measured: mean 287.05 K, p2 263.46 K, p98 299.56 K (split-window: 297.71 K mean).
    expect(product.stats.mean).toBeGreaterThan(282);
    expect(product.stats.mean).toBeLessThan(300);
    expect(product.stats.p98).toBeLessThan(310);
  });

  it("lists the scene's products newest first, each as GET /api/products/:id shows it", async () => {
    const list = await json<ProductJson[]>(fetch(`${server.url}/api/scenes/${scene.id}/products`));
    // split-window, then single-channel twice (the event-stream job and the one above).
    expect(list.map((product) => product.method)).toEqual([
      'single-channel',
      'single-channel',
      'split-window',
    ]);
    expect(list.at(-1)!.id).toBe(splitWindow.result!.productId);
    const createdAt = list.map((product) => Date.parse(product.createdAt));
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));
    for (const product of list) {
      expect(await json(fetch(`${server.url}/api/products/${product.id}`))).toEqual(product);
    }
    expect(list.at(-1)!.stats.median).toBeGreaterThan(list.at(-1)!.stats.p2);
    expect(list.at(-1)!.stats.median).toBeLessThan(list.at(-1)!.stats.p98);

    const unknown = await fetch(`${server.url}/api/scenes/no-such-scene/products`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'NOT_FOUND', message: "scene 'no-such-scene' not found" },
    });
  });

  it('cancels a job and refuses to cancel it twice (409)', async () => {
    const request = { product: 'lst', method: 'split-window' };
    const url = `${server.url}/api/scenes/${scene.id}/products`;
    const first = await json<{ jobId: string }>(postJson(url, request));
    const second = await json<{ jobId: string }>(postJson(url, request));

    const cancelled = await fetch(`${server.url}/api/jobs/${second.jobId}/cancel`, {
      method: 'POST',
    });
    expect(cancelled.status).toBe(202);
    expect(await waitForJob(server.url, second.jobId)).toMatchObject({
      state: 'cancelled',
      error: { code: 'CANCELLED', message: 'the job was cancelled' },
    });
    expect((await waitForJob(server.url, first.jobId)).state).toBe('succeeded');

    const twice = await fetch(`${server.url}/api/jobs/${second.jobId}/cancel`, { method: 'POST' });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toEqual({
      error: { code: 'CONFLICT', message: `job '${second.jobId}' is already cancelled` },
    });
  });

  it('deletes a scene with its products and files (204), then answers 404 for them', async () => {
    const productId = splitWindow.result!.productId;
    const productPath = path.join(server.dataDir, 'results', `${productId}.tif`);
    expect(existsSync(productPath)).toBe(true);

    const response = await fetch(`${server.url}/api/scenes/${scene.id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect((await fetch(`${server.url}/api/scenes/${scene.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/products/${productId}`)).status).toBe(404);
    expect(existsSync(path.join(server.dataDir, 'scenes', scene.id))).toBe(false);
    expect(existsSync(productPath)).toBe(false);
  });

  it('keeps scenes across a restart on the same data directory', async () => {
    const before = await json<SceneJson[]>(fetch(`${server.url}/api/scenes`));
    await server.close();
    server = { ...(await startTestServer({ dataDir: server.dataDir })), dataDir: server.dataDir };
    const after = await json<SceneJson[]>(fetch(`${server.url}/api/scenes`));
    expect(after).toEqual(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('the HTTP API on a plain GeoTIFF whose east half is noData', () => {
  const dir = '../shared/data/reported-faults';
  const fileName = 'b10_float32_half_nodata_4326.tif';
  let server: TestServer;
  let scene: SceneJson;

  beforeAll(async () => {
    requireData(dir);
    server = await startTestServer();
    const response = await uploadScene(server.url, await partsFrom(dir, [fileName]));
    expect(response.status).toBe(201);
    scene = await json<SceneJson>(response);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('stores it without a Landsat scene id, its band named after the file', () => {
    expect(scene).toMatchObject({ sceneId: null, level: null, width: 20, height: 10 });
    expect(scene.bands.map((band) => band.fileName)).toEqual([fileName]);
  });

  it('tells a noData pixel ("nodata") from a point off the grid ("outside")', async () => {
    const band = scene.bands[0]!.name;
    const pointAt = (lon: number, lat: number): Promise<unknown> =>
      json(fetch(`${server.url}/api/scenes/${scene.id}/bands/${band}/point?lon=${lon}&lat=${lat}`));
    // gdallocationinfo -wgs84: 300 at (10.005, 44.995); -9999 (the file's noData) at (10.195, 44.905).
    expect(await pointAt(10.005, 44.995)).toEqual({ value: 300, unit: null });
    expect(await pointAt(10.195, 44.905)).toEqual({ value: null, reason: 'nodata', unit: null });
    expect(await pointAt(10.205, 44.905)).toEqual({ value: null, reason: 'outside', unit: null });
    expect(await pointAt(10.1, 44.895)).toEqual({ value: null, reason: 'outside', unit: null });
  });
});
