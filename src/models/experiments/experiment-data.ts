/**
 * The dataset of an experiment: simulated in memory or read through a loader, gathered into
 * normalised splits, with the input bounds data-free distillation samples within. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import { withNdviProxy } from '../lst/setting-dataset.js';
import { NDVI_PROXY_COLUMN } from '../lst/settings.js';
import type { SimulatedDataset } from '../../retrieval/simulation/dataset.js';
import { bandColumn } from '../../retrieval/simulation/dataset.js';
import { simulateDataset } from '../../retrieval/simulation/simulate.js';
import type { InputBounds } from '../distillation/schemes/data-free.js';
import {
  normaliseSplit,
  tabularData,
  type TabularData,
  type TabularSplit,
} from '../training/tabular-data.js';
import type { Experiment } from './experiment-schema.js';

/** Reads a dataset file named in an experiment (Node: dataset-loader-node.ts). */
export type DatasetLoader = (file: string) => Promise<SimulatedDataset>;

/** The splits an experiment trains on, normalised, with what model metadata records. */
export interface ExperimentData {
  dataset: SimulatedDataset;
  tabular: TabularData;
  train: TabularSplit;
  validation: TabularSplit;
  test: TabularSplit;
  inputs: string[];
  targets: string[];
  /** Bounds of each normalised input over the training split (data-free sampling). */
  inputBounds: InputBounds[];
}

/** Default inputs: Tb per band, water vapour and view angle (emissivity is a target). */
export function defaultInputs(dataset: SimulatedDataset): string[] {
  return [
    ...dataset.metadata.bands.map((band) => bandColumn('tbKelvin', band)),
    'waterVapourGcm2',
    'viewAngleDeg',
  ];
}

function boundsOf(split: TabularSplit, names: readonly string[]): InputBounds[] {
  return names.map((name, c) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < split.rows; r++) {
      const value = split.inputs[r * split.inputWidth + c]!;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return { name, min, max: max > min ? max : min + 1e-3 };
  });
}

async function datasetOf(experiment: Experiment, load?: DatasetLoader): Promise<SimulatedDataset> {
  const { simulate, file } = experiment.dataset;
  if (simulate !== undefined) {
    // The NDVI proxy of the Landsat settings is derived from the simulated vegetation fraction.
    const wantsNdvi = experiment.dataset.inputs?.includes(NDVI_PROXY_COLUMN) === true;
    const dataset = simulateDataset(simulate);
    return wantsNdvi ? withNdviProxy(dataset) : dataset;
  }
  if (file === undefined || load === undefined) {
    throw new InvalidParameterError(
      `dataset.file "${file ?? ''}" cannot be read here; use dataset.simulate`,
    );
  }
  return load(file);
}

/** Loads or simulates the dataset and prepares the normalised splits. */
export async function experimentData(
  experiment: Experiment,
  load?: DatasetLoader,
): Promise<ExperimentData> {
  const dataset = await datasetOf(experiment, load);
  const inputs = experiment.dataset.inputs ?? defaultInputs(dataset);
  const targets = experiment.dataset.targets ?? dataset.metadata.targetColumns;
  const overlap = inputs.find((name) => targets.includes(name));
  if (overlap !== undefined) {
    throw new InvalidParameterError(`dataset: column "${overlap}" is both an input and a target`);
  }
  const tabular = tabularData(dataset, inputs, targets);
  const train = normaliseSplit(tabular.train, tabular);
  return {
    dataset,
    tabular,
    train,
    validation: normaliseSplit(tabular.validation, tabular),
    test: normaliseSplit(tabular.test, tabular),
    inputs,
    targets,
    inputBounds: boundsOf(train, inputs),
  };
}
