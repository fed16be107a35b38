/**
 * The HTTP API on a Landsat 8 Collection 2 Level-2 scene: upload of every band file and both
 * MTLs, RTE inversion of the ST intermediate bands, checked pixel by pixel against USGS ST_B10.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromFile } from 'geotiff';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductJson, SceneJson, TestServer } from './api-helpers.js';
import {
  centreOf,
  json,
  L2_DIR,
  partsFrom,
  postJson,
  requireData,
  retrieve,
  startTestServer,
  uploadScene,
} from './api-helpers.js';

describe('the HTTP API on a Landsat 8 Level-2 scene', () => {
  let server: TestServer;

  beforeAll(async () => {
    requireData(L2_DIR);
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('retrieves RTE LST on a Level-2 scene, matching the USGS ST_B10 product', async () => {
    const names = (await readdir(L2_DIR)).filter((name) => !name.endsWith('.aux.xml')).sort();
    const response = await uploadScene(server.url, await partsFrom(L2_DIR, names));
    expect(response.status).toBe(201);
    const l2 = await json<SceneJson>(response);
    expect(l2).toMatchObject({ sensor: 'landsat8-oli-tirs', level: 'L2', width: 512, height: 512 });
    expect(l2.bands.map((band) => band.name)).toContain('ST_B10');

    const rte = await retrieve(server.url, l2.id, 'rte', { mask: [] });
    expect(rte.state).toBe('succeeded');
    const level2 = await retrieve(server.url, l2.id, 'level2', { mask: [] });
    expect(level2.state).toBe('succeeded');
    const rteProduct = await json<ProductJson>(
      fetch(`${server.url}/api/products/${rte.result!.productId}`),
    );
    // Measured: rte mean 271.10 K, p2 228.02 K, p98 312.27 K (a partly cloudy scene).
    expect(rteProduct.stats.mean).toBeGreaterThan(265);
    expect(rteProduct.stats.mean).toBeLessThan(280);
    expect(rteProduct.stats.p98).toBeLessThan(320);

    // Pixel by pixel against ST_B10 (where USGS's value is above 250 K, i.e. not its 150 K floor):
    // measured median |difference| 0.145 K, 95th percentile 0.42 K over 146,084 pixels.
    const download = async (id: string): Promise<Float32Array> => {
      const file = path.join(server.dataDir, `${id}.tif`);
      const bytes = await (await fetch(`${server.url}/api/products/${id}/download`)).arrayBuffer();
      await writeFile(file, Buffer.from(bytes));
      const [band] = (await (
        await (await fromFile(file)).getImage()
      ).readRasters()) as unknown as Float32Array[];
      return band!;
    };
    const rteKelvin = await download(rte.result!.productId);
    const stKelvin = await download(level2.result!.productId);
    const differences: number[] = [];
    stKelvin.forEach((st, i) => {
      const value = rteKelvin[i]!;
      if (st > 250 && Number.isFinite(value)) differences.push(Math.abs(value - st));
    });
    differences.sort((a, b) => a - b);
    expect(differences.length).toBeGreaterThan(140_000);
    expect(differences[Math.floor(differences.length / 2)]).toBeLessThan(0.3);
    expect(differences[Math.floor(differences.length * 0.95)]).toBeLessThan(1);

    const { lon, lat } = centreOf(l2.bounds);
    const st = await json<{ value: number | null; unit: string }>(
      fetch(`${server.url}/api/scenes/${l2.id}/bands/ST_B10/point?lon=${lon}&lat=${lat}`),
    );
    const level2Point = await json<{ value: number | null }>(
      fetch(`${server.url}/api/products/${level2.result!.productId}/point?lon=${lon}&lat=${lat}`),
    );
    expect(st.unit).toBe('K');
    expect(st.value).toBeCloseTo(level2Point.value!, 3);

    // A pixel USGS filled (ST_B10 = 0, 83,466 of them) is NaN in the product: "nodata".
    const fillIndex = stKelvin.findIndex((value) => Number.isNaN(value));
    expect(fillIndex).toBeGreaterThanOrEqual(0);
    const image = await (
      await fromFile(path.join(server.dataDir, `${level2.result!.productId}.tif`))
    ).getImage();
    const [originX, originY] = image.getOrigin();
    const [pixelX, pixelY] = image.getResolution();
    const col = (fillIndex % image.getWidth()) + 0.5;
    const row = Math.floor(fillIndex / image.getWidth()) + 0.5;
    const [fillLon, fillLat] = proj4(l2.crs.proj4, 'EPSG:4326', [
      originX! + col * pixelX!,
      originY! + row * pixelY!,
    ]);
    const query = `lon=${fillLon}&lat=${fillLat}`;
    expect(
      await json(fetch(`${server.url}/api/products/${level2.result!.productId}/point?${query}`)),
    ).toEqual({ value: null, reason: 'nodata', unit: 'K' });
    expect(
      await json(fetch(`${server.url}/api/scenes/${l2.id}/bands/ST_B10/point?${query}`)),
    ).toEqual({ value: null, reason: 'nodata', unit: 'K' });
  });

  it("reproduces ST_B10 with USGS's range rule over every non-fill pixel (stRange usgs-st)", async () => {
    const names = (await readdir(L2_DIR)).filter((name) => !name.endsWith('.aux.xml')).sort();
    const l2 = await json<SceneJson>(await uploadScene(server.url, await partsFrom(L2_DIR, names)));
    const refused = await postJson(`${server.url}/api/scenes/${l2.id}/products`, {
      product: 'lst',
      method: 'rte',
      parameters: { stRange: 'usgs-st' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('stRange usgs-st is USGS');

    const parameters = { mask: [], inversion: 'band-integrated', stRange: 'usgs-st' };
    const rte = await retrieve(server.url, l2.id, 'rte', parameters);
    const level2 = await retrieve(server.url, l2.id, 'level2', { mask: [] });
    expect([rte.state, level2.state]).toEqual(['succeeded', 'succeeded']);
    const product = await json<ProductJson & { notes: string[] }>(
      fetch(`${server.url}/api/products/${rte.result!.productId}`),
    );
    // ESPA's build_st_data.py interpolates its 150–373 K table with np.interp, which clamps.
    expect(product.notes.join(' ')).toMatch(/\d+ pixels clamped to USGS's 150 K floor/);
    const read = async (id: string): Promise<Float32Array> => {
      const file = path.join(server.dataDir, `${id}-usgs.tif`);
      const bytes = await (await fetch(`${server.url}/api/products/${id}/download`)).arrayBuffer();
      await writeFile(file, Buffer.from(bytes));
      const [band] = (await (
        await (await fromFile(file)).getImage()
      ).readRasters()) as unknown as Float32Array[];
      return band!;
    };
    const rteKelvin = await read(rte.result!.productId);
    const stKelvin = await read(level2.result!.productId);
    const differences: number[] = [];
    stKelvin.forEach((st, i) => {
      if (Number.isFinite(st)) differences.push(Math.abs(rteKelvin[i]! - st));
    });
    differences.sort((a, b) => a - b);
    // Every non-fill pixel of 008059 (178,678); measured median 0.0336 K in the unit tests.
    expect(differences.length).toBe(178_678);
    expect(differences[Math.floor(differences.length / 2)]).toBeLessThan(0.05);
  });
});
