/**
 * The `rskd` command line as a user runs it (`node bin/rskd.mjs`): distill a tiny experiment,
 * print the results of a run, and the one-line refusals with exit code 1.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const RSKD = path.resolve('bin/rskd.mjs');

async function rskd(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [RSKD, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const EXPERIMENT = {
  name: 'cli-tiny',
  dataset: { simulate: { sensor: 'landsat-8', sampleCount: 1500, seed: 3 } },
  teacher: {
    architecture: { className: 'MLP', config: { hidden: [32, 32] } },
    training: { epochs: 3 },
  },
  students: [{ id: 's8', architecture: { className: 'MLP', config: { hidden: [8] } } }],
  methods: [
    { id: 'baseline', method: 'none' },
    { id: 'kd', method: 'response-mse', alpha: 0.5 },
  ],
  training: { epochs: 2, batchSize: 128, learningRate: 0.005, patience: 2 },
  seeds: [1, 2, 3],
};

describe('rskd command line', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rskd-cli-'));
    await writeFile(path.join(dir, 'tiny.json'), JSON.stringify(EXPERIMENT));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('distills an experiment, then prints the same table from the run directory', async () => {
    const out = path.join(dir, 'run');
    const distilled = await rskd(['distill', path.join(dir, 'tiny.json'), '--out', out]);
    expect(distilled.stderr).toBe('');
    expect(distilled.code).toBe(0);
    expect(distilled.stdout).toMatch(/^# Experiment cli-tiny/);
    expect(distilled.stdout).toMatch(/\| baseline \| supervised \| s8 \| 3 \|/);
    expect(distilled.stdout).toMatch(/\| kd \| offline \| s8 \| 3 \|/);
    expect(distilled.stdout).toContain(`results in ${out}`);

    const printed = await rskd(['results', out]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^# Run run: 6 finished student cells/);
    // The same rows as the experiment's own table (identity and metric cells).
    const rowsOf = (text: string) =>
      text.split('\n').filter((line) => /^\| (baseline|kd) /.test(line));
    expect(rowsOf(printed.stdout)).toEqual(rowsOf(distilled.stdout));
    expect(printed.stdout).toMatch(/Teacher \(seed 0\): \d+ parameters, LST MAE \d+\.\d{3} K/);

    const again = await rskd(['distill', path.join(dir, 'tiny.json'), '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `rskd: ${out} already holds a run; pass --resume or choose another --out`,
    );
  }, 180_000);

  it('refuses a missing experiment, an unknown command and a directory without a run', async () => {
    const missing = await rskd(['distill', path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      `rskd: experiment file ${path.join(dir, 'nope.yaml')} does not exist`,
    );
    const unknown = await rskd(['train']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^rskd: usage: rskd distill/);
    const empty = await rskd(['results', dir]);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim()).toBe(`rskd: ${dir} holds no run (no state.json)`);
  });

  it('simulates a missing setting dataset file from its name, once', async () => {
    const named = {
      ...EXPERIMENT,
      name: 'cli-named',
      dataset: {
        file: 'data/lst-landsat-b10-ndvi-n1500-s7.rskdsim',
        inputs: ['tbKelvin.B10', 'ndviProxy'],
        targets: ['lstKelvin', 'emissivity.B10'],
      },
      methods: [{ id: 'baseline', method: 'none' }],
    };
    await writeFile(path.join(dir, 'named.json'), JSON.stringify(named));
    const first = await rskd([
      'distill',
      path.join(dir, 'named.json'),
      '--out',
      path.join(dir, 'n1'),
    ]);
    expect(first.code).toBe(0);
    const file = path.join(dir, 'data/lst-landsat-b10-ndvi-n1500-s7.rskdsim');
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('RSKDSIM1');
    const second = await rskd([
      'distill',
      path.join(dir, 'named.json'),
      '--out',
      path.join(dir, 'n2'),
    ]);
    expect(second.code).toBe(0);
    expect((await readFile(file)).equals(bytes)).toBe(true);
    // Same data, same seeds: the same figures (timings aside: the last two columns).
    const rows = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('| baseline'))
        .map((line) => line.split(' | ').slice(0, -2).join(' | '));
    expect(rows(second.stdout)).toEqual(rows(first.stdout));

    const other = { ...named, dataset: { ...named.dataset, file: 'data/mine.rskdsim' } };
    await writeFile(path.join(dir, 'other.json'), JSON.stringify(other));
    const missing = await rskd([
      'distill',
      path.join(dir, 'other.json'),
      '--out',
      path.join(dir, 'n3'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      `rskd: dataset file ${path.join(dir, 'data/mine.rskdsim')} does not exist`,
    );
  }, 180_000);

  it('refuses an experiment with two seeds, naming the field', async () => {
    await writeFile(path.join(dir, 'two.json'), JSON.stringify({ ...EXPERIMENT, seeds: [1, 2] }));
    const refused = await rskd([
      'distill',
      path.join(dir, 'two.json'),
      '--out',
      path.join(dir, 'x'),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(refused.stderr).toContain('seeds');
  });
});
