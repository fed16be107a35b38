/**
 * Faults a fresh-user trial found in products, notes and the README, checked on the real scenes
 * through the API: notes that tell the truth about the QA mask, the README's point, a model's
 * role, non-physical values stored as noData and refusals worded for the scene type.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  json,
  L1_DIR,
  partsFrom,
  postJson,
  requireData,
  startTestServer,
  uploadScene,
  waitForJob,
  type ProductJson,
  type SceneJson,
  type TestServer,
} from './api-helpers.js';

const L2_ROOT = '../shared/data/landsat-l2-surface-temperature';
const L2_017036 = `${L2_ROOT}/LC08_L2SP_017036_20130419_20200913_02_T2`;
const L2_001062 = `${L2_ROOT}/LC08_L2SP_001062_20201031_20201106_02_T2`;
const MODIS_DIR = '../shared/data/modis-lst/derived-geotiff';
const L1_FILES = ['l8_B4.tif', 'l8_B5.tif', 'l8_B10.tif', 'l8_B11.tif', 'l8_BQA.tif', 'l8_MTL.txt'];

interface ErrorJson {
  error: { code: string; message: string };
}

describe('what the trial found, on the real scenes', () => {
  let server: TestServer;
  let l1: SceneJson;
  let scene017036: SceneJson;
  let scene001062: SceneJson;
  let modis: SceneJson;

  const upload = async (dir: string, pattern: RegExp): Promise<SceneJson> => {
    requireData(dir);
    const names = (await readdir(dir)).filter((name) => pattern.test(name));
    return json<SceneJson>(uploadScene(server.url, await partsFrom(dir, names)));
  };

  const request = (scene: SceneJson, body: Record<string, unknown>): Promise<Response> =>
    postJson(`${server.url}/api/scenes/${scene.id}/products`, body);

  const product = async (scene: SceneJson, body: Record<string, unknown>): Promise<ProductJson> => {
    const response = await request(scene, body);
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const job = await waitForJob(server.url, jobId, 120_000);
    expect(job.state).toBe('succeeded');
    return json<ProductJson>(fetch(`${server.url}/api/products/${job.result!.productId}`));
  };

  const refusal = async (scene: SceneJson, body: Record<string, unknown>) => {
    const response = await request(scene, body);
    return { status: response.status, body: (await response.json()) as ErrorJson };
  };

  beforeAll(async () => {
    server = await startTestServer();
    requireData(L1_DIR);
    l1 = await json<SceneJson>(uploadScene(server.url, await partsFrom(L1_DIR, L1_FILES)));
    scene017036 = await upload(L2_017036, /\.(TIF|txt)$/);
    scene001062 = await upload(L2_001062, /\.(TIF|txt)$/);
    modis = await upload(MODIS_DIR, /\.tif$/);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('says that every pixel of 017036 is cloud or fill by QA_PIXEL, not that the mask was ignored', async () => {
    const rte = await product(scene017036, { product: 'lst', method: 'rte' });
    expect(rte.stats.median).toBeNull();
    expect(rte.notes).toContain(
      'parameters waterSnowFromQa do not apply to a Level-2 RTE and were ignored',
    );
    expect(rte.notes).toContain(
      'every pixel was masked (fill 86129, cloud 176015): request mask: [] to see the values',
    );
    const level2 = await product(scene017036, { product: 'lst', method: 'level2' });
    expect(level2.notes).toContain(
      'every pixel was masked (fill 86129, cloud 176015): request mask: [] to see the values',
    );
    const unmasked = await product(scene017036, {
      product: 'lst',
      method: 'rte',
      parameters: { mask: [] },
    });
    expect(unmasked.stats.median).toBeCloseTo(196.87, 1);
    expect(unmasked.notes.join(' ')).not.toMatch(/every pixel was masked/);
  });

  it('answers the README point with the default cloud mask: 297.33 K at -87.42, 30.68', async () => {
    const lst = await product(l1, { product: 'lst', method: 'split-window' });
    expect(lst.stats.median).toBeCloseTo(297.02, 1);
    const at = (lon: number, lat: number) =>
      json<{ value: number | null; reason?: string }>(
        fetch(`${server.url}/api/products/${lst.id}/point?lon=${lon}&lat=${lat}`),
      );
    expect((await at(-87.42, 30.68)).value).toBeCloseTo(297.33, 2);
    // The README's former point is under the default mask's cloud.
    expect(await at(-87.45, 30.7)).toMatchObject({ value: null, reason: 'nodata' });
  });

  it('refuses a student model for method teacher, naming its role', async () => {
    const index = JSON.parse(
      await readFile(path.resolve('models/defaults/landsat-b10-b11-wv-ndvi/defaults.json'), 'utf8'),
    ) as { models: { id: string; role: string }[] };
    const student = index.models.find((entry) => entry.role === 'student')!.id;
    const { status, body } = await refusal(l1, {
      product: 'lst',
      method: 'teacher',
      model: student,
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(
      new RegExp(
        `^model ${student} is a student \\(role student, \\d+ parameters\\), not a teacher: ` +
          'request method student to run it$',
      ),
    );
  });

  it('counts the pixels the network kept after the QA mask', async () => {
    const lst = await product(l1, { product: 'lst', method: 'student' });
    expect(lst.notes.join(' ')).toMatch(
      /the network's values are kept on 355305 of 378081 pixels \(0 lack an input, 22776 more are masked by QA\)/,
    );
  });

  it('stores student emissivity above 1 as noData, with the count', async () => {
    const emissivity = await product(l1, {
      product: 'emissivity',
      method: 'student',
      parameters: { mask: [] },
    });
    // The count depends on the shipped default model (the mechanism's own figures are in
    // src/retrieval/physical-range.test.ts): whatever it overshoots is noData and counted.
    expect(emissivity.stats.max).toBeLessThanOrEqual(1);
    expect(emissivity.stats.median).toBeGreaterThan(0.95);
    expect(emissivity.stats.median).toBeLessThan(1);
    const above = /^(\d+) pixels above 1 \(emissivity is at most 1\) stored as noData$/m.exec(
      emissivity.notes.join('\n'),
    );
    if (above !== null) expect(Number(above[1])).toBeGreaterThan(0);
  });

  it('stores single-channel LST at or below 0 K on 001062 as noData: 3315 pixels', async () => {
    const lst = await product(scene001062, {
      product: 'lst',
      method: 'single-channel',
      parameters: { mask: [], waterVapourSource: 'from-transmittance' },
    });
    expect(lst.stats.min).toBeGreaterThan(0);
    expect(lst.notes).toContain('3315 pixels at or below 0 K stored as noData (not physical)');
  });

  it('words MODIS refusals for a MOD11 scene: no MTL, no band 31 constants, no "L1"', async () => {
    expect(modis.level).toBeNull();
    const brightness = await refusal(modis, { product: 'brightness-temperature' });
    expect(brightness.status).toBe(422);
    expect(brightness.body.error.message).toBe(
      'brightness-temperature by k1k2 needs MODIS band 31/32 radiances (MOD021KM); this ' +
        'modis-terra scene is a MOD11 LST product (LST_Day_1km, QC_Day, Emis_31, Emis_32), ' +
        'with no MTL: use product lst with method level2',
    );
    const student = await refusal(modis, { product: 'lst', method: 'student' });
    expect(student.status).toBe(422);
    expect(student.body.error.message).not.toMatch(/\bL1\b|MTL has/);
    expect(student.body.error.message).toMatch(/^lst by student needs MODIS band 31\/32/);
    const emissivity = await refusal(modis, { product: 'emissivity' });
    expect(emissivity.body.error.message).toMatch(
      /its Emis_31\/Emis_32 bands are the MOD11 product's own emissivity/,
    );
  });

  it('names the missing ST_EMIS when level2 emissivity is asked of a Level-1 scene', async () => {
    const level2 = await refusal(l1, { product: 'emissivity', method: 'level2' });
    expect(level2.status).toBe(400);
    expect(level2.body.error.message).toBe(
      'level2 emissivity reads the Collection 2 Level-2 band ST_EMIS, and this scene is ' +
        'Level-1 (it has B4, B5, B10, B11, BQA): upload the L2SP ST_EMIS file, or use ' +
        'emissivityMethod ndvi-threshold',
    );
  });
});
