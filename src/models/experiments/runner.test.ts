import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { validateExperiment, type ExperimentInput } from './experiment-schema.js';
import { runExperiment, type RunProgress } from './runner.js';
import { createRunDirectory, readSavedModel } from './run-store-node.js';
import type { CellResult } from './run-store.js';
import { meanStd } from './results-table.js';

/** 2 methods × 3 seeds on a simulated Landsat 8 dataset, tiny networks. */
export const SMALL_EXPERIMENT: ExperimentInput = {
  name: 'l8-small',
  dataset: { simulate: { sensor: 'landsat-8', sampleCount: 3000, seed: 5 } },
  teacher: {
    architecture: { className: 'MLP', config: { hidden: [64, 64] } },
    training: { epochs: 8 },
  },
  students: [{ id: 'mlp-16', architecture: { className: 'MLP', config: { hidden: [16] } } }],
  methods: [
    { id: 'baseline', method: 'none' },
    { id: 'kd-mse', method: 'response-mse', scheme: 'offline', alpha: 0.5 },
  ],
  training: { epochs: 6, batchSize: 128, learningRate: 0.005, patience: 3 },
  seeds: [1, 2, 3],
};

let dir = '';
beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
  dir = await mkdtemp(path.join(tmpdir(), 'rskd-runner-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runExperiment', () => {
  it('trains 2 methods × 3 seeds in under 60 s and writes Markdown, CSV and JSON tables', async () => {
    const experiment = validateExperiment(SMALL_EXPERIMENT, 'small');
    const started = performance.now();
    const results = await runExperiment({
      experiment,
      store: createRunDirectory(dir),
      commandLine: 'vitest runner.test.ts',
    });
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);

    expect(results.rows.map((row) => `${row.methodId}:${row.seeds.join(',')}`)).toEqual([
      'baseline:1,2,3',
      'kd-mse:1,2,3',
    ]);
    const csv = await readFile(path.join(dir, 'results.csv'), 'utf8');
    const header = csv.split('\n')[0]!.split(',');
    expect(header.slice(0, 6)).toEqual([
      'method',
      'scheme',
      'student',
      'seeds',
      'parameters',
      'flopsPerSample',
    ]);
    expect(header).toEqual(
      expect.arrayContaining([
        'lstKelvin.mae_mean',
        'lstKelvin.rmse_std',
        'lstKelvin.bias_mean',
        'lstKelvin.pcc_mean',
        'emissivity.B10.mae_mean',
        'emissivity.B11.pcc_std',
        'inferenceMpxPerS_mean',
        'trainingTimeS_mean',
      ]),
    );
    expect(csv.trim().split('\n')).toHaveLength(3);
    const markdown = await readFile(path.join(dir, 'results.md'), 'utf8');
    expect(markdown).toContain('| kd-mse | offline | mlp-16 | 3 | 131 | 224 |');

    const json = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
      cells: CellResult[];
      rows: { methodId: string; metrics: Record<string, { mean: number; std: number }> }[];
    };
    const kdCells = json.cells.filter((cell) => cell.methodId === 'kd-mse');
    const maes = kdCells.map((cell) => cell.metrics['lstKelvin.mae']!);
    expect(maes.every((mae) => Number.isFinite(mae) && mae > 0 && mae < 10)).toBe(true);
    const mean = (maes[0]! + maes[1]! + maes[2]!) / 3;
    const std = Math.sqrt(maes.reduce((sum, mae) => sum + (mae - mean) ** 2, 0) / 2);
    const row = json.rows.find((r) => r.methodId === 'kd-mse')!;
    expect(row.metrics['lstKelvin.mae']!.mean).toBeCloseTo(mean, 10);
    expect(row.metrics['lstKelvin.mae']!.std).toBeCloseTo(std, 10);
    console.log(
      `run ${seconds.toFixed(1)} s; kd-mse LST MAE ${mean.toFixed(3)} ± ${std.toFixed(3)} K`,
    );

    const teacher = json.cells.find((cell) => cell.methodId === 'teacher')!;
    const saved = await readSavedModel(path.join(dir, 'models'), kdCells[0]!.modelId);
    expect(saved?.manifest.metadata.teacherId).toBe(teacher.modelId);
    expect(saved?.manifest.metadata.inputs.map((input) => input.name)).toEqual([
      'tbKelvin.B10',
      'tbKelvin.B11',
      'waterVapourGcm2',
      'viewAngleDeg',
    ]);
    expect(saved?.manifest.metadata.method).toBe('response-mse/offline');
  });

  it('skips the finished cells on a resumed run', async () => {
    const events: RunProgress[] = [];
    await runExperiment({
      experiment: validateExperiment(SMALL_EXPERIMENT, 'small'),
      store: createRunDirectory(dir),
      commandLine: 'vitest resume',
      onProgress: (event) => events.push(event),
    });
    const done = events.filter((event) => event.kind === 'cell-done');
    expect(done).toHaveLength(7);
    expect(done.every((event) => event.kind === 'cell-done' && event.skipped)).toBe(true);
    expect(events.some((event) => event.kind === 'epoch')).toBe(false);
  });
});

describe('meanStd', () => {
  it('uses the sample standard deviation (n − 1)', () => {
    expect(meanStd([1, 2, 3])).toEqual({ mean: 2, std: 1 });
    expect(meanStd([4])).toEqual({ mean: 4, std: 0 });
  });
});
