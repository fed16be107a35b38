/**
 * Writes a simulated training/test dataset file (src/retrieval/simulation/dataset-format.ts).
 *
 *   npm run simulate -- --sensor landsat-8 --samples 100000 --seed 42 --out l8.rskdsim
 *   npm run simulate -- --sensor landsat-8 --samples 100000 --profiles modtran.csv --out l8.rskdsim
 *
 * Options: --sensor ID, --samples N, --seed N (default 1), --out FILE, --profiles CSV (user
 * radiative-transfer runs: profile_id,band,tau,lup,ldown[,w][,view_angle]),
 * --per-atmosphere N (default 20), --w-min/--w-max g/cm2, --max-view-angle deg, --no-noise.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { RskdError } from '../src/errors.js';
import { serializeDataset } from '../src/retrieval/simulation/dataset-format.js';
import { parseRtCsv } from '../src/retrieval/simulation/rt-csv.js';
import { simulateDataset, type SimulationOptions } from '../src/retrieval/simulation/simulate.js';

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`--${name} must be an integer, got "${text}"`);
  return value;
}

function optionalNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

function optionsFrom(values: Record<string, string | boolean | undefined>): SimulationOptions {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const sensor = text('sensor');
  if (sensor === undefined) throw new Error('--sensor is required (e.g. landsat-8)');
  const options: SimulationOptions = {
    sensor,
    seed: integer('seed', text('seed'), 1),
    sampleCount: integer('samples', text('samples'), 10_000),
    samplesPerAtmosphere: integer('per-atmosphere', text('per-atmosphere'), 20),
    noise: values['no-noise'] !== true,
  };
  const wMin = optionalNumber('w-min', text('w-min'));
  const wMax = optionalNumber('w-max', text('w-max'));
  if (wMin !== undefined || wMax !== undefined)
    options.waterVapourRangeGcm2 = [wMin ?? 0.2, wMax ?? 6];
  const maxView = optionalNumber('max-view-angle', text('max-view-angle'));
  if (maxView !== undefined) options.maxViewAngleDeg = maxView;
  const profilesPath = text('profiles');
  if (profilesPath !== undefined) {
    options.profiles = parseRtCsv(
      readFileSync(profilesPath, 'utf8'),
      sensor,
      basename(profilesPath),
    );
  }
  return options;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sensor: { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      profiles: { type: 'string' },
      'per-atmosphere': { type: 'string' },
      'w-min': { type: 'string' },
      'w-max': { type: 'string' },
      'max-view-angle': { type: 'string' },
      'no-noise': { type: 'boolean' },
    },
  });
  const out = values.out;
  if (out === undefined) throw new Error('--out FILE is required');

  const started = performance.now();
  const dataset = simulateDataset(optionsFrom(values));
  const bytes = serializeDataset(dataset);
  const temporary = `${out}.partial`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, out);

  const { metadata } = dataset;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `${out}: ${metadata.rowCount} rows, ${metadata.atmosphereCount} atmospheres ` +
      `(train ${metadata.splits.train.rows}, validation ${metadata.splits.validation.rows}, ` +
      `test ${metadata.splits.test.rows}), ${bytes.length} bytes, sha256 ${metadata.contentHash}, ${seconds} s`,
  );
}

try {
  main();
} catch (error) {
  const message =
    error instanceof RskdError || error instanceof Error ? error.message : String(error);
  console.error(`simulate: ${message}`);
  process.exit(1);
}
