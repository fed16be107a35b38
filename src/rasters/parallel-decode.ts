/**
 * Whole-band decode on every core: a pool of worker threads (parallel-decode-worker.ts, kept
 * between calls) takes
 * block indices from a shared counter and writes float32 pixels into one shared output image.
 * Each worker inflates with node:zlib and undoes the predictor itself, so the main thread
 * only reads the block table. For full-image work (statistics, format conversion, exports);
 * window reads for tiles stay on geotiff-reader.ts.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { fromFile } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';

import {
  CancelledError,
  InvalidParameterError,
  LimitExceededError,
  UnsupportedRasterError,
} from '../errors.js';
import type { BlockLayout } from './block-layout.js';
import { parseGdalNoData, sampleTypeOf } from './geotiff-metadata.js';
import type { DecodeJob, DecodeJobReply, DecodeWorkerData } from './parallel-decode-worker.js';

/** Compressions the workers decode: none and DEFLATE (Adobe 8, old-style 32946). */
const PARALLEL_COMPRESSIONS = new Set([1, 8, 32946]);

/** Largest image decoded whole, pixels (a float32 output of 1.2 GB). */
export const MAX_PARALLEL_PIXELS = 300_000_000;

/** Options of {@link decodeBandParallel}. */
export interface ParallelDecodeOptions {
  /** 0-based band index; default 0. */
  bandIndex?: number;
  /** Worker threads; default the machine's available parallelism. */
  workers?: number;
  signal?: AbortSignal;
}

/** A decoded band: raw stored values as float32 (noData → NaN), row-major from the top-left. */
export interface DecodedBand {
  width: number;
  height: number;
  /** width × height values over a SharedArrayBuffer. */
  data: Float32Array;
}

async function tagNumbers(
  image: GeoTIFFImage,
  name: 'TileOffsets' | 'StripOffsets' | 'TileByteCounts' | 'StripByteCounts',
): Promise<Float64Array> {
  const values = (await image.getFileDirectory().loadValue(name)) as ArrayLike<number | bigint>;
  return Float64Array.from(Array.from(values, Number));
}

async function layoutOf(
  image: GeoTIFFImage,
  filePath: string,
  bandIndex: number,
): Promise<{ layout: BlockLayout; offsets: Float64Array; byteCounts: Float64Array }> {
  const fileName = path.basename(filePath);
  const directory = image.getFileDirectory();
  const compression = Number((await directory.loadValue('Compression')) ?? 1);
  if (!PARALLEL_COMPRESSIONS.has(compression)) {
    throw new UnsupportedRasterError(
      `${fileName}: compression ${compression} is not decoded in parallel (only none and DEFLATE)`,
      { file: fileName, compression },
    );
  }
  const samplesPerPixel = image.getSamplesPerPixel();
  if (!Number.isInteger(bandIndex) || bandIndex < 0 || bandIndex >= samplesPerPixel) {
    throw new InvalidParameterError(
      `${fileName}: band index ${bandIndex} is outside 0..${samplesPerPixel - 1}`,
      { bandIndex },
    );
  }
  const planar = image.planarConfiguration === 2;
  const tiled = image.isTiled;
  const blockWidth = image.getTileWidth();
  const blockHeight = Math.min(image.getTileHeight(), image.getHeight());
  const blocksAcross = Math.ceil(image.getWidth() / blockWidth);
  const blocksPerPlane = blocksAcross * Math.ceil(image.getHeight() / blockHeight);
  const first = planar ? bandIndex * blocksPerPlane : 0;
  const allOffsets = await tagNumbers(image, tiled ? 'TileOffsets' : 'StripOffsets');
  const allCounts = await tagNumbers(image, tiled ? 'TileByteCounts' : 'StripByteCounts');
  const layout: BlockLayout = {
    filePath,
    width: image.getWidth(),
    height: image.getHeight(),
    blockWidth,
    blockHeight,
    blocksAcross,
    tiled,
    compression,
    predictor: Number((await directory.loadValue('Predictor')) ?? 1),
    sampleType: sampleTypeOf(image, fileName),
    samplesPerPixel: planar ? 1 : samplesPerPixel,
    bandIndex: planar ? 0 : bandIndex,
    littleEndian: image.littleEndian,
    noData: parseGdalNoData(directory.getValue('GDAL_NODATA')).noData,
  };
  return {
    layout,
    offsets: allOffsets.slice(first, first + blocksPerPlane),
    byteCounts: allCounts.slice(first, first + blocksPerPlane),
  };
}

/**
 * A decode worker. Compiled (.js) builds load the worker file directly; from TypeScript
 * sources (tsx, vitest) the worker thread has no TypeScript loader, so it boots through
 * tsx's tsImport (resolved from the working directory, the project's root). Workers are
 * unref'd: an idle pool never keeps the process alive.
 */
function startWorker(): Worker {
  const extension = path.extname(fileURLToPath(import.meta.url));
  const url = new URL(`./parallel-decode-worker${extension}`, import.meta.url);
  const worker =
    extension === '.ts'
      ? new Worker(
          `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`,
          { eval: true },
        )
      : new Worker(url);
  worker.unref();
  return worker;
}

/** Workers kept between decodes (booting one from sources costs ~100 ms). */
const pool: Worker[] = [];
let nextJobId = 1;

function poolWorkers(count: number): Worker[] {
  while (pool.length < count) {
    const worker = startWorker();
    worker.once('exit', () => {
      const at = pool.indexOf(worker);
      if (at >= 0) pool.splice(at, 1);
    });
    pool.push(worker);
  }
  return pool.slice(0, count);
}

/** Runs one job on one worker; a cancelled or crashed worker is dropped from the pool. */
function runJob(worker: Worker, data: DecodeWorkerData, signal?: AbortSignal): Promise<void> {
  const id = nextJobId++;
  return new Promise<void>((resolve, reject) => {
    const cleanUp = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (reply: DecodeJobReply): void => {
      if (reply.id !== id) return;
      cleanUp();
      if (reply.ok) resolve();
      else reject(new UnsupportedRasterError(`parallel decode failed: ${reply.message ?? ''}`));
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const onAbort = (): void => {
      cleanUp();
      void worker.terminate();
      reject(new CancelledError());
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    const job: DecodeJob = { id, data };
    worker.postMessage(job);
  });
}

/**
 * Decodes one band of a GeoTIFF's full-resolution image whole, on `workers` threads.
 * @throws UnsupportedRasterError for compressions other than none/DEFLATE (use readWindow);
 *   LimitExceededError beyond {@link MAX_PARALLEL_PIXELS}; InvalidParameterError for a bad band;
 *   CancelledError when `options.signal` fires.
 */
export async function decodeBandParallel(
  filePath: string,
  options: ParallelDecodeOptions = {},
): Promise<DecodedBand> {
  const tiff = await fromFile(filePath);
  try {
    const image = await tiff.getImage(0);
    const { layout, offsets, byteCounts } = await layoutOf(image, filePath, options.bandIndex ?? 0);
    const pixels = layout.width * layout.height;
    if (pixels > MAX_PARALLEL_PIXELS) {
      throw new LimitExceededError(
        `${path.basename(filePath)}: ${layout.width}×${layout.height} = ${pixels} pixels exceeds ` +
          `the limit of ${MAX_PARALLEL_PIXELS} pixels for a whole-band decode`,
        { pixels, maxPixels: MAX_PARALLEL_PIXELS },
      );
    }
    if (options.signal?.aborted) throw new CancelledError();
    const output = new SharedArrayBuffer(pixels * 4);
    const counter = new SharedArrayBuffer(4);
    const data: DecodeWorkerData = { layout, offsets, byteCounts, counter, output };
    const workers = Math.max(
      1,
      Math.min(options.workers ?? availableParallelism(), offsets.length),
    );
    await Promise.all(poolWorkers(workers).map((worker) => runJob(worker, data, options.signal)));
    return { width: layout.width, height: layout.height, data: new Float32Array(output) };
  } finally {
    await tiff.close();
  }
}
