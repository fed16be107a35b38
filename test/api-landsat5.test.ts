/**
 * Single-channel LST through the API on the shared Landsat 5 TM scene LT52240631988227CUB02
 * (path 224 row 63, 1988-08-14 13:00 UTC ≈ 10:30 local solar time, eastern Amazon in Pará,
 * 3.4–5.3° S, 51° W; MTL cloud cover 0): band files B1–B7 and the MTL, pre-collection.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductJson, SceneJson, TestServer } from './api-helpers.js';
import {
  finiteValues,
  json,
  median,
  partsFrom,
  postJson,
  requireData,
  startTestServer,
  uploadScene,
  waitForJob,
} from './api-helpers.js';

const L5_DIR = '../shared/data/landsat-l1-thermal/LT52240631988227CUB02';

describe('Landsat 5 TM single-channel LST through the API', () => {
  let server: TestServer;

  beforeAll(async () => {
    requireData(L5_DIR);
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('gives a median of 301.01 K with p2–p98 (299.9–304.2 K) of a dry-season Amazon morning', async () => {
    const names = (await readdir(L5_DIR)).filter((name) => !name.endsWith('.aux.xml')).sort();
    const scene = await json<SceneJson>(uploadScene(server.url, await partsFrom(L5_DIR, names)));
    expect(scene).toMatchObject({ sensor: 'landsat5-tm', level: 'L1' });

    const response = await postJson(`${server.url}/api/scenes/${scene.id}/products`, {
      product: 'lst',
      method: 'single-channel',
    });
    const accepted = (await response.json()) as {
      jobId: string;
      parameters: Record<string, unknown>;
      inputs: string[];
      notes: string[];
    };
    expect(response.status).toBe(202);
    expect(accepted.parameters).toMatchObject({
      coefficients: 'jimenez-munoz-2009-tm',
      thermalBand: 'B6',
      thermalConstants: { B6: { k1: 607.76, k2: 1260.56 } },
      waterVapourSource: 'constant',
      waterVapourGcm2: 2,
      qaBand: null,
    });
    expect(accepted.inputs).toEqual(['B6', 'B3', 'B4']);
    expect(accepted.notes).toContain(
      'mask cloud, fill was not applied: the scene has no QA_PIXEL or BQA band (upload it to mask those pixels)',
    );
    const job = await waitForJob(server.url, accepted.jobId);
    expect(job.state).toBe('succeeded');
    const view = await json<ProductJson>(
      fetch(`${server.url}/api/products/${job.result!.productId}`),
    );

    // The same figure as the library path (src/retrieval/lst-product.test.ts): 301.01 K.
    expect(view.stats.median).toBeCloseTo(301.01, 1);
    // Bounds for a cloud-free (MTL cloud cover 0) mid-August late morning (~10:30 local solar
    // time) in the eastern Amazon dry season: air temperature ~297-303 K, canopy LST within a
    // few K of it, pastures and bare soil up to ~15 K warmer, no snow and no cold cloud tops; so
    // the median within 295-310 K, p2 above 290 K, p98 below 325 K. Measured: p2 299.93 K,
    // p98 304.21 K, min 297.92 K, max 305.86 K (a forested crop near 3.75° S, 49.9° W).
    expect(view.stats.median).toBeGreaterThan(295);
    expect(view.stats.median).toBeLessThan(310);
    expect(view.stats.p2).toBeGreaterThan(290);
    expect(view.stats.p98).toBeLessThan(325);

    // Every pixel of the 287×310 crop has a value, in the downloaded GeoTIFF too.
    const file = path.join(server.dataDir, `${view.id}.check.tif`);
    const bytes = await (
      await fetch(`${server.url}/api/products/${view.id}/download`)
    ).arrayBuffer();
    await writeFile(file, Buffer.from(bytes));
    const values = await finiteValues(file);
    expect(values.length).toBe(287 * 310);
    expect(median(values)).toBeCloseTo(301.01, 1);
  });
});
