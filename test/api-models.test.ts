/**
 * The model registry over HTTP: POST /api/models/distill runs an experiment as a `distill`
 * job, the trained models appear in GET /api/models, and a student downloads as ONNX that
 * onnxruntime-node runs. The distill job type is registered here as server.ts will register it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../backend/app.js';
import type { AppContext } from '../backend/context.js';
import { distillJobType } from '../backend/distill-job.js';
import { JobQueue, registerJobType } from '../backend/jobs.js';
import { createContext } from '../backend/server.js';
import { createOnnxSession } from '../src/models/onnx/onnx-runtime-node.js';

const EXPERIMENT = {
  name: 'http-demo',
  dataset: { simulate: { sensor: 'landsat-8', sampleCount: 1500, seed: 4 } },
  teacher: { architecture: { className: 'MLP', config: { hidden: [32, 32] } } },
  students: [{ id: 's8', architecture: { className: 'MLP', config: { hidden: [8] } } }],
  methods: [{ id: 'kd', method: 'response-mse' }],
  training: { epochs: 3, batchSize: 128, learningRate: 0.005, patience: 2 },
};

let dataDir = '';
let context: AppContext;
let server: Server;
let url = '';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rskd-models-'));
  const logger = pino({ level: 'silent' });
  const base = await createContext({ dataDir }, logger);
  const queue = new JobQueue(base.db, { distill: registerJobType(distillJobType(base)) }, logger, {
    progressIntervalMs: 0,
  });
  context = { ...base, queue };
  queue.start();
  server = createServer(createApp(context));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await context?.queue.stop();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  context?.db.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function waitForJob(id: string): Promise<{ state: string; result?: { modelIds: string[] } }> {
  for (let i = 0; i < 600; i++) {
    const job = (await (await fetch(`${url}/api/jobs/${id}`)).json()) as {
      state: string;
      result?: { modelIds: string[] };
    };
    if (['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('the model registry routes', () => {
  let studentId = '';

  it('runs POST /api/models/distill as a job whose models appear in GET /api/models', async () => {
    const response = await fetch(`${url}/api/models/distill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EXPERIMENT),
    });
    expect(response.status).toBe(202);
    const job = (await response.json()) as { id: string; type: string };
    expect(job.type).toBe('distill');
    const done = await waitForJob(job.id);
    expect(done.state).toBe('succeeded');
    expect(done.result?.modelIds).toHaveLength(4); // the teacher and 3 seeds

    const models = (await (await fetch(`${url}/api/models`)).json()) as {
      id: string;
      method: string;
      teacherId: string | null;
      metrics: Record<string, number>;
    }[];
    expect(models.map((m) => m.method).sort()).toEqual([
      'response-mse',
      'response-mse',
      'response-mse',
      'teacher',
    ]);
    const teacher = models.find((m) => m.method === 'teacher')!;
    const student = models.find((m) => m.method === 'response-mse')!;
    expect(student.teacherId).toBe(teacher.id);
    expect(Number.isFinite(student.metrics['lstKelvin.mae'])).toBe(true);
    studentId = student.id;

    const detail = (await (await fetch(`${url}/api/models/${studentId}`)).json()) as {
      metadata: { inputs: { name: string }[]; outputs: { name: string; unit: string }[] };
    };
    expect(detail.metadata.outputs[0]).toEqual({ name: 'lstKelvin', unit: 'K' });
  });

  it('exports a student as ONNX that onnxruntime-node runs on raw kelvin inputs', async () => {
    const response = await fetch(`${url}/api/models/${studentId}/export?format=onnx`);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const session = await createOnnxSession(bytes);
    // B10, B11 brightness temperatures (K), water vapour 2 g/cm², nadir view.
    const output = await session.run(Float32Array.from([295, 293.5, 2, 0]), 1);
    await session.close();
    expect(output).toHaveLength(3);
    expect(output[0]).toBeGreaterThan(260);
    expect(output[0]).toBeLessThan(340);
    expect(output[1]).toBeGreaterThan(0.85);
    expect(output[1]).toBeLessThan(1.05);
  });

  it('answers 400 for a bad experiment and 404 for an unknown model', async () => {
    const bad = await fetch(`${url}/api/models/distill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...EXPERIMENT, seeds: [1] }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { message: string } };
    expect(body.error.message).toBe('seeds: Too small: expected array to have >=3 items');
    const file = await fetch(`${url}/api/models/distill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...EXPERIMENT, dataset: { file: '/etc/passwd' } }),
    });
    expect(file.status).toBe(400);
    expect(((await file.json()) as { error: { message: string } }).error.message).toBe(
      'dataset: over HTTP the dataset must be simulate (files are not read)',
    );
    expect((await fetch(`${url}/api/models/nope`)).status).toBe(404);
    const format = await fetch(`${url}/api/models/${studentId}/export?format=pt`);
    expect(format.status).toBe(400);
  });

  it('refuses at POST what would only fail after training: shapes, sizes, sensors, columns', async () => {
    const post = async (body: unknown) => {
      const response = await fetch(`${url}/api/models/distill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const { error } = (await response.json()) as { error: { message: string } };
      return { status: response.status, message: error.message };
    };
    const jobsBefore = ((await (await fetch(`${url}/api/jobs`)).json()) as unknown[]).length;
    expect(await post({ ...EXPERIMENT, methods: [{ id: 'h', method: 'hint' }] })).toEqual({
      status: 400,
      message: 'methods.0 (h) with student s8: hint: shapes differ, [2, 8] vs [2, 32]',
    });
    const huge = { className: 'MLP', config: { hidden: [4096, 4096, 4096] } };
    expect(await post({ ...EXPERIMENT, students: [{ id: 'big', architecture: huge }] })).toEqual({
      status: 413,
      message: 'student big: 33595395 parameters is above the limit of 1000000',
    });
    const noClass = { className: 'Transformer', config: {} };
    const unknownClass = await post({
      ...EXPERIMENT,
      students: [{ id: 't', architecture: noClass }],
    });
    expect(unknownClass.status).toBe(400);
    expect(unknownClass.message).toMatch(/^student t: .*Transformer/);
    const sensor = await post({
      ...EXPERIMENT,
      dataset: { simulate: { sensor: 'sentinel-3', sampleCount: 1500, seed: 4 } },
    });
    expect(sensor.status).toBe(400);
    expect(sensor.message).toMatch(/^unknown simulation sensor "sentinel-3"/);
    const column = await post({
      ...EXPERIMENT,
      dataset: { ...EXPERIMENT.dataset, inputs: ['tbKelvin.B12'] },
    });
    expect(column.status).toBe(400);
    expect(column.message).toMatch(/no column "tbKelvin.B12"/);
    expect(await post({ ...EXPERIMENT, methods: [{ id: 'x', method: 'nope' }] })).toMatchObject({
      status: 400,
    });
    // Nothing was queued for any of them.
    expect(((await (await fetch(`${url}/api/jobs`)).json()) as unknown[]).length).toBe(jobsBefore);
  });

  it('distills a Landsat experiment reading the NDVI proxy over HTTP', async () => {
    const response = await fetch(`${url}/api/models/distill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...EXPERIMENT,
        name: 'http-ndvi',
        dataset: {
          ...EXPERIMENT.dataset,
          inputs: ['tbKelvin.B10', 'ndviProxy'],
          targets: ['lstKelvin', 'emissivity.B10'],
        },
      }),
    });
    expect(response.status).toBe(202);
    const done = await waitForJob(((await response.json()) as { id: string }).id);
    expect(done.state).toBe('succeeded');
  });
});
