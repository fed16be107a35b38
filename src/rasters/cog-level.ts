/**
 * One level of a COG pyramid being written in a stream: rows come in one at a time, are kept
 * for one row of tiles only, encoded (sample type, predictor, DEFLATE) into a spill file, and
 * halved in pairs into the next (coarser) level. Memory per level: one strip of `tileSizePx`
 * rows per band.
 *
 * Each tile in the spill is framed as GDAL's COG driver frames it (GDAL RFC on COG layout,
 * "BLOCK_LEADER=SIZE_AS_UINT4", "BLOCK_TRAILER=LAST_4_BYTES_REPEATED"): its byte count as a
 * little-endian uint32 before the data, and the data's last 4 bytes repeated after it.
 */
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';

import { halveRowPair, type OverviewResampling } from './overview-builder.js';
import {
  applyFloatPredictorBytes,
  applyHorizontalPredictor,
  type IntegerSamples,
} from './tiff-encoder.js';
import type { SampleType } from './types.js';

const deflateAsync = promisify(deflate);

/** Tiles compressed concurrently (zlib runs on the libuv thread pool, 4 threads by default). */
const DEFLATE_CONCURRENCY = 8;

/** DEFLATE level, GDAL's default (ZLEVEL=6). */
const DEFLATE_LEVEL = 6;

/** How the tiles of every level are encoded and how overviews are computed. */
export interface LevelEncoding {
  sampleType: SampleType;
  tileSizePx: number;
  deflate: boolean;
  /** Stored for missing values and for the padding of edge tiles (already in the sample type). */
  fill: number;
  resampling: OverviewResampling;
  /** NaN, and values equal to noData. */
  isMissing: (value: number) => boolean;
}

type Samples = IntegerSamples | Float32Array | Float64Array;

const SAMPLE_ARRAYS: Record<SampleType, new (length: number) => Samples> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

function isFloat(sampleType: SampleType): boolean {
  return sampleType === 'float32' || sampleType === 'float64';
}

/** Encoded bytes of one tile (column `tileX`) of a strip of `rows` rows of `width` values. */
async function encodeTile(
  strip: Float32Array,
  shape: { width: number; rows: number; tileX: number },
  encoding: LevelEncoding,
): Promise<Uint8Array> {
  const size = encoding.tileSizePx;
  const samples = new SAMPLE_ARRAYS[encoding.sampleType](size * size).fill(encoding.fill);
  const x0 = shape.tileX * size;
  const columns = Math.min(size, shape.width - x0);
  for (let row = 0; row < shape.rows; row++) {
    const from = row * shape.width + x0;
    for (let col = 0; col < columns; col++) {
      const value = strip[from + col] ?? NaN;
      samples[row * size + col] = encoding.isMissing(value) ? encoding.fill : value;
    }
  }

  const raw = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  if (!encoding.deflate) return raw;
  if (isFloat(encoding.sampleType)) {
    const predicted = applyFloatPredictorBytes(raw, size, samples.BYTES_PER_ELEMENT);
    return deflateAsync(predicted, { level: DEFLATE_LEVEL });
  }
  applyHorizontalPredictor(samples as IntegerSamples, size);
  return deflateAsync(raw, { level: DEFLATE_LEVEL });
}

/** A level of the pyramid: accepts rows band by band, spills encoded tiles. */
export class PyramidLevel {
  readonly width: number;
  readonly height: number;
  readonly tilesAcross: number;
  readonly tilesDown: number;
  /** Per band then row-major tile: byte offset of the tile data inside the spill file. */
  readonly tileOffsets: Float64Array;
  /** Per band then row-major tile: byte count of the tile data. */
  readonly tileByteCounts: Float64Array;
  /** Bytes written to the spill file so far. */
  spillBytes = 0;

  private readonly strips: Float32Array[];
  private readonly stripRows: number[];
  private readonly rowsSeen: number[];
  private readonly pendingRow: (Float32Array | null)[];

  constructor(
    size: { width: number; height: number; bandCount: number },
    private readonly encoding: LevelEncoding,
    private readonly spill: FileHandle,
    private readonly next: PyramidLevel | null,
  ) {
    this.width = size.width;
    this.height = size.height;
    this.tilesAcross = Math.ceil(size.width / encoding.tileSizePx);
    this.tilesDown = Math.ceil(size.height / encoding.tileSizePx);
    const tileCount = this.tilesAcross * this.tilesDown * size.bandCount;
    this.tileOffsets = new Float64Array(tileCount);
    this.tileByteCounts = new Float64Array(tileCount);
    const bands = Array.from({ length: size.bandCount });
    this.strips = bands.map(() => new Float32Array(encoding.tileSizePx * size.width));
    this.stripRows = bands.map(() => 0);
    this.rowsSeen = bands.map(() => 0);
    this.pendingRow = bands.map(() => null);
  }

  /** Takes the next row (`width` values, NaN = missing) of band `band`. */
  async pushRow(band: number, row: Float32Array): Promise<void> {
    const strip = this.strips[band];
    if (strip === undefined) throw new RangeError(`band ${band} is not in this level`);
    const stripRow = this.stripRows[band] ?? 0;
    const stored = strip.subarray(stripRow * this.width, (stripRow + 1) * this.width);
    stored.set(row.subarray(0, this.width));
    this.stripRows[band] = stripRow + 1;
    const rowIndex = this.rowsSeen[band] ?? 0;
    this.rowsSeen[band] = rowIndex + 1;
    const last = rowIndex === this.height - 1;

    await this.passDown(band, stored, last);
    if (stripRow + 1 === this.encoding.tileSizePx || last) await this.flushStrip(band);
  }

  private async passDown(band: number, row: Float32Array, last: boolean): Promise<void> {
    if (this.next === null) return;
    const upper = this.pendingRow[band] ?? null;
    if (upper === null && !last) {
      this.pendingRow[band] = row;
      return;
    }
    this.pendingRow[band] = null;
    const options = {
      resampling: this.encoding.resampling,
      isMissing: this.encoding.isMissing,
      roundToInteger: !isFloat(this.encoding.sampleType),
    };
    const halved =
      upper === null
        ? halveRowPair(row, null, this.width, options)
        : halveRowPair(upper, row, this.width, options);
    await this.next.pushRow(band, halved);
  }

  /** Encodes the strip's row of tiles for `band` and appends it to the spill file. */
  private async flushStrip(band: number): Promise<void> {
    const strip = this.strips[band];
    const rows = this.stripRows[band] ?? 0;
    if (strip === undefined || rows === 0) return;
    const tileY = Math.ceil((this.rowsSeen[band] ?? 0) / this.encoding.tileSizePx) - 1;
    const firstIndex = (band * this.tilesDown + tileY) * this.tilesAcross;

    for (let start = 0; start < this.tilesAcross; start += DEFLATE_CONCURRENCY) {
      const tileXs: number[] = [];
      for (let x = start; x < Math.min(this.tilesAcross, start + DEFLATE_CONCURRENCY); x++) {
        tileXs.push(x);
      }
      const encoded = await Promise.all(
        tileXs.map((tileX) => encodeTile(strip, { width: this.width, rows, tileX }, this.encoding)),
      );
      for (let i = 0; i < encoded.length; i++) {
        await this.appendTile(firstIndex + start + i, encoded[i] ?? new Uint8Array(0));
      }
    }
    this.stripRows[band] = 0;
  }

  private async appendTile(index: number, data: Uint8Array): Promise<void> {
    const framed = new Uint8Array(data.length + 8);
    new DataView(framed.buffer).setUint32(0, data.length, true);
    framed.set(data, 4);
    framed.set(data.subarray(Math.max(0, data.length - 4)), data.length + 4);
    await this.spill.write(framed, 0, framed.length, this.spillBytes);
    this.tileOffsets[index] = this.spillBytes + 4;
    this.tileByteCounts[index] = data.length;
    this.spillBytes += framed.length;
  }
}
