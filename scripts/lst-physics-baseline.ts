/**
 * Physics baselines on the held-out (test) split of a Landsat 8 setting dataset, for comparison
 * with the students of the same dataset (their metrics are on the same split):
 *
 *   tsx scripts/lst-physics-baseline.ts runs/datasets/lst-landsat-b10-b11-wv-ndvi-n30000-s2025.rskdsim
 *
 * JM 2014 split-window and single-channel (Jiménez-Muñoz et al. 2014) with the true water vapour,
 * with the true band emissivities and with NDVI-threshold emissivities of the NDVI proxy
 * (Skoković et al. 2014 coefficients), and a constant emissivity (the training mean) for
 * reference. Prints MAE, RMSE and bias in kelvin.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ndviThresholdEmissivity } from '../src/retrieval/emissivity.js';
import { SKOKOVIC_2014_TIRS } from '../src/retrieval/emissivity-sets.js';
import { bandRadiance } from '../src/retrieval/planck.js';
import {
  JIMENEZ_MUNOZ_2014_TIRS_B10,
  singleChannelLstKelvin,
  atmosphericFunctions,
  bGammaKelvin,
} from '../src/retrieval/single-channel.js';
import { parseDataset } from '../src/retrieval/simulation/dataset-format.js';
import { columnOf, rowsOfSplit } from '../src/retrieval/simulation/dataset.js';
import { spectralResponseOf } from '../src/retrieval/spectral-response.js';
import { splitWindowLstKelvin } from '../src/retrieval/split-window.js';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: lst-physics-baseline.ts <dataset.rskdsim>');
  process.exit(1);
}
const dataset = parseDataset(new Uint8Array(readFileSync(file)), path.basename(file));
const test = rowsOfSplit(dataset, 'test');
const take = (name: string) => Float32Array.from(test, (row) => columnOf(dataset, name)[row]!);
const [tb10, tb11, e10, e11, lst, w, ndvi] = [
  'tbKelvin.B10',
  'tbKelvin.B11',
  'emissivity.B10',
  'emissivity.B11',
  'lstKelvin',
  'waterVapourGcm2',
  'ndviProxy',
].map(take) as [
  Float32Array,
  Float32Array,
  Float32Array,
  Float32Array,
  Float32Array,
  Float32Array,
  Float32Array,
];

const ndviE10 = ndviThresholdEmissivity(ndvi, null, SKOKOVIC_2014_TIRS, 'B10');
const ndviE11 = ndviThresholdEmissivity(ndvi, null, SKOKOVIC_2014_TIRS, 'B11');
const srf = spectralResponseOf(dataset.metadata.sensor, 'B10');
const bGamma = bGammaKelvin(JIMENEZ_MUNOZ_2014_TIRS_B10.effectiveWavelengthUm);

function metrics(label: string, predict: (i: number) => number): void {
  let n = 0;
  let abs = 0;
  let sq = 0;
  let sum = 0;
  for (let i = 0; i < test.length; i++) {
    const d = predict(i) - lst[i]!;
    if (!Number.isFinite(d)) continue;
    n++;
    abs += Math.abs(d);
    sq += d * d;
    sum += d;
  }
  console.log(
    `${label}: MAE ${(abs / n).toFixed(3)} K, RMSE ${Math.sqrt(sq / n).toFixed(3)} K, bias ${(sum / n).toFixed(3)} K (${n} rows)`,
  );
}

const single = (i: number, e: number) =>
  singleChannelLstKelvin(
    bandRadiance(srf, tb10[i]!),
    tb10[i]!,
    e,
    atmosphericFunctions(w[i]!, JIMENEZ_MUNOZ_2014_TIRS_B10),
    bGamma,
  );
console.log(`${file}: test split, ${test.length} rows`);
metrics('split-window JM2014, true ε and w', (i) =>
  splitWindowLstKelvin(tb10[i]!, tb11[i]!, e10[i]!, e11[i]!, w[i]!),
);
metrics('split-window JM2014, NDVI-threshold ε, true w', (i) =>
  splitWindowLstKelvin(tb10[i]!, tb11[i]!, ndviE10[i]!, ndviE11[i]!, w[i]!),
);
metrics('single-channel JM2014, true ε and w', (i) => single(i, e10[i]!));
metrics('single-channel JM2014, NDVI-threshold ε, true w', (i) => single(i, ndviE10[i]!));

/** RMSE of an emissivity estimate against the true band emissivity. */
function emissivityRmse(label: string, truth: Float32Array, estimate: (i: number) => number): void {
  let sq = 0;
  for (let i = 0; i < truth.length; i++) sq += (estimate(i) - truth[i]!) ** 2;
  console.log(`${label}: RMSE ${Math.sqrt(sq / truth.length).toFixed(5)}`);
}
const trainRows = rowsOfSplit(dataset, 'train');
for (const [band, truth, ndviEstimate] of [
  ['B10', e10, ndviE10],
  ['B11', e11, ndviE11],
] as const) {
  const column = columnOf(dataset, `emissivity.${band}`);
  const mean = trainRows.reduce((sum, row) => sum + column[row]!, 0) / trainRows.length;
  emissivityRmse(
    `emissivity ${band} constant (training mean ${mean.toFixed(4)})`,
    truth,
    () => mean,
  );
  emissivityRmse(
    `emissivity ${band} NDVI-threshold (Skoković 2014)`,
    truth,
    (i) => ndviEstimate[i]!,
  );
}
