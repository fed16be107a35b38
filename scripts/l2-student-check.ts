/**
 * Student and single-channel LST against USGS ST_B10 on the shared Collection 2 Level-2 scenes,
 * through the platform's own HTTP path (a server started in-process, scenes uploaded, products
 * retrieved and downloaded):
 *
 *   npx tsx scripts/l2-student-check.ts [--models DIR]
 *
 * Rows per scene: `student` with the default model of every setting that fits the scene
 * (models/defaults), `single-channel` with w per pixel from ST_ATRAN (waterVapourSource
 * from-transmittance) and with the default w of 2 g/cm2. With `--models DIR`, every saved
 * student in DIR (`<id>.json` + `<id>.weights.bin`, e.g. runs/<experiment>/models) whose inputs
 * are a Level-2 setting's is registered in the server's registry and gets a row too. Bias and
 * RMSE (LST − ST_B10, kelvin) over clear pixels (QA_PIXEL bit 6) and over all pixels with
 * ST_B10 above 250 K (USGS's 150 K floor marks failed inversions); products run without a QA
 * mask. Prints a Markdown table.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromFile } from 'geotiff';
import { pino } from 'pino';
import { openDatabase } from '../backend/db.js';
import { insertModel } from '../backend/model-store.js';
import { startServer, type RunningServer } from '../backend/server.js';
import { defaultModelCatalog } from '../src/models/lst/default-catalog-node.js';
import { settingOfModel } from '../src/models/lst/model-catalog.js';
import { settingsForScene } from '../src/models/lst/settings.js';
import { parseManifest, type ModelMetadata } from '../src/models/serialize.js';

const L2_ROOT = path.resolve('../shared/data/landsat-l2-surface-temperature');
/** ST_B10 = 0.00341802·DN + 149 K, fill 0 (LSDS-1619 Table 6-1). */
const ST_MULT = 0.00341802;
const ST_ADD = 149;
/** Below this ST_B10 the USGS inversion failed (its 150 K floor) or saw cloud tops. */
const ST_MIN_KELVIN = 250;

interface Run {
  label: string;
  body: Record<string, unknown>;
}

interface Fit {
  n: number;
  biasKelvin: number;
  rmseKelvin: number;
}

async function band1(file: string): Promise<Float32Array> {
  const tiff = await fromFile(file);
  try {
    const image = await tiff.getImage();
    const [values] = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
    return Float32Array.from(values ?? []);
  } finally {
    await tiff.close();
  }
}

/** Scene folders holding an ST_B10 band. */
function level2Scenes(): string[] {
  if (!existsSync(L2_ROOT)) throw new Error(`shared data missing: ${L2_ROOT}`);
  return readdirSync(L2_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(L2_ROOT, name, `${name}_ST_B10.TIF`)))
    .sort();
}

/** Saved students of `dir` whose inputs are those of a Level-2 setting. */
function savedStudents(dir: string): { metadata: ModelMetadata; manifestPath: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(dir, name))
    .map((manifestPath) => ({
      manifestPath,
      metadata: parseManifest(readFileSync(manifestPath, 'utf8')).metadata,
    }))
    .filter(({ metadata }) => metadata.method !== 'teacher')
    .filter(({ metadata }) => settingOfModel(metadata)?.scenes?.levels.includes('L2') === true);
}

/** Copies the students of `dir` into the registry of `dataDir`; their ids. */
function registerStudents(dataDir: string, dir: string): ModelMetadata[] {
  const students = savedStudents(dir);
  const db = openDatabase(dataDir);
  try {
    for (const { metadata, manifestPath } of students) {
      insertModel(db, {
        id: metadata.id,
        name: metadata.name,
        method: metadata.method,
        scheme: 'offline',
        className: 'MLP',
        sensor: metadata.sensor,
        teacherId: metadata.teacherId,
        jobId: null,
        parameterCount: 0,
        metadata,
        manifestPath,
        createdAt: metadata.createdAt,
      });
    }
  } finally {
    db.close();
  }
  return students.map((student) => student.metadata);
}

async function upload(server: RunningServer, dir: string): Promise<string> {
  const form = new FormData();
  for (const name of readdirSync(dir).filter((file) => !file.endsWith('.aux.xml'))) {
    form.append('files', new Blob([await readFile(path.join(dir, name))]), name);
  }
  const response = await fetch(`${server.url}/api/scenes`, { method: 'POST', body: form });
  if (response.status !== 201) throw new Error(`upload of ${dir}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The runs of a scene: students of every fitting setting's default, then single-channel. */
function runsFor(bands: string[], registered: readonly ModelMetadata[]): Run[] {
  const catalog = defaultModelCatalog();
  const summary = { sensor: 'landsat8-oli-tirs' as const, level: 'L2' as const, bands };
  const students = settingsForScene(summary).flatMap((setting): Run[] => {
    const model = catalog.defaultFor(setting.id, 'student');
    if (model === null) return [];
    const label = `student ${setting.id} (default ${model.parameters} p)`;
    return [{ label, body: { method: 'student', model: model.id } }];
  });
  const extra = registered.map((metadata) => ({
    label: `student ${settingOfModel(metadata)?.id ?? '?'} (${metadata.name}, --models)`,
    body: { method: 'student', model: metadata.id },
  }));
  const single = [
    {
      label: 'single-channel, w from ST_ATRAN',
      body: { method: 'single-channel', parameters: { waterVapourSource: 'from-transmittance' } },
    },
    { label: 'single-channel, w 2 g/cm2 (default)', body: { method: 'single-channel' } },
  ];
  return [...students, ...extra, ...single];
}

async function waitForJob(server: RunningServer, jobId: string): Promise<string> {
  for (;;) {
    const job = (await (await fetch(`${server.url}/api/jobs/${jobId}`)).json()) as {
      state: string;
      result?: { productId: string };
      error?: { message: string };
    };
    if (job.state === 'succeeded' && job.result !== undefined) return job.result.productId;
    if (job.state === 'failed' || job.state === 'cancelled') {
      throw new Error(`job ${jobId} ${job.state}: ${job.error?.message ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs one LST product and returns its raster and the setting it echoed. */
async function lstOf(server: RunningServer, sceneId: string, run: Run, scratch: string) {
  const body = {
    product: 'lst',
    ...run.body,
    parameters: { mask: [], ...(run.body['parameters'] as object | undefined) },
  };
  const response = await fetch(`${server.url}/api/scenes/${sceneId}/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`${run.label}: ${await response.text()}`);
  const accepted = (await response.json()) as { jobId: string };
  const productId = await waitForJob(server, accepted.jobId);
  const file = path.join(scratch, `${productId}.tif`);
  const bytes = await (
    await fetch(`${server.url}/api/products/${productId}/download`)
  ).arrayBuffer();
  await writeFile(file, Buffer.from(bytes));
  return band1(file);
}

function fitOf(lst: Float32Array, stDn: Float32Array, qa: Float32Array, clearOnly: boolean): Fit {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < lst.length; i++) {
    const dn = stDn[i] as number;
    const value = lst[i] as number;
    if (dn === 0 || !Number.isFinite(value)) continue;
    // QA_PIXEL bit 6: clear (LSDS-1619 Table 6-3).
    if (clearOnly && (((qa[i] as number) >> 6) & 1) !== 1) continue;
    const stKelvin = dn * ST_MULT + ST_ADD;
    if (stKelvin <= ST_MIN_KELVIN) continue;
    const d = value - stKelvin;
    n++;
    sum += d;
    sumSq += d * d;
  }
  return { n, biasKelvin: sum / n, rmseKelvin: Math.sqrt(sumSq / n) };
}

const cell = (fit: Fit) =>
  fit.n === 0
    ? '— | — | 0'
    : `${fit.biasKelvin.toFixed(2)} | ${fit.rmseKelvin.toFixed(2)} | ${fit.n}`;

async function checkScene(
  server: RunningServer,
  name: string,
  registered: readonly ModelMetadata[],
  scratch: string,
): Promise<string[]> {
  const dir = path.join(L2_ROOT, name);
  const sceneId = await upload(server, dir);
  const bands = readdirSync(dir)
    .map((file) => /_((?:ST|SR|QA)_[A-Z0-9]+|QA_PIXEL)\.TIF$/i.exec(file)?.[1])
    .filter((band): band is string => band !== undefined);
  const stDn = await band1(path.join(dir, `${name}_ST_B10.TIF`));
  const qa = await band1(path.join(dir, `${name}_QA_PIXEL.TIF`));
  const rows: string[] = [];
  for (const run of runsFor(bands, registered)) {
    const lst = await lstOf(server, sceneId, run, scratch);
    const clear = fitOf(lst, stDn, qa, true);
    const all = fitOf(lst, stDn, qa, false);
    rows.push(`| ${name} | ${run.label} | ${cell(clear)} | ${cell(all)} |`);
  }
  return rows;
}

async function main(): Promise<void> {
  const modelsFlag = process.argv.indexOf('--models');
  const modelsDir = modelsFlag > 0 ? process.argv[modelsFlag + 1] : undefined;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rskd-l2-check-'));
  const registered = modelsDir === undefined ? [] : registerStudents(dataDir, modelsDir);
  const server = await startServer({ port: 0, dataDir, logger: pino({ level: 'silent' }) });
  try {
    console.log(
      '| scene | LST | clear bias K | clear RMSE K | clear n | all bias K | all RMSE K | all n |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const name of level2Scenes()) {
      for (const row of await checkScene(server, name, registered, dataDir)) console.log(row);
    }
    console.log(
      `\nLST − ST_B10 over pixels with ST_B10 > ${ST_MIN_KELVIN} K; clear: QA_PIXEL bit 6. ` +
        'Products without QA mask; students run through the server (onnxruntime-node or tfjs).',
    );
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
