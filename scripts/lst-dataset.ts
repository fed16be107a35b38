/**
 * Writes the setting dataset file an experiment names, when it is missing:
 *
 *   tsx scripts/lst-dataset.ts experiments/aster-tir.yaml
 *
 * The file name (`lst-<setting>-n<rows>-s<seed>.rskdsim`, relative to the experiment file)
 * says how to simulate it (src/models/lst/setting-dataset-file.ts).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseExperiment } from '../src/models/experiments/experiment-schema.js';
import { simulateNamedDataset } from '../src/models/lst/setting-dataset-file.js';
import { serializeDataset } from '../src/retrieval/simulation/dataset-format.js';

function main(experimentPath: string | undefined): void {
  if (experimentPath === undefined) throw new Error('usage: lst-dataset.ts <experiment.yaml>');
  const experiment = parseExperiment(readFileSync(experimentPath, 'utf8'), experimentPath);
  const file = experiment.dataset.file;
  if (file === undefined) {
    console.log(`${experimentPath}: simulates in memory, no dataset file to write`);
    return;
  }
  const target = path.resolve(path.dirname(experimentPath), file);
  if (existsSync(target)) {
    console.log(`${target}: present`);
    return;
  }
  const started = performance.now();
  const dataset = simulateNamedDataset(file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(`${target}.partial`, serializeDataset(dataset));
  renameSync(`${target}.partial`, target);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${target}: ${dataset.metadata.rowCount} rows, sha256 ${dataset.metadata.contentHash}, ${seconds} s`,
  );
}

try {
  main(process.argv[2]);
} catch (error) {
  console.error(`lst-dataset: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
