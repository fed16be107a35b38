/**
 * The dataset file: a self-describing binary the model code reads in Node and in browsers.
 *
 *   bytes 0–7   magic `RSKDSIM1` (ASCII)
 *   bytes 8–11  header length H (uint32 little-endian), a multiple of 4
 *   next H      UTF-8 JSON of DatasetMetadata, right-padded with spaces
 *   body        each column of metadata.columns in order, rowCount float32 LE values;
 *               then rowCount uint32 LE atmosphere ids; then rowCount uint8 split labels
 *
 * The header's contentHash is the SHA-256 of the body; parsing recomputes and checks it.
 * Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import {
  bodyChunks,
  contentHashOf,
  type DatasetMetadata,
  type SimulatedDataset,
} from './dataset.js';

/** The 8 ASCII bytes that open a dataset file. */
export const DATASET_MAGIC = 'RSKDSIM1';
const PREAMBLE_BYTES = 12;
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

/** The file bytes of `dataset`. */
export function serializeDataset(dataset: SimulatedDataset): Uint8Array {
  const names = dataset.metadata.columns.map((column) => column.name);
  let json = JSON.stringify(dataset.metadata);
  let header = new TextEncoder().encode(json);
  const padding = (4 - ((PREAMBLE_BYTES + header.length) % 4)) % 4;
  if (padding > 0) {
    json += ' '.repeat(padding);
    header = new TextEncoder().encode(json);
  }
  const body = bodyChunks(dataset.columns, names, dataset.atmosphereId, dataset.split);
  const total = PREAMBLE_BYTES + header.length + body.reduce((sum, chunk) => sum + chunk.length, 0);

  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode(DATASET_MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, header.length, true);
  bytes.set(header, PREAMBLE_BYTES);
  let offset = PREAMBLE_BYTES + header.length;
  for (const chunk of body) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function corrupt(name: string, message: string, details: Record<string, unknown> = {}): never {
  throw new InvalidParameterError(`${name} is not a valid dataset file: ${message}`, details);
}

function readHeader(bytes: Uint8Array, name: string): { metadata: DatasetMetadata; end: number } {
  if (bytes.length < PREAMBLE_BYTES) corrupt(name, `only ${bytes.length} bytes`);
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== DATASET_MAGIC) corrupt(name, `magic "${magic}" is not ${DATASET_MAGIC}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES || PREAMBLE_BYTES + headerLength > bytes.length) {
    corrupt(name, `header length ${headerLength} exceeds the file (${bytes.length} bytes)`);
  }
  const end = PREAMBLE_BYTES + headerLength;
  let metadata: DatasetMetadata;
  try {
    metadata = JSON.parse(
      new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, end)),
    ) as DatasetMetadata;
  } catch (error) {
    corrupt(name, `header is not JSON (${(error as Error).message})`);
  }
  if (metadata.format !== 'rskd-simulated-dataset' || metadata.formatVersion !== 1) {
    corrupt(
      name,
      `format ${String(metadata.format)} v${String(metadata.formatVersion)} is unsupported`,
    );
  }
  if (
    !Number.isInteger(metadata.rowCount) ||
    metadata.rowCount < 0 ||
    !Array.isArray(metadata.columns)
  ) {
    corrupt(name, 'header lacks rowCount or columns');
  }
  return { metadata, end };
}

/**
 * The dataset stored in `bytes` (as written by serializeDataset). `name` labels errors.
 *
 * @throws InvalidParameterError for a wrong magic, an unsupported version, a truncated body or
 *   a content hash that does not match.
 */
export function parseDataset(bytes: Uint8Array, name = 'dataset'): SimulatedDataset {
  const { metadata, end } = readHeader(bytes, name);
  const rows = metadata.rowCount;
  const expected = end + metadata.columns.length * rows * 4 + rows * 4 + rows;
  if (bytes.length !== expected) {
    corrupt(name, `body has ${bytes.length - end} bytes, expected ${expected - end}`);
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = end;
  const columns: Record<string, Float32Array> = {};
  for (const column of metadata.columns) {
    const values = new Float32Array(rows);
    for (let i = 0; i < rows; i++) values[i] = view.getFloat32(offset + 4 * i, true);
    columns[column.name] = values;
    offset += rows * 4;
  }
  const atmosphereId = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) atmosphereId[i] = view.getUint32(offset + 4 * i, true);
  offset += rows * 4;
  const split = bytes.slice(offset, offset + rows);

  const names = metadata.columns.map((column) => column.name);
  const hash = contentHashOf(columns, names, atmosphereId, split);
  if (hash !== metadata.contentHash) {
    corrupt(
      name,
      `content hash ${hash.slice(0, 12)}… does not match ${String(metadata.contentHash).slice(0, 12)}…`,
    );
  }
  return { metadata, columns, atmosphereId, split };
}
