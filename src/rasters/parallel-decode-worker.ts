/**
 * Decode worker of parallel-decode.ts (kept alive between jobs): for each job it takes block
 * indices from the job's shared counter until none is left, and for each reads the block's bytes, inflates them (node:zlib), undoes the predictor
 * and writes float32 pixels straight into the shared output image (noData → NaN).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';

import { canUseWordPredictor, undoFloatPredictorRow } from './float-predictor.js';
import { SAMPLE_BYTES } from './geotiff-metadata.js';
import { rowsInBlock } from './block-layout.js';
import type { BlockLayout } from './block-layout.js';
import { SAMPLE_ARRAYS } from './sample-arrays.js';
import { toHostOrder } from './tiff-predictor.js';

/** One whole-band decode, shared by every worker of the pool. */
export interface DecodeWorkerData {
  layout: BlockLayout;
  /** Byte offset and byte count of every block of the band, in block order. */
  offsets: Float64Array;
  byteCounts: Float64Array;
  /** Int32Array[1] over a SharedArrayBuffer: the next block index to take. */
  counter: SharedArrayBuffer;
  /** width × height float32 over a SharedArrayBuffer. */
  output: SharedArrayBuffer;
}

/** The pixel rectangle of block (bx, by) that lies inside the image. */
interface BlockSpan {
  x0: number;
  y0: number;
  columns: number;
  rows: number;
}

function spanOf(layout: BlockLayout, index: number): BlockSpan {
  const bx = index % layout.blocksAcross;
  const by = Math.floor(index / layout.blocksAcross);
  const x0 = bx * layout.blockWidth;
  const y0 = by * layout.blockHeight;
  return {
    x0,
    y0,
    columns: Math.min(layout.blockWidth, layout.width - x0),
    rows: Math.min(rowsInBlock(layout, by), layout.height - y0),
  };
}

/** Bits of the float32 quiet NaN written for noData pixels. */
const NAN_BITS = 0x7fc00000;

/** Bits of the noData value as float32, or -1 (no uint32 equals it) when there is none. */
function noDataBits(noData: number | null): number {
  if (noData === null || Number.isNaN(noData)) return -1;
  const word = new Float32Array([noData]);
  return new Uint32Array(word.buffer)[0]!;
}

/**
 * Predictor 3 of a single-band float32 block (rows a multiple of 4 pixels wide), undone row by
 * row with float-predictor.ts straight into the output; noData becomes NaN here too.
 */
function floatPredictorInto(
  bytes: Uint8Array,
  layout: BlockLayout,
  span: BlockSpan,
  out: Uint32Array,
): void {
  const w = layout.blockWidth;
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
  const row = new Uint32Array(w);
  const noData = noDataBits(layout.noData);
  for (let r = 0; r < span.rows; r++) {
    undoFloatPredictorRow(words, r * w, w, row);
    let at = (span.y0 + r) * layout.width + span.x0;
    for (let c = 0; c < span.columns; c++) {
      const word = row[c]!;
      out[at++] = word === noData ? NAN_BITS : word;
    }
  }
}

/** Any other layout: tiff-predictor.ts brings the block to little-endian, then a typed view. */
function genericInto(
  bytes: Uint8Array,
  layout: BlockLayout,
  span: BlockSpan,
  out: Float32Array,
  by: number,
): void {
  const sampleBytes = SAMPLE_BYTES[layout.sampleType];
  const aligned = bytes.byteOffset % sampleBytes === 0 ? bytes : bytes.slice();
  toHostOrder(aligned, {
    predictor: layout.predictor,
    blockWidth: layout.blockWidth,
    rows: rowsInBlock(layout, by),
    samplesPerPixel: layout.samplesPerPixel,
    bytesPerSample: sampleBytes,
    littleEndian: layout.littleEndian,
  });
  const count = Math.floor(aligned.byteLength / sampleBytes);
  const samples = new SAMPLE_ARRAYS[layout.sampleType](aligned.buffer, aligned.byteOffset, count);
  const spp = layout.samplesPerPixel;
  for (let r = 0; r < span.rows; r++) {
    let at = r * layout.blockWidth * spp + layout.bandIndex;
    let outAt = (span.y0 + r) * layout.width + span.x0;
    for (let c = 0; c < span.columns; c++, at += spp) out[outAt++] = samples[at]!;
  }
}

function maskRows(out: Float32Array, layout: BlockLayout, span: BlockSpan): void {
  if (layout.noData === null) return;
  const target = Math.fround(layout.noData);
  if (Number.isNaN(target)) return;
  for (let r = 0; r < span.rows; r++) {
    const start = (span.y0 + r) * layout.width + span.x0;
    for (let i = start; i < start + span.columns; i++) if (out[i] === target) out[i] = NaN;
  }
}

function decodeBlock(
  fd: number,
  data: DecodeWorkerData,
  index: number,
  out: Float32Array,
  outBits: Uint32Array,
): void {
  const { layout } = data;
  const span = spanOf(layout, index);
  const byteCount = data.byteCounts[index]!;
  if (byteCount === 0) {
    const fill = layout.noData === null ? 0 : NaN;
    for (let r = 0; r < span.rows; r++) {
      const start = (span.y0 + r) * layout.width + span.x0;
      out.fill(fill, start, start + span.columns);
    }
    return;
  }
  const raw = Buffer.allocUnsafe(byteCount);
  readSync(fd, raw, 0, byteCount, data.offsets[index]!);
  const expectedBytes =
    layout.blockWidth *
    rowsInBlock(layout, Math.floor(index / layout.blocksAcross)) *
    layout.samplesPerPixel *
    SAMPLE_BYTES[layout.sampleType];
  // The bound stops a hostile block from inflating past what the block can hold.
  const inflated =
    layout.compression === 1 ? raw : inflateSync(raw, { maxOutputLength: expectedBytes });
  if (inflated.byteLength < expectedBytes) {
    throw new Error(
      `block ${index} decodes to ${inflated.byteLength} bytes, ${expectedBytes} expected`,
    );
  }
  const bytes = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  const fused =
    layout.predictor === 3 &&
    layout.sampleType === 'float32' &&
    layout.samplesPerPixel === 1 &&
    canUseWordPredictor(layout.blockWidth);
  if (fused) {
    floatPredictorInto(bytes, layout, span, outBits);
    return;
  }
  genericInto(bytes, layout, span, out, Math.floor(index / layout.blocksAcross));
  maskRows(out, layout, span);
}

function run(data: DecodeWorkerData): void {
  const counter = new Int32Array(data.counter);
  const out = new Float32Array(data.output);
  const outBits = new Uint32Array(data.output);
  const fd = openSync(data.layout.filePath, 'r');
  try {
    const blockCount = data.offsets.length;
    for (;;) {
      const index = Atomics.add(counter, 0, 1);
      if (index >= blockCount) break;
      decodeBlock(fd, data, index, out, outBits);
    }
  } finally {
    closeSync(fd);
  }
}

/** A job posted by parallel-decode.ts; the worker answers {@link DecodeJobReply}. */
export interface DecodeJob {
  id: number;
  data: DecodeWorkerData;
}

/** The answer to one job: done, or the error message. */
export interface DecodeJobReply {
  id: number;
  ok: boolean;
  message?: string;
}

parentPort?.on('message', (job: DecodeJob) => {
  let reply: DecodeJobReply;
  try {
    run(job.data);
    reply = { id: job.id, ok: true };
  } catch (error) {
    reply = {
      id: job.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  parentPort?.postMessage(reply);
});
