import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../architectures/index.js';
import { initBackend } from '../backend.js';
import { experimentData } from '../experiments/experiment-data.js';
import { parseExperiment } from '../experiments/experiment-schema.js';
import { preflightExperiment } from '../experiments/preflight.js';
import { runExperiment } from '../experiments/runner.js';
import { createRunDirectory } from '../experiments/run-store-node.js';
import type { DefaultModelIndex } from './default-models.js';
import { defaultModelCatalog } from './default-catalog-node.js';
import { exportDefaults } from './export-defaults-node.js';
import { simulateNamedDataset } from './setting-dataset-file.js';
import { LST_SETTINGS, settingInputs } from './settings.js';

const EXPERIMENTS_DIR = path.resolve(import.meta.dirname, '../../../experiments');

function experimentOf(file: string) {
  return parseExperiment(readFileSync(path.join(EXPERIMENTS_DIR, file), 'utf8'), file);
}

function parameters(
  className: string,
  config: Record<string, unknown>,
  inputs: number,
  outputs: number,
) {
  const network = createNetwork({ className, config: { ...config, inputs, outputs } });
  const count = network.parameterCount();
  network.dispose();
  return count;
}

let dir = '';
beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
  dir = await mkdtemp(path.join(tmpdir(), 'rskd-lst-smoke-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the LST setting experiments', () => {
  it.each(LST_SETTINGS.map((setting) => setting.id))(
    '%s: the full experiment has a teacher ≥ 500k parameters and students ≤ 10 %, one ≤ 5k, and every method runs between them',
    async (id) => {
      const experiment = experimentOf(`${id}.yaml`);
      const setting = LST_SETTINGS.find((candidate) => candidate.id === id)!;
      expect(experiment.dataset.inputs).toEqual(settingInputs(setting));
      expect(experiment.dataset.targets).toEqual([...setting.targets]);
      const [inputs, outputs] = [setting.features.length, setting.targets.length];
      const { className, config } = experiment.teacher.architecture;
      const teacher = parameters(className, config, inputs, outputs);
      const students = experiment.students.map((s) =>
        parameters(s.architecture.className, s.architecture.config, inputs, outputs),
      );
      expect(teacher).toBeGreaterThanOrEqual(500_000);
      expect(Math.max(...students)).toBeLessThanOrEqual(teacher * 0.1);
      expect(Math.min(...students)).toBeLessThanOrEqual(5000);
      expect(experiment.methods.map((m) => m.method)).toEqual(
        expect.arrayContaining(['none', 'response-mse', 'fitnets', 'teacher-bounded']),
      );
      expect(experiment.seeds).toHaveLength(3);
      // The preflight the runner does before training, on 400 rows of the same setting.
      const small = simulateNamedDataset(`lst-${id}-n400-s2025.rskdsim`);
      const data = await experimentData(experiment, () => Promise.resolve(small));
      expect(() => preflightExperiment(experiment, data)).not.toThrow();
    },
  );

  it.each(LST_SETTINGS.map((setting) => setting.id))(
    '%s: the smoke experiment trains, saves and exports teacher and students',
    async (id) => {
      const experiment = experimentOf(`smoke-${id}.yaml`);
      const runsDir = path.join(dir, 'runs');
      const results = await runExperiment({
        experiment,
        store: createRunDirectory(path.join(runsDir, `${id}-fast`)),
        commandLine: `vitest smoke-${id}`,
        loadDataset: (file) => Promise.resolve(simulateNamedDataset(file)),
      });
      const teacher = results.cells.find((cell) => cell.methodId === 'teacher')!;
      expect(teacher.parameters).toBeLessThanOrEqual(20_000);
      expect(results.rows.map((row) => row.methodId)).toEqual(['baseline', 'kd-mse']);
      // LST MAE of a 3-epoch student on 3,000 rows: a few kelvin, never the ~10 K of a constant.
      for (const cell of results.cells) expect(cell.metrics['lstKelvin.mae']).toBeLessThan(6);

      const outDir = path.join(dir, 'defaults');
      const summary = await exportDefaults(runsDir, outDir);
      expect(summary[id]).toEqual({
        runs: [`${id}-fast`],
        roles: ['teacher', 'student', 'student-5k'],
      });
      const index = JSON.parse(
        await readFile(path.join(outDir, id, 'defaults.json'), 'utf8'),
      ) as DefaultModelIndex;
      expect(index.inputs).toEqual(experiment.dataset.inputs);
      expect(index.models[0]!.commandLine).toBe(`vitest smoke-${id}`);
      expect(index.models[0]!.trainingDataHash).toMatch(/^[0-9a-f]{64}$/);
      expect(existsSync(path.join(outDir, id, 'student.onnx'))).toBe(true);
      const catalog = defaultModelCatalog(outDir);
      expect(catalog.defaultFor(id, 'student')?.parameters).toBe(index.models[1]!.parameters);
    },
    60_000,
  );
});
