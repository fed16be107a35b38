/**
 * Tabular training data of the LST/LSE regression: input and target columns of a simulated
 * dataset gathered per split into row-major Float32Arrays, and the per-column normalisation
 * (z-score with the train split's mean and standard deviation) recorded in model metadata.
 * Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import {
  columnOf,
  rowsOfSplit,
  type SimulatedDataset,
} from '../../retrieval/simulation/dataset.js';
import type { SplitName } from '../../retrieval/simulation/splits.js';

/** Rows of one split: `inputs` rows × inputWidth and `targets` rows × targetWidth, row-major. */
export interface TabularSplit {
  inputs: Float32Array;
  targets: Float32Array;
  rows: number;
  inputWidth: number;
  targetWidth: number;
}

/** The rows `rows` of a row-major matrix of `width` columns, in that order. */
export function gatherRows(values: Float32Array, width: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, r) => out.set(values.subarray(row * width, (row + 1) * width), r * width));
  return out;
}

/** Mean and standard deviation of one column, in the column's unit. */
export interface ColumnScale {
  name: string;
  unit: string;
  mean: number;
  std: number;
}

/** The splits of a dataset for given input and target columns, with their normalisation. */
export interface TabularData {
  train: TabularSplit;
  validation: TabularSplit;
  test: TabularSplit;
  inputScales: ColumnScale[];
  targetScales: ColumnScale[];
}

/** Smallest standard deviation used for scaling, so a constant column does not divide by 0. */
const MIN_STD = 1e-6;

function gather(
  dataset: SimulatedDataset,
  names: readonly string[],
  rows: Uint32Array,
): Float32Array {
  const columns = names.map((name) => columnOf(dataset, name));
  const out = new Float32Array(rows.length * names.length);
  rows.forEach((row, r) => {
    columns.forEach((column, c) => {
      out[r * names.length + c] = column[row] ?? Number.NaN;
    });
  });
  return out;
}

function splitOf(
  dataset: SimulatedDataset,
  split: SplitName,
  inputs: readonly string[],
  targets: readonly string[],
): TabularSplit {
  const rows = rowsOfSplit(dataset, split);
  if (rows.length === 0) {
    throw new InvalidParameterError(
      `the ${split} split of the dataset is empty (${dataset.metadata.rowCount} rows); simulate more rows`,
      { split, rowCount: dataset.metadata.rowCount },
    );
  }
  return {
    inputs: gather(dataset, inputs, rows),
    targets: gather(dataset, targets, rows),
    rows: rows.length,
    inputWidth: inputs.length,
    targetWidth: targets.length,
  };
}

/** Mean and standard deviation (population) of each column of a row-major matrix. */
export function columnStatistics(
  values: Float32Array,
  width: number,
): { mean: number[]; std: number[] } {
  const rows = values.length / width;
  const mean = new Array<number>(width).fill(0);
  const squares = new Array<number>(width).fill(0);
  for (let i = 0; i < values.length; i++) mean[i % width]! += values[i]!;
  for (let c = 0; c < width; c++) mean[c]! /= rows;
  for (let i = 0; i < values.length; i++)
    squares[i % width]! += (values[i]! - mean[i % width]!) ** 2;
  const std = squares.map((sum) => Math.max(MIN_STD, Math.sqrt(sum / rows)));
  return { mean, std };
}

function scalesOf(
  dataset: SimulatedDataset,
  names: readonly string[],
  values: Float32Array,
): ColumnScale[] {
  const units = new Map(dataset.metadata.columns.map((column) => [column.name, column.unit]));
  const { mean, std } = columnStatistics(values, names.length);
  return names.map((name, i) => ({
    name,
    unit: units.get(name) ?? '',
    mean: mean[i] ?? 0,
    std: std[i] ?? 1,
  }));
}

function requireFinite(split: TabularSplit, name: string): void {
  const bad = [split.inputs, split.targets].some((values) =>
    values.some((v) => !Number.isFinite(v)),
  );
  if (bad) {
    throw new InvalidParameterError(
      `the ${name} split has non-finite inputs or targets (e.g. unknown water vapour); drop those columns`,
      { split: name },
    );
  }
}

/**
 * Gathers the train, validation and test splits of `dataset` for the given columns and the
 * train split's normalisation. Throws InvalidParameterError for an unknown column, an empty
 * split or a non-finite value.
 */
export function tabularData(
  dataset: SimulatedDataset,
  inputs: readonly string[],
  targets: readonly string[],
): TabularData {
  const train = splitOf(dataset, 'train', inputs, targets);
  const validation = splitOf(dataset, 'validation', inputs, targets);
  const test = splitOf(dataset, 'test', inputs, targets);
  requireFinite(train, 'train');
  requireFinite(validation, 'validation');
  requireFinite(test, 'test');
  return {
    train,
    validation,
    test,
    inputScales: scalesOf(dataset, inputs, train.inputs),
    targetScales: scalesOf(dataset, targets, train.targets),
  };
}

/** `(value − mean) / std` per column (a new array). */
export function normalise(values: Float32Array, scales: readonly ColumnScale[]): Float32Array {
  const width = scales.length;
  return values.map((value, i) => {
    const scale = scales[i % width]!;
    return (value - scale.mean) / scale.std;
  });
}

/** `value · std + mean` per column (a new array): the inverse of {@link normalise}. */
export function denormalise(values: Float32Array, scales: readonly ColumnScale[]): Float32Array {
  const width = scales.length;
  return values.map((value, i) => {
    const scale = scales[i % width]!;
    return value * scale.std + scale.mean;
  });
}

/** A split with its inputs and targets normalised. */
export function normaliseSplit(split: TabularSplit, data: TabularData): TabularSplit {
  return {
    ...split,
    inputs: normalise(split.inputs, data.inputScales),
    targets: normalise(split.targets, data.targetScales),
  };
}
