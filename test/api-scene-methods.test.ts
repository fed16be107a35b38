/**
 * `GET /api/scenes/:id/methods` on real scenes: a Landsat 8 Level-1 scene with and without B11
 * and the Level-2 scene 008059 — which product × method requests run, which need parameters,
 * which cannot run and why, in the words the product POST answers them with.
 */
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_KINDS, PRODUCT_METHODS } from '../src/retrieval/product.js';
import type { SceneJson, TestServer } from './api-helpers.js';
import {
  json,
  L1_DIR,
  L2_DIR,
  partsFrom,
  postJson,
  requireData,
  startTestServer,
  uploadScene,
} from './api-helpers.js';

interface MethodJson {
  product: string;
  method: string;
  status: 'available' | 'needs-parameters' | 'unavailable';
  needs?: string[];
  httpStatus?: number;
  code?: string;
  reason?: string;
}
interface SceneMethodsJson {
  sceneId: string;
  methods: MethodJson[];
}

const L1_FILES = ['l8_B4.tif', 'l8_B5.tif', 'l8_B10.tif', 'l8_B11.tif', 'l8_MTL.txt'];
const L1_WITHOUT_B11 = L1_FILES.filter((name) => name !== 'l8_B11.tif');

/** The refusals of src/retrieval, as the product POST answers them. */
const LEVEL2_ON_LEVEL1 =
  'level2 LST needs a Collection 2 Level-2 scene (ST_B10); this scene is Level-1: ' +
  'use method split-window, single-channel or rte';
const SPLIT_WINDOW_WITHOUT_B11 =
  'split-window LST needs bands B10, B11, B4, B5; the scene has B4, B5, B10';
const SPLIT_WINDOW_ON_LEVEL2 =
  'split-window LST needs a Level-1 scene (DN of the thermal bands); this scene is Level-2 ' +
  '(ST_TRAD holds one band): use method rte, single-channel, statistical-mono-window or level2';

async function upload(server: TestServer, dir: string, names: string[]): Promise<SceneJson> {
  const response = await uploadScene(server.url, await partsFrom(dir, names));
  expect(response.status, await response.clone().text()).toBe(201);
  return json<SceneJson>(response);
}

async function methodsOf(server: TestServer, sceneId: string): Promise<Map<string, MethodJson>> {
  const response = await fetch(`${server.url}/api/scenes/${sceneId}/methods`);
  expect(response.status).toBe(200);
  const body = await json<SceneMethodsJson>(response);
  expect(body.sceneId).toBe(sceneId);
  return new Map(body.methods.map((entry) => [`${entry.product}/${entry.method}`, entry]));
}

describe('GET /api/scenes/:id/methods', () => {
  let server: TestServer;
  let level1: SceneJson;
  let withoutB11: SceneJson;
  let level2: SceneJson;

  beforeAll(async () => {
    requireData(L1_DIR);
    requireData(L2_DIR);
    server = await startTestServer();
    level1 = await upload(server, L1_DIR, L1_FILES);
    withoutB11 = await upload(server, L1_DIR, L1_WITHOUT_B11);
    const l2Names = (await readdir(L2_DIR)).filter((name) => !name.endsWith('.aux.xml'));
    level2 = await upload(server, L2_DIR, l2Names);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('lists every product × method of the API once, in the API order', async () => {
    const methods = await methodsOf(server, level1.id);
    const expected = PRODUCT_KINDS.flatMap((kind) =>
      PRODUCT_METHODS[kind].map((method) => `${kind}/${method}`),
    );
    // 22 today: 10 LST, 5 emissivity, 1 NDVI, 4 water-vapour, 2 brightness-temperature.
    expect([...methods.keys()]).toEqual(expected);
  });

  it('offers split-window on the Level-1 scene and refuses level2 with the POST reason', async () => {
    const methods = await methodsOf(server, level1.id);
    expect(methods.get('lst/split-window')).toEqual({
      product: 'lst',
      method: 'split-window',
      status: 'available',
    });
    expect(methods.get('lst/level2')).toEqual({
      product: 'lst',
      method: 'level2',
      status: 'unavailable',
      httpStatus: 400,
      code: 'INVALID_PARAMETER',
      reason: LEVEL2_ON_LEVEL1,
    });
    expect(methods.get('lst/modis-split-window')?.status).toBe('unavailable');
    expect(methods.get('emissivity/level2')?.status).toBe('unavailable');
    expect(methods.get('water-vapour/from-transmittance')?.status).toBe('unavailable');
    expect(methods.get('water-vapour/covariance-ratio')?.status).toBe('available');
  });

  it('says which parameters a method needs when only the user can give them', async () => {
    const methods = await methodsOf(server, level1.id);
    const monoWindow = methods.get('lst/mono-window');
    // Mono-window uses a given τ too, but needs only the air temperature.
    expect(monoWindow).toMatchObject({ status: 'needs-parameters', httpStatus: 400 });
    expect(monoWindow?.needs).toEqual(['airTemperatureKelvin']);
    expect(monoWindow?.reason).toMatch(/^mono-window LST needs airTemperatureKelvin/);
    expect(methods.get('lst/rte')?.needs).toEqual([
      'transmittance',
      'upwellingRadianceWm2SrUm',
      'downwellingRadianceWm2SrUm',
    ]);
    expect(methods.get('emissivity/land-cover')?.needs).toEqual(['landCoverBand']);
    expect(methods.get('water-vapour/band')?.needs).toEqual(['waterVapourBand']);
  });

  it('refuses split-window and the covariance ratio on a Level-1 scene without B11', async () => {
    const methods = await methodsOf(server, withoutB11.id);
    expect(methods.get('lst/split-window')).toMatchObject({
      status: 'unavailable',
      httpStatus: 422,
      code: 'MISSING_BAND',
      reason: SPLIT_WINDOW_WITHOUT_B11,
    });
    expect(methods.get('lst/split-window-du2015')?.reason).toBe(
      'B11 brightness temperature needs bands B11; the scene has B4, B5, B10',
    );
    expect(methods.get('water-vapour/covariance-ratio')?.code).toBe('MISSING_BAND');
    expect(methods.get('lst/single-channel')?.status).toBe('available');
  });

  it('on the Level-2 scene 008059 offers rte and level2 and refuses split-window', async () => {
    const methods = await methodsOf(server, level2.id);
    for (const key of ['lst/rte', 'lst/level2', 'lst/single-channel', 'emissivity/level2']) {
      expect(methods.get(key)?.status, key).toBe('available');
    }
    expect(methods.get('water-vapour/from-transmittance')?.status).toBe('available');
    expect(methods.get('lst/split-window')).toMatchObject({
      status: 'unavailable',
      code: 'INVALID_PARAMETER',
      reason: SPLIT_WINDOW_ON_LEVEL2,
    });
    expect(methods.get('lst/mono-window')?.needs).toEqual(['airTemperatureKelvin']);
  });

  it('states for every refused method the status, code and message the POST answers', async () => {
    const methods = await methodsOf(server, withoutB11.id);
    const refused = [...methods.values()].filter((entry) => entry.status !== 'available');
    expect(refused.length).toBeGreaterThan(5);
    for (const entry of refused) {
      const body = { product: entry.product, method: entry.method };
      const response = await postJson(`${server.url}/api/scenes/${withoutB11.id}/products`, body);
      const answer = await json<{ error: { code: string; message: string } }>(response);
      const key = `${entry.product}/${entry.method}`;
      expect(response.status, key).toBe(entry.httpStatus);
      expect(answer.error, key).toEqual({ code: entry.code, message: entry.reason });
    }
  });

  it('answers 404 for an unknown scene', async () => {
    const response = await fetch(`${server.url}/api/scenes/no-such-scene/methods`);
    expect(response.status).toBe(404);
    const body = await json<{ error: { code: string; message: string } }>(response);
    expect(body.error.code).toBe('NOT_FOUND');
  });
});
