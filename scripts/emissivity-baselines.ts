/**
 * Emissivity baselines on the held-out (test) split of a setting dataset, for the networks'
 * per-band emissivity RMSE on the same split (results.md of its experiment):
 *
 *   tsx scripts/emissivity-baselines.ts runs/datasets/lst-aster-tir-n200000-s2025.rskdsim
 *
 * Per band: the test split's standard deviation; a constant emissivity (the training mean);
 * and the NDVI-threshold form ε = a + b·Pv (Sobrino et al. 2004, RSE 90, eq. 5 without the
 * cavity term, which is linear in Pv too once εv and εs are fixed) with a and b fitted by least
 * squares on the training split against the simulator's true vegetation fraction Pv: the best
 * any NDVI-threshold coefficients can do with a perfect NDVI, so an optimistic baseline.
 * Prints a Markdown table (RMSE, unitless).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDataset } from '../src/retrieval/simulation/dataset-format.js';
import { columnOf, rowsOfSplit } from '../src/retrieval/simulation/dataset.js';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: emissivity-baselines.ts <dataset.rskdsim>');
  process.exit(1);
}
const dataset = parseDataset(new Uint8Array(readFileSync(file)), path.basename(file));
const train = rowsOfSplit(dataset, 'train');
const test = rowsOfSplit(dataset, 'test');
const pv = columnOf(dataset, 'vegetationFraction');

function mean(values: Float32Array, rows: Uint32Array): number {
  let sum = 0;
  for (const row of rows) sum += values[row]!;
  return sum / rows.length;
}

/** Least-squares a, b of y ≈ a + b·x over `rows`. */
function fitLine(x: Float32Array, y: Float32Array, rows: Uint32Array): [number, number] {
  const mx = mean(x, rows);
  const my = mean(y, rows);
  let sxy = 0;
  let sxx = 0;
  for (const row of rows) {
    sxy += (x[row]! - mx) * (y[row]! - my);
    sxx += (x[row]! - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return [my - b * mx, b];
}

function rmse(truth: Float32Array, rows: Uint32Array, predict: (row: number) => number): number {
  let sum = 0;
  for (const row of rows) sum += (predict(row) - truth[row]!) ** 2;
  return Math.sqrt(sum / rows.length);
}

console.log(`${path.basename(file)}: test split ${test.length} rows, training ${train.length}`);
console.log(
  '| band | test std | constant (training mean) RMSE | NDVI-threshold form (fitted on Pv) RMSE |',
);
console.log('| --- | --- | --- | --- |');
for (const band of dataset.metadata.bands) {
  const emissivity = columnOf(dataset, `emissivity.${band}`);
  const testMean = mean(emissivity, test);
  const std = rmse(emissivity, test, () => testMean);
  const constant = mean(emissivity, train);
  const [a, b] = fitLine(pv, emissivity, train);
  const constantRmse = rmse(emissivity, test, () => constant);
  const thresholdRmse = rmse(emissivity, test, (row) => a + b * pv[row]!);
  const cells = [std, constantRmse, thresholdRmse].map((value) => value.toFixed(5));
  console.log(`| ${band} | ${cells.join(' | ')} |`);
}
