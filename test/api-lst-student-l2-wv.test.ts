/**
 * Student LST on a Level-2 scene with the B10 + water vapour + NDVI setting through the HTTP API:
 * a smoke model trained here and registered in the server's model registry, run on the humid
 * scene LC08_L2SP_008059 with water vapour per pixel from ST_ATRAN; and the default choice,
 * which falls back to B10 + NDVI while the setting has no default model installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../backend/db.js';
import { insertModel } from '../backend/model-store.js';
import { initBackend } from '../src/models/backend.js';
import { parseExperiment } from '../src/models/experiments/experiment-schema.js';
import { createRunDirectory, modelFiles } from '../src/models/experiments/run-store-node.js';
import { runExperiment } from '../src/models/experiments/runner.js';
import { filePredictorFactory } from '../src/models/lst/default-catalog-node.js';
import type { CatalogModel } from '../src/models/lst/model-catalog.js';
import { simulateNamedDataset } from '../src/models/lst/setting-dataset-file.js';
import { lstSetting } from '../src/models/lst/settings.js';
import type { ModelMetadata } from '../src/models/serialize.js';
import { singleChannelCoefficientsFor } from '../src/retrieval/single-channel.js';
import { waterVapourForTransmittanceGcm2 } from '../src/retrieval/water-vapour-transmittance.js';
import type { JobJson, ProductJson, SceneJson, TestServer } from './api-helpers.js';
import {
  json,
  L2_DIR,
  partsFrom,
  postJson,
  requireData,
  startTestServer,
  uploadScene,
  waitForJob,
} from './api-helpers.js';

const SETTING = 'landsat-b10-wv-ndvi';
/** A clear pixel of 008059 with ST_ATRAN DN 5308 (τ 0.5308), inside the 0.2–6 g/cm2 range. */
const PIXEL = { x: 184, y: 163, atranDn: 5308 };

interface Accepted {
  jobId: string;
  parameters: Record<string, unknown>;
  inputs: string[];
  notes: string[];
}

async function band1(file: string): Promise<Float32Array> {
  const tiff = await fromFile(file);
  try {
    const image = await tiff.getImage();
    const [values] = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
    return Float32Array.from(values!);
  } finally {
    await tiff.close();
  }
}

/** Trains the smoke experiment (one seed, KD only) into `<dataDir>/models`; the student's files. */
async function trainSmokeStudent(dataDir: string): Promise<ModelMetadata> {
  const file = path.resolve('experiments', `smoke-${SETTING}.yaml`);
  const smoke = parseExperiment(readFileSync(file, 'utf8'), file);
  const experiment = { ...smoke, seeds: [1], methods: smoke.methods.slice(1) };
  const saved: ModelMetadata[] = [];
  const modelsDir = path.join(dataDir, 'models');
  await runExperiment({
    experiment,
    store: createRunDirectory(path.join(modelsDir, 'runs', 'smoke'), modelsDir),
    commandLine: `vitest smoke-${SETTING}`,
    loadDataset: (name) => Promise.resolve(simulateNamedDataset(name)),
    onModelSaved: (metadata) => void saved.push(metadata),
  });
  const student = saved.find((metadata) => metadata.method !== 'teacher')!;
  const db = openDatabase(dataDir);
  try {
    insertModel(db, {
      id: student.id,
      name: student.name,
      method: student.method,
      scheme: 'offline',
      className: 'MLP',
      sensor: student.sensor,
      teacherId: student.teacherId,
      jobId: null,
      parameterCount: 0,
      metadata: student,
      manifestPath: modelFiles(modelsDir, student.id).manifest,
      createdAt: student.createdAt,
    });
  } finally {
    db.close();
  }
  return student;
}

describe('student LST with water vapour from ST_ATRAN on a Level-2 scene', () => {
  let server: TestServer;
  let scene: SceneJson;
  let student: ModelMetadata;

  const request = async (body: Record<string, unknown>) => {
    const response = await postJson(`${server.url}/api/scenes/${scene.id}/products`, body);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** Runs a product; its 202 body and the value of its raster at {@link PIXEL}. */
  const pixelOf = async (body: Record<string, unknown>) => {
    const accepted = await request(body);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const job: JobJson = await waitForJob(server.url, (accepted.body as unknown as Accepted).jobId);
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded');
    const productId = job.result!.productId;
    const product = await json<ProductJson>(fetch(`${server.url}/api/products/${productId}`));
    const file = path.join(server.dataDir, `${productId}.dl.tif`);
    const bytes = await (
      await fetch(`${server.url}/api/products/${productId}/download`)
    ).arrayBuffer();
    await writeFile(file, Buffer.from(bytes));
    const values = await band1(file);
    const value = values[PIXEL.y * scene.width + PIXEL.x]!;
    return { accepted: accepted.body as unknown as Accepted, product, value };
  };

  beforeAll(async () => {
    requireData(L2_DIR);
    await initBackend({ prefer: 'wasm' });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rskd-api-l2-wv-'));
    student = await trainSmokeStudent(dataDir);
    server = await startTestServer({ dataDir });
    const names = (await readdir(L2_DIR)).filter((name) => !name.endsWith('.aux.xml'));
    scene = await json<SceneJson>(uploadScene(server.url, await partsFrom(L2_DIR, names)));
  }, 60_000);

  afterAll(async () => {
    await server?.dispose();
  });

  it('feeds the network the ψ1 inversion of ST_ATRAN at a known pixel', async () => {
    const lst = await pixelOf({
      product: 'lst',
      method: 'student',
      model: student.id,
      parameters: { mask: [] },
    });
    expect(lst.accepted.parameters['setting']).toBe(SETTING);
    expect(lst.accepted.parameters['model']).toBe(student.id);
    expect(lst.accepted.parameters['waterVapourSource']).toBe('from-transmittance');
    expect(lst.accepted.parameters['transmittanceBand']).toBe('ST_ATRAN');
    expect(lst.accepted.inputs).toEqual(['ST_TRAD', 'ST_ATRAN', 'SR_B4', 'SR_B5']);
    expect(lst.product.parameters['setting']).toBe(SETTING);
    // 140,014 of the 181,799 ST_ATRAN pixels invert above 6 g/cm2 (median 6.42): the humid tropics.
    expect(lst.product.notes).toContain(
      'water vapour of 140014 pixels above 6 g/cm2 and 0 below 0.2 g/cm2 was clamped to the ' +
        'training range (the network would extrapolate there)',
    );

    // The other two inputs as the platform computes them, and w by the inversion of the DN.
    const tb = await pixelOf({ product: 'brightness-temperature', method: 'band-integrated' });
    const ndvi = await pixelOf({ product: 'ndvi', parameters: { mask: [] } });
    const tirs = singleChannelCoefficientsFor('landsat8-oli-tirs')!;
    const wGcm2 = waterVapourForTransmittanceGcm2(Math.fround(PIXEL.atranDn * 0.0001), tirs);
    expect(wGcm2).toBeCloseTo(4.3006, 3);
    // ST_TRAD 8.509 W/(m2 sr um) through the B10 response (K1/K2 would give 292.09 K).
    expect(tb.value).toBeCloseTo(292.0, 1);

    const model: CatalogModel = {
      id: student.id,
      setting: lstSetting(SETTING),
      role: null,
      metadata: student,
      parameters: 0,
      location: {
        manifestPath: modelFiles(path.join(server.dataDir, 'models'), student.id).manifest,
        weightsPath: modelFiles(path.join(server.dataDir, 'models'), student.id).weights,
      },
    };
    // SR NDVI 0.865 here, above the NDVI proxy's training range: the plan clamps it to 0.85.
    expect(ndvi.value).toBeCloseTo(0.865, 3);
    const ndviInput = Math.min(ndvi.value, 0.85);
    const predictor = await filePredictorFactory({ prefer: 'tfjs' })(model);
    const [withAtran = Number.NaN, withDefault = Number.NaN] = await Promise.all(
      [wGcm2, 2].map(
        async (w) => (await predictor.run(Float32Array.of(tb.value, w, ndviInput), 1))[0]!,
      ),
    );
    await predictor.close();
    expect(Math.abs(lst.value - withAtran)).toBeLessThan(0.01);
    expect(Math.abs(withAtran - withDefault)).toBeGreaterThan(0.1);

    const given = await pixelOf({
      product: 'lst',
      method: 'student',
      model: student.id,
      parameters: { mask: [], waterVapourGcm2: 2 },
    });
    expect(given.accepted.parameters['waterVapourSource']).toBe('constant');
    expect(given.accepted.inputs).not.toContain('ST_ATRAN');
    expect(Math.abs(given.value - withDefault)).toBeLessThan(0.01);
  }, 60_000);

  it('chooses the setting default, falling back to B10 + NDVI while it has none', async () => {
    const installed = existsSync(path.resolve('models/defaults', SETTING, 'defaults.json'));
    const accepted = await request({ product: 'lst', method: 'student', parameters: { mask: [] } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const parameters = (accepted.body as unknown as Accepted).parameters;
    if (installed) {
      expect(parameters['setting']).toBe(SETTING);
      expect(parameters['waterVapourSource']).toBe('from-transmittance');
    } else {
      expect(parameters['setting']).toBe('landsat-b10-ndvi');
      expect(parameters['settingsWithoutDefault']).toEqual([SETTING]);
      expect((accepted.body as unknown as Accepted).notes).toContain(
        `no default student model is installed for setting ${SETTING}, which fits this scene ` +
          'first; the default of landsat-b10-ndvi ran instead',
      );
    }
  });
});
