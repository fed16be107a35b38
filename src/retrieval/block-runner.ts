/**
 * Runs a per-pixel product over a scene in blocks of whole rows: read the input bands of one
 * block, compute, copy into the output; the abort signal is checked between blocks and progress
 * is reported after each. Memory is bounded by one block of every input plus the output.
 */
import { CancelledError, InvalidParameterError } from '../errors.js';
import type { ProgressCallback } from '../logger.js';
import { float32ValueRule, maskNoDataInPlace } from '../rasters/nodata.js';
import type { PixelWindow } from '../rasters/types.js';

/**
 * Reads raw DN of one band over a window, NaN for noData (see RasterReader.readWindow). The
 * runner replaces the band's fill value by NaN in the returned array, in place.
 */
export type BandReader = (
  bandName: string,
  window: PixelWindow,
  signal?: AbortSignal,
) => Promise<Float32Array>;

/** Default block height in rows. */
export const DEFAULT_BLOCK_ROWS = 256;

/** One block's input bands, by name, with fill values already NaN. */
export type BlockBands = ReadonlyMap<string, Float32Array>;

/** The values of band `name` in a block; InvalidParameterError when it was not read. */
export function blockBand(bands: BlockBands, name: string): Float32Array {
  const values = bands.get(name);
  if (values === undefined) {
    throw new InvalidParameterError(`band ${name} was not read for this block`, { band: name });
  }
  return values;
}

/** What {@link runRowBlocks} needs. */
export interface RowBlockJob {
  width: number;
  height: number;
  /** Band names to read for every block. */
  inputs: readonly string[];
  /** Stored fill value per band (replaced by NaN before `compute`), null when none. */
  fillValues: ReadonlyMap<string, number | null>;
  read: BandReader;
  /**
   * Computes one block over `window` (the block plus its halo rows); returns width·window.height
   * values, of which the runner keeps the block's own rows.
   */
  compute: (bands: BlockBands, window: PixelWindow) => Float32Array;
  blockRows?: number;
  /** Rows of context read above and below each block (moving-window products); default 0. */
  haloRows?: number;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Product name for progress messages, e.g. "split-window LST". */
  label: string;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new CancelledError();
}

async function readBlock(
  job: RowBlockJob,
  window: PixelWindow,
): Promise<Map<string, Float32Array>> {
  const expected = window.width * window.height;
  const arrays = await Promise.all(job.inputs.map((name) => job.read(name, window, job.signal)));
  const bands = new Map<string, Float32Array>();
  job.inputs.forEach((name, index) => {
    const values = arrays[index] as Float32Array;
    if (values.length !== expected) {
      throw new InvalidParameterError(
        `band ${name} returned ${values.length} values for a ${window.width}x${window.height} window`,
        { band: name, length: values.length, expected },
      );
    }
    // Raw reads arrive as float32: the fill is compared rounded to float32 (the shared rule).
    maskNoDataInPlace(values, float32ValueRule(job.fillValues.get(name) ?? null));
    bands.set(name, values);
  });
  return bands;
}

function checkRows(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new InvalidParameterError(`${name} must be an integer ≥ ${minimum}, got ${value}`, {
      [name]: value,
    });
  }
}

/** The block's rows plus up to `haloRows` rows above and below, clipped to the raster. */
function haloWindow(job: RowBlockJob, y: number, rows: number, haloRows: number): PixelWindow {
  const top = Math.max(0, y - haloRows);
  const bottom = Math.min(job.height, y + rows + haloRows);
  return { x: 0, y: top, width: job.width, height: bottom - top };
}

/** Runs the job over all rows; the result has width·height values in row-major order. */
export async function runRowBlocks(job: RowBlockJob): Promise<Float32Array> {
  const blockRows = job.blockRows ?? DEFAULT_BLOCK_ROWS;
  const haloRows = job.haloRows ?? 0;
  checkRows('blockRows', blockRows, 1);
  checkRows('haloRows', haloRows, 0);
  const output = new Float32Array(job.width * job.height);
  job.onProgress?.(0, `${job.label}: 0 of ${job.height} rows`);

  for (let y = 0; y < job.height; y += blockRows) {
    throwIfAborted(job.signal);
    const rows = Math.min(blockRows, job.height - y);
    const window = haloWindow(job, y, rows, haloRows);

    let bands: Map<string, Float32Array>;
    try {
      bands = await readBlock(job, window);
    } catch (error) {
      throwIfAborted(job.signal);
      throw error;
    }
    throwIfAborted(job.signal);

    const computed = job.compute(bands, window);
    const start = (y - window.y) * job.width;
    output.set(computed.subarray(start, start + rows * job.width), y * job.width);
    const rowsDone = y + rows;
    job.onProgress?.(rowsDone / job.height, `${job.label}: ${rowsDone} of ${job.height} rows`);
  }
  return output;
}
