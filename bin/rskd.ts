/**
 * The rskd command line.
 *
 *   rskd distill <experiment.yaml|json> [--out DIR] [--resume]
 *   rskd results <run DIR>        the results table of the cells finished so far (stdout)
 *   rskd simulate --sensor landsat-8 --samples 100000 --out l8.rskdsim   (see scripts/simulate.ts)
 *
 * `distill` trains the experiment into DIR (default `runs/<name>`): state.json, checkpoints/,
 * models/, results.md, results.csv, results.json. A DIR holding a run needs --resume, which
 * skips the finished cells and resumes the teacher from its last epoch. Bad input ends with
 * exit code 1 and one line on stderr.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { initBackend } from '../src/models/backend.js';
import { parseExperiment } from '../src/models/experiments/experiment-schema.js';
import { runExperiment } from '../src/models/experiments/runner.js';
import { resultRows, resultsMarkdown } from '../src/models/experiments/results-table.js';
import { createRunDirectory } from '../src/models/experiments/run-store-node.js';
import type { CellResult, RunState } from '../src/models/experiments/run-store.js';
import { simulateNamedDataset } from '../src/models/lst/setting-dataset-file.js';
import type { Logger } from '../src/logger.js';
import type { SimulatedDataset } from '../src/retrieval/simulation/dataset.js';
import { parseDataset, serializeDataset } from '../src/retrieval/simulation/dataset-format.js';
import { progressDisplay } from './progress-display.js';

const USAGE =
  'usage: rskd distill <experiment.yaml> [--out DIR] [--resume] | rskd results <run DIR> | rskd simulate --sensor ID --samples N --out FILE';

/** A bad command line or input: printed as one line, exit code 1. */
class UsageError extends Error {}

async function distillCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, resume: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) throw new UsageError(USAGE);
  if (!existsSync(file)) throw new UsageError(`experiment file ${file} does not exist`);
  const experiment = parseExperiment(await readFile(file, 'utf8'), path.basename(file));
  const outDir = values.out ?? path.join('runs', experiment.name);
  if (existsSync(path.join(outDir, 'state.json')) && values.resume !== true) {
    throw new UsageError(`${outDir} already holds a run; pass --resume or choose another --out`);
  }

  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const backend = await initBackend({ logger });
  const display = progressDisplay(process.stderr.isTTY === true, logger);
  const baseDir = path.dirname(path.resolve(file));
  try {
    const results = await runExperiment({
      experiment,
      store: createRunDirectory(outDir),
      commandLine: ['rskd', 'distill', ...args].join(' '),
      loadDataset: async (name) => {
        const datasetPath = path.resolve(baseDir, name);
        if (!existsSync(datasetPath)) return buildNamedDataset(datasetPath, logger);
        return parseDataset(new Uint8Array(await readFile(datasetPath)), path.basename(name));
      },
      onProgress: (event) => display.onProgress(event),
    });
    display.stop();
    process.stdout.write(results.files['results.md'] ?? '');
    process.stdout.write(`\nresults in ${outDir} (backend ${backend.name})\n`);
  } finally {
    display.stop();
  }
}

/**
 * Simulates a missing setting dataset file from its name (`lst-<setting>-n<rows>-s<seed>…`,
 * src/models/lst/setting-dataset-file.ts) and writes it, so an experiment runs on a fresh
 * clone; any other missing file is an error naming it.
 */
async function buildNamedDataset(datasetPath: string, logger: Logger): Promise<SimulatedDataset> {
  const base = path.basename(datasetPath);
  let dataset: SimulatedDataset;
  try {
    dataset = simulateNamedDataset(base);
  } catch {
    throw new UsageError(`dataset file ${datasetPath} does not exist`);
  }
  await mkdir(path.dirname(datasetPath), { recursive: true });
  await writeFile(`${datasetPath}.partial`, serializeDataset(dataset));
  await rename(`${datasetPath}.partial`, datasetPath);
  logger.info(
    { file: datasetPath, rows: dataset.metadata.rowCount, sha256: dataset.metadata.contentHash },
    'simulated the missing dataset file',
  );
  return dataset;
}

/** Targets of the cells' metric names (`lstKelvin.mae` → `lstKelvin`), in first-seen order. */
function targetsOf(cells: readonly CellResult[]): string[] {
  const names = cells.flatMap((cell) => Object.keys(cell.metrics));
  return [...new Set(names.map((name) => name.slice(0, name.lastIndexOf('.'))))];
}

/** Prints the Markdown table of a run's finished cells (an interrupted run included). */
async function resultsCommand(args: string[]): Promise<void> {
  const dir = args[0];
  if (dir === undefined || args.length > 1) throw new UsageError(USAGE);
  const statePath = path.join(dir, 'state.json');
  if (!existsSync(statePath)) throw new UsageError(`${dir} holds no run (no state.json)`);
  let state: RunState;
  try {
    state = JSON.parse(await readFile(statePath, 'utf8')) as RunState;
  } catch (error) {
    throw new UsageError(`${statePath} is not valid JSON: ${(error as Error).message}`);
  }
  const cells = Object.values(state.cells ?? {});
  const teacher = cells.find((cell) => cell.methodId === 'teacher');
  const students = cells.filter((cell) => cell.methodId !== 'teacher');
  const targets = targetsOf(cells);
  const title = `Run ${path.basename(path.resolve(dir))}: ${students.length} finished student cells`;
  process.stdout.write(
    resultsMarkdown(title, resultRows(students, targets, teacher), targets, teacher),
  );
}

async function simulateCommand(args: string[]): Promise<void> {
  const script = fileURLToPath(new URL('../scripts/simulate.ts', import.meta.url));
  process.argv = [process.argv[0] ?? 'node', script, ...args];
  await import('../scripts/simulate.js');
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'distill') return distillCommand(rest);
  if (command === 'results') return resultsCommand(rest);
  if (command === 'simulate') return simulateCommand(rest);
  throw new UsageError(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`rskd: ${message.split('\n')[0] ?? message}\n`);
  process.exit(1);
});
