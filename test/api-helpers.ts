/** Shared helpers of the API tests: a real server on port 0 with a temp data dir, uploads, jobs. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromFile } from 'geotiff';
import { pino } from 'pino';
import type { Logger } from 'pino';
import sharp from 'sharp';
import { startServer } from '../backend/server.js';
import type { RunningServer } from '../backend/server.js';

/** Shared real data, read in place (never copied into the repository). */
export const L1_DIR = '../shared/data/landsat-l1-thermal/LC80200392015216LGN00';
export const L2_DIR =
  '../shared/data/landsat-l2-surface-temperature/LC08_L2SP_008059_20191201_20200825_02_T1';

/** Throws a clear error when a shared data folder is missing (tests must not skip silently). */
export function requireData(dir: string): void {
  if (!existsSync(dir)) {
    throw new Error(`test data missing: ${path.resolve(dir)} (mount /work/shared/data)`);
  }
}

/** A server with its own temp data directory. */
export interface TestServer extends RunningServer {
  dataDir: string;
  /** Closes the server and removes the data directory. */
  dispose(): Promise<void>;
}

/**
 * Starts a server on a random port with a fresh temp data dir and, unless `logLines` is given, a
 * silent logger. With `logLines`, every JSON log line of level info and above is pushed into it.
 */
export async function startTestServer(
  options: { maxUploadBytes?: number; dataDir?: string; logLines?: string[] } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'rskd-api-')));
  const server = await startServer({
    port: 0,
    dataDir,
    logger: testLogger(options.logLines),
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
  });
  return {
    ...server,
    dataDir,
    dispose: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function testLogger(logLines: string[] | undefined): Logger {
  if (logLines === undefined) return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
}

/** A file for an upload: its bytes and the name the client sends. */
export interface UploadPart {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Reads files of a folder as upload parts named like the files. */
export async function partsFrom(dir: string, fileNames: readonly string[]): Promise<UploadPart[]> {
  return Promise.all(
    fileNames.map(async (name) => ({ name, bytes: await readFile(path.join(dir, name)) })),
  );
}

/** `POST /api/scenes` with the parts in the repeated field `files`. */
export async function uploadScene(
  baseUrl: string,
  parts: readonly UploadPart[],
): Promise<Response> {
  const form = new FormData();
  for (const part of parts) {
    form.append('files', new Blob([part.bytes]), part.name);
  }
  return fetch(`${baseUrl}/api/scenes`, { method: 'POST', body: form });
}

/** `POST` JSON and return the response. */
export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A job as the API shows it. */
export interface JobJson {
  id: string;
  type: string;
  state: string;
  progress: number;
  result?: { productId: string };
  error?: { code: string; message: string };
}

/** Polls `GET /api/jobs/:id` until a final state (or throws after `timeoutMs`). */
export async function waitForJob(
  baseUrl: string,
  jobId: string,
  timeoutMs = 60_000,
): Promise<JobJson> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = (await (await fetch(`${baseUrl}/api/jobs/${jobId}`)).json()) as JobJson;
    if (['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish within ${timeoutMs} ms`);
}

/** Requests a product and waits for its job; returns the final job. */
export async function retrieve(
  baseUrl: string,
  sceneId: string,
  method: string,
  parameters?: Record<string, unknown>,
): Promise<JobJson> {
  const response = await postJson(`${baseUrl}/api/scenes/${sceneId}/products`, {
    product: 'lst',
    method,
    ...(parameters === undefined ? {} : { parameters }),
  });
  if (response.status !== 202) {
    throw new Error(`POST products answered ${response.status}: ${await response.text()}`);
  }
  const { jobId } = (await response.json()) as { jobId: string };
  return waitForJob(baseUrl, jobId);
}

/** XYZ tile (WebMercatorQuad) containing lon/lat at zoom z. */
export function tileOf(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const latRad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

/** A scene as the API shows it. */
export interface SceneJson {
  id: string;
  sceneId: string | null;
  sensor: string;
  level: string | null;
  bands: { name: string; description: string | null; fileName: string }[];
  crs: { epsg: number; name: string; proj4: string };
  width: number;
  height: number;
  bounds: [number, number, number, number];
  warnings: { code: string; message: string }[];
}

/** A product as the API shows it. */
export interface ProductJson {
  id: string;
  sceneId: string;
  product: string;
  method: string;
  parameters: Record<string, unknown>;
  unit: string;
  stats: { min: number; max: number; mean: number; median: number; p2: number; p98: number };
  bounds: [number, number, number, number];
  notes: string[];
  tilejson: string;
  createdAt: string;
}

/** The JSON body of a response. */
export async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

/** Alpha channel statistics of a PNG tile. */
export async function alphaOf(
  png: ArrayBuffer,
): Promise<{ opaque: number; total: number; size: string }> {
  const { data, info } = await sharp(Buffer.from(png))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let opaque = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque += 1;
  return { opaque, total: data.length / 4, size: `${info.width}x${info.height}` };
}

/** Finite values of band 1 of a GeoTIFF, read with geotiff.js (independent of our reader). */
export async function finiteValues(file: string): Promise<Float32Array> {
  const tiff = await fromFile(file);
  const image = await tiff.getImage();
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as Float32Array[];
  return Float32Array.from(band!.filter((value) => Number.isFinite(value)));
}

/** Median of the values. */
export function median(values: Float32Array): number {
  const sorted = Float32Array.from(values).sort();
  const mid = sorted.length / 2;
  return sorted.length % 2 === 0 ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

/** Centre of [west, south, east, north] bounds. */
export function centreOf(bounds: readonly number[]): { lon: number; lat: number } {
  return { lon: (bounds[0]! + bounds[2]!) / 2, lat: (bounds[1]! + bounds[3]!) / 2 };
}
