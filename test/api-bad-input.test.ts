/**
 * Bad input over HTTP: each answer is its 4xx with `{error: {code, message}}` naming the problem,
 * nothing half-stored is left behind, and the server keeps serving what it had.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './api-helpers.js';
import {
  L1_DIR,
  partsFrom,
  postJson,
  requireData,
  startTestServer,
  tileOf,
  uploadScene,
} from './api-helpers.js';

interface ErrorJson {
  error: { code: string; message: string };
}

/** Status and body of a response that must be an error. */
async function errorOf(response: Response): Promise<{ status: number; body: ErrorJson }> {
  const body = (await response.json()) as ErrorJson;
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  expect(body.error.message).not.toMatch(/\n/);
  return { status: response.status, body };
}

/** A 16×16 uint16 GeoTIFF whose ProjectedCSTypeGeoKey is 32699, a code EPSG never assigned. */
function unknownCrsTiff(): Uint8Array<ArrayBuffer> {
  const values = new Uint16Array(16 * 16).fill(1000);
  const buffer = writeArrayBuffer(values, {
    width: 16,
    height: 16,
    ModelPixelScale: [30, 30, 0],
    ModelTiepoint: [0, 0, 0, 452_475, 3_408_645, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 32699,
  });
  return new Uint8Array(buffer);
}

/** Files under the data directory's scenes/, results/ and tmp/ folders. */
async function storedEntries(dataDir: string): Promise<string[]> {
  const folders = ['scenes', 'results', 'tmp'];
  const lists = await Promise.all(
    folders.map(async (folder) =>
      (await readdir(path.join(dataDir, folder))).map((entry) => `${folder}/${entry}`),
    ),
  );
  return lists.flat().sort();
}

describe('the HTTP API given bad input', () => {
  let server: TestServer;
  let firstSceneId: string;
  let entriesAfterFirst: string[];

  beforeAll(async () => {
    requireData(L1_DIR);
    server = await startTestServer();
    const response = await uploadScene(
      server.url,
      await partsFrom(L1_DIR, ['l8_B4.tif', 'l8_B5.tif', 'l8_MTL.txt']),
    );
    expect(response.status).toBe(201);
    firstSceneId = ((await response.json()) as { id: string }).id;
    entriesAfterFirst = await storedEntries(server.dataDir);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('refuses a text file named x.tif (400 INVALID_TIFF naming the file)', async () => {
    const text = new TextEncoder().encode('these are field notes, not a raster\n');
    const { status, body } = await errorOf(
      await uploadScene(server.url, [{ name: 'x.tif', bytes: text }]),
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_TIFF');
    expect(body.error.message).toMatch(/^x\.tif: /);
  });

  it('refuses a TIFF cut to its first 40 % (400 INVALID_TIFF naming the file)', async () => {
    const whole = await readFile(path.join(L1_DIR, 'l8_B10.tif'));
    const truncated = new Uint8Array(whole.subarray(0, Math.floor(whole.length * 0.4)));
    const { status, body } = await errorOf(
      await uploadScene(server.url, [{ name: 'l8_B10.tif', bytes: truncated }]),
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_TIFF');
    expect(body.error.message).toMatch(/^l8_B10\.tif: /);
  });

  it('refuses a GeoTIFF whose EPSG code is unassigned (422 UNKNOWN_CRS naming the code)', async () => {
    const { status, body } = await errorOf(
      await uploadScene(server.url, [{ name: 'odd_crs.tif', bytes: unknownCrsTiff() }]),
    );
    expect(status).toBe(422);
    expect(body.error.code).toBe('UNKNOWN_CRS');
    expect(body.error.message).toContain('32699');
  });

  it('refuses an upload without files and one without a GeoTIFF (400, 422 naming the files)', async () => {
    const empty = await errorOf(
      await fetch(`${server.url}/api/scenes`, { method: 'POST', body: new FormData() }),
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe(
      "no files uploaded; send band GeoTIFFs and the MTL in the repeated form field 'files'",
    );

    const mtlOnly = await errorOf(
      await uploadScene(server.url, await partsFrom(L1_DIR, ['l8_MTL.txt'])),
    );
    expect(mtlOnly.status).toBe(422);
    expect(mtlOnly.body.error).toEqual({
      code: 'INVALID_SCENE',
      message: 'no GeoTIFF among the uploaded files (l8_MTL.txt)',
    });
  });

  it('refuses a multipart body cut short or without a boundary (400 INVALID_PARAMETER, not 500)', async () => {
    const cutShort =
      '--XYZ\r\nContent-Disposition: form-data; name="files"; filename="a.tif"\r\n' +
      'Content-Type: image/tiff\r\n\r\nII*\u0000abc';
    const post = (contentType: string): Promise<Response> =>
      fetch(`${server.url}/api/scenes`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: cutShort,
      });

    const truncated = await errorOf(await post('multipart/form-data; boundary=XYZ'));
    expect(truncated.status).toBe(400);
    expect(truncated.body.error).toEqual({
      code: 'INVALID_PARAMETER',
      message:
        'the upload is not well-formed multipart/form-data (unexpected end of form); ' +
        "send the files in the repeated form field 'files'",
    });

    const noBoundary = await errorOf(await post('multipart/form-data'));
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.error.message).toContain('(multipart: boundary not found)');
  });

  it('refuses a product request sent as form data, saying the body must be JSON (415)', async () => {
    const response = await fetch(`${server.url}/api/scenes/${firstSceneId}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'product=lst&method=split-window',
    });
    const { status, body } = await errorOf(response);
    expect(status).toBe(415);
    expect(body.error).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message:
        'request body must be JSON (content-type: application/json); ' +
        'got application/x-www-form-urlencoded',
    });
  });

  it('refuses LST on a scene without thermal bands before queueing a job (422 MISSING_BAND)', async () => {
    const { status, body } = await errorOf(
      await postJson(`${server.url}/api/scenes/${firstSceneId}/products`, {
        product: 'lst',
        method: 'split-window',
      }),
    );
    expect(status).toBe(422);
    expect(body.error.code).toBe('MISSING_BAND');
    expect(body.error.message).toContain('B10');
    expect(body.error.message).toContain('the scene has none; it has B4, B5');
  });

  it('refuses an unknown method and unknown parameters (400 INVALID_REQUEST naming the field)', async () => {
    const url = `${server.url}/api/scenes/${firstSceneId}/products`;
    const method = await errorOf(await postJson(url, { product: 'lst', method: 'magic' }));
    expect(method.status).toBe(400);
    expect(method.body.error.code).toBe('INVALID_REQUEST');
    expect(method.body.error.message).toMatch(/^method: /);

    const typo = await errorOf(
      await postJson(url, { product: 'lst', method: 'rte', parameters: { watervapour: 2 } }),
    );
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain('watervapour');
  });

  it('answers 404 NOT_FOUND for an unknown scene, product, job and route', async () => {
    for (const url of [
      '/api/scenes/00000000-0000-0000-0000-000000000000',
      '/api/products/nope',
      '/api/jobs/nope',
      '/api/nothing-here',
    ]) {
      const { status, body } = await errorOf(await fetch(`${server.url}${url}`));
      expect(status).toBe(404);
      expect(body.error.code).toBe('NOT_FOUND');
    }
  });

  it.each(['../../evil.tif', '/etc/evil.tif', 'sub\\evil.tif', '.evil.tif'])(
    'refuses the path-trick file name %j (400 INVALID_FILE_NAME) and writes nothing',
    async (name) => {
      const bytes = new Uint8Array(await readFile(path.join(L1_DIR, 'l8_B4.tif')));
      const { status, body } = await errorOf(await uploadScene(server.url, [{ name, bytes }]));
      expect(status).toBe(400);
      expect(body.error.code).toBe('INVALID_FILE_NAME');
      expect(body.error.message.startsWith(`file name ${JSON.stringify(name)} `)).toBe(true);
      expect(existsSync(path.resolve(server.dataDir, '..', 'evil.tif'))).toBe(false);
      expect(existsSync(path.resolve(server.dataDir, 'evil.tif'))).toBe(false);
    },
  );

  it('refuses a malformed rescale (400 INVALID_PARAMETER)', async () => {
    const { status, body } = await errorOf(
      await fetch(`${server.url}/api/scenes/${firstSceneId}/bands/B4/tiles/10/0/0.png?rescale=1`),
    );
    expect(status).toBe(400);
    expect(body.error.message).toBe("rescale '1' must be two numbers 'min,max'");
  });

  it('left nothing behind from the failed uploads and still serves the first scene', async () => {
    expect(await storedEntries(server.dataDir)).toEqual(entriesAfterFirst);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    const scenes = (await (await fetch(`${server.url}/api/scenes`)).json()) as {
      id: string;
      bounds: number[];
    }[];
    expect(scenes.map((scene) => scene.id)).toEqual([firstSceneId]);
    const [west, south, east, north] = scenes[0]!.bounds as [number, number, number, number];
    const { x, y } = tileOf((west + east) / 2, (south + north) / 2, 12);
    const tile = await fetch(
      `${server.url}/api/scenes/${firstSceneId}/bands/B5/tiles/12/${x}/${y}.png`,
    );
    expect(tile.status).toBe(200);
    const { data } = await sharp(Buffer.from(await tile.arrayBuffer()))
      .raw()
      .toBuffer({ resolveWithObject: true });
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque += 1;
    expect(opaque).toBeGreaterThan(10_000);
  });
});

describe('the HTTP API with a 100 000-byte upload limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    requireData(L1_DIR);
    server = await startTestServer({ maxUploadBytes: 100_000 });
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('refuses a 757 kB band file (413 LIMIT_EXCEEDED naming the file and the limit)', async () => {
    const parts = await partsFrom(L1_DIR, ['l8_MTL.txt', 'l8_B10.tif']);
    const { status, body } = await errorOf(await uploadScene(server.url, parts));
    expect(status).toBe(413);
    expect(body).toEqual({
      error: {
        code: 'LIMIT_EXCEEDED',
        message: "file 'l8_B10.tif' exceeds the upload limit of 100000 bytes per file",
      },
    });
    expect(await readdir(path.join(server.dataDir, 'tmp'))).toEqual([]);
    expect(await readdir(path.join(server.dataDir, 'scenes'))).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
