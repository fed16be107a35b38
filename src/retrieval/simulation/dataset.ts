/**
 * The simulated dataset the models learn from: named float32 columns, the atmosphere id and
 * split label of every row, and self-describing metadata with a content hash. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import { Sha256 } from './sha256.js';
import { SPLIT_NAMES, type SplitName } from './splits.js';

/** Version of the generator; bump when the same options would produce different rows. */
export const GENERATOR_VERSION = '1.0.0';

/** Description of one column. */
export interface DatasetColumn {
  /** Column name, e.g. `tbKelvin.B10`, `lstKelvin`. */
  name: string;
  /** Unit: `K`, `W/(m2 sr um)`, `g/cm2`, `deg` or `1`. */
  unit: string;
  description: string;
}

/** Rows and atmospheres of one split. */
export interface SplitCount {
  rows: number;
  atmospheres: number;
}

/** Everything about a dataset except its rows; stored as the file's JSON header. */
export interface DatasetMetadata {
  format: 'rskd-simulated-dataset';
  formatVersion: 1;
  generatorVersion: string;
  /** Sensor id of spectral-response.ts. */
  sensor: string;
  /** Simulated bands in order; per-band columns are suffixed `.<band>`. */
  bands: string[];
  seed: number;
  /** `parameterised` (ψ-derived atmospheres) or `csv` (user radiative-transfer runs). */
  atmosphereSource: 'parameterised' | 'csv';
  rowCount: number;
  atmosphereCount: number;
  /** Labels of the atmospheres, indexed by the per-row atmosphere id. */
  atmosphereLabels: string[];
  splits: Record<SplitName, SplitCount>;
  columns: DatasetColumn[];
  /** Columns a model may read as inputs. */
  featureColumns: string[];
  /** Columns a model predicts. */
  targetColumns: string[];
  /** The effective simulation options, for provenance. */
  options: Record<string, unknown>;
  /** SHA-256 (hex) of the body: every column's float32 LE bytes, atmosphere ids, split labels. */
  contentHash: string;
}

/** A simulated dataset held in memory. */
export interface SimulatedDataset {
  metadata: DatasetMetadata;
  /** One Float32Array of `rowCount` values per column of `metadata.columns`. */
  columns: Record<string, Float32Array>;
  /** Atmosphere index (into metadata.atmosphereLabels) of every row. */
  atmosphereId: Uint32Array;
  /** Split label of every row: index into SPLIT_NAMES (0 train, 1 validation, 2 test). */
  split: Uint8Array;
}

/** Name of a per-band column: `bandColumn('tbKelvin', 'B10')` → `tbKelvin.B10`. */
export function bandColumn(quantity: string, band: string): string {
  return `${quantity}.${band}`;
}

/** The values of column `name`; throws InvalidParameterError naming the columns present. */
export function columnOf(dataset: SimulatedDataset, name: string): Float32Array {
  const column = dataset.columns[name];
  if (column === undefined) {
    throw new InvalidParameterError(
      `dataset has no column "${name}"; columns: ${Object.keys(dataset.columns).join(', ')}`,
      { column: name },
    );
  }
  return column;
}

/** Indices of the rows of one split, ascending. */
export function rowsOfSplit(dataset: SimulatedDataset, split: SplitName): Uint32Array {
  const label = SPLIT_NAMES.indexOf(split);
  const rows: number[] = [];
  for (let i = 0; i < dataset.split.length; i++) if (dataset.split[i] === label) rows.push(i);
  return Uint32Array.from(rows);
}

function littleEndianBytes(values: Float32Array | Uint32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  if (values instanceof Float32Array) {
    for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i] as number, true);
  } else {
    for (let i = 0; i < values.length; i++) view.setUint32(4 * i, values[i] as number, true);
  }
  return bytes;
}

/**
 * The body bytes in file order: each column of `columnNames` as float32 LE, then the
 * atmosphere ids as uint32 LE, then the split labels as uint8.
 */
export function bodyChunks(
  columns: Record<string, Float32Array>,
  columnNames: readonly string[],
  atmosphereId: Uint32Array,
  split: Uint8Array,
): Uint8Array[] {
  const chunks = columnNames.map((name) => littleEndianBytes(columns[name] ?? new Float32Array()));
  chunks.push(littleEndianBytes(atmosphereId), split);
  return chunks;
}

/** SHA-256 (hex) of the body of a dataset, as stored in `contentHash`. */
export function contentHashOf(
  columns: Record<string, Float32Array>,
  columnNames: readonly string[],
  atmosphereId: Uint32Array,
  split: Uint8Array,
): string {
  const hash = new Sha256();
  for (const chunk of bodyChunks(columns, columnNames, atmosphereId, split)) hash.update(chunk);
  return hash.digestHex();
}
