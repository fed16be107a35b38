import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { validateExperiment } from './experiment-schema.js';
import { runExperiment } from './runner.js';
import { createRunDirectory } from './run-store-node.js';

let dir = '';
beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
  dir = await mkdtemp(path.join(tmpdir(), 'rskd-schemes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mlp = (hidden: number[]) => ({ className: 'MLP', config: { hidden } });

describe('every distillation scheme', () => {
  it('trains a student with a finite test LST MAE under each scheme and feature method', async () => {
    const experiment = validateExperiment({
      name: 'schemes',
      dataset: { simulate: { sensor: 'landsat-9', sampleCount: 1200, seed: 2 } },
      teacher: { architecture: mlp([32, 32]), training: { epochs: 3 } },
      students: [{ id: 's', architecture: mlp([8, 8]) }],
      methods: [
        { id: 'mutual', method: 'mutual-mse', scheme: 'mutual' },
        { id: 'born-again', method: 'response-mse', scheme: 'born-again', generations: 2 },
        { id: 'ta', method: 'response-l1', scheme: 'ta-chain', assistant: mlp([16, 16]) },
        { id: 'multi', method: 'response-mse', scheme: 'multi-teacher', teachers: 2 },
        { id: 'data-free', method: 'response-mse', scheme: 'data-free', dataFreeRows: 512 },
        { id: 'progressive', method: 'teacher-bounded', scheme: 'progressive' },
        { id: 'fitnets', method: 'fitnets', alpha: 0.3 },
        { id: 'factor', method: 'factor-transfer', alpha: 0.3 },
        { id: 'rkd', method: 'rkd', alpha: 0.3 },
      ],
      training: { epochs: 2, batchSize: 128, learningRate: 0.005, patience: 2 },
      seeds: [1, 2, 3],
    });
    const results = await runExperiment({
      experiment,
      store: createRunDirectory(dir),
      commandLine: 'vitest schemes',
    });
    expect(results.rows.map((row) => row.methodId)).toEqual(
      experiment.methods.map((method) => method.id),
    );
    const maes = results.rows.map((row) => row.metrics['lstKelvin.mae']!.mean);
    expect(maes.every((mae) => Number.isFinite(mae) && mae < 30)).toBe(true);
    expect(results.cells.filter((cell) => cell.methodId === 'teacher')).toHaveLength(2);
  });
});
