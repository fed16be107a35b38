/**
 * Batch inference over large rasters on worker threads (Node only): the raster's rows are cut
 * into chunks of whole rows, and each idle worker (each with its own backend and copy of the
 * model) takes the next chunk, so both cores predict at once.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';

import { InvalidParameterError } from '../../errors.js';
import type { BackendName } from '../backend.js';
import { request, spawnModelWorker } from '../workers/spawn-worker-node.js';
import type {
  InferenceModelSource,
  InferenceWorkerData,
  PredictReply,
} from './inference-protocol.js';

/** Pixels per chunk sent to a worker (≈ 3 MB of input for 3 features). */
export const DEFAULT_CHUNK_PIXELS = 262_144;

/**
 * Pixels per forward pass inside a worker (3→48→48→2 MLP on wasm, one thread: 16,384 ran
 * 1.07 Mpx/s, 4,096 0.88 and 65,536 0.59).
 */
export const DEFAULT_BATCH_PIXELS = 16_384;

/** Options of {@link createInferencePool}. */
export interface InferencePoolOptions {
  /** Worker threads (default: available cores). */
  workers?: number;
  backend?: BackendName | 'auto';
  chunkPixels?: number;
  batchPixels?: number;
}

/** A pool of inference workers; `close()` ends them. */
export interface InferencePool {
  readonly workers: number;
  /**
   * Predicts every pixel of a rows × columns raster. `features` is pixel-major (the inputs of
   * pixel 0, then of pixel 1…); the result is pixel-major too, outputs per pixel.
   */
  predict(features: Float32Array, rows: number, columns: number): Promise<Float32Array>;
  close(): Promise<void>;
}

interface Chunk {
  startPixel: number;
  endPixel: number;
}

function chunksOf(rows: number, columns: number, chunkPixels: number): Chunk[] {
  const rowsPerChunk = Math.max(1, Math.floor(chunkPixels / columns));
  const chunks: Chunk[] = [];
  for (let row = 0; row < rows; row += rowsPerChunk) {
    chunks.push({
      startPixel: row * columns,
      endPixel: Math.min(rows, row + rowsPerChunk) * columns,
    });
  }
  return chunks;
}

function checkRaster(features: Float32Array, rows: number, columns: number): number {
  const pixels = rows * columns;
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1) {
    throw new InvalidParameterError(
      `raster size ${rows}x${columns} is not a positive integer size`,
    );
  }
  const inputs = features.length / pixels;
  if (!Number.isInteger(inputs) || inputs < 1) {
    throw new InvalidParameterError(
      `features have ${features.length} values, not a whole number of inputs for ${pixels} pixels`,
    );
  }
  return inputs;
}

/** Runs the chunks on the workers, each worker taking the next chunk when idle. */
async function runChunks(
  pool: Worker[],
  features: Float32Array,
  inputs: number,
  chunks: Chunk[],
): Promise<{ chunk: Chunk; output: Float32Array }[]> {
  const results: { chunk: Chunk; output: Float32Array }[] = [];
  let next = 0;
  const drain = async (worker: Worker): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      const slice = features.slice(chunk.startPixel * inputs, chunk.endPixel * inputs);
      const pixels = chunk.endPixel - chunk.startPixel;
      const reply = await request<PredictReply>(
        worker,
        { type: 'predict', features: slice, pixels },
        [slice.buffer],
      );
      if (reply.type === 'error') throw new Error(`inference worker: ${reply.message}`);
      results.push({ chunk, output: reply.output });
    }
  };
  await Promise.all(pool.map(drain));
  return results;
}

/**
 * Starts `workers` inference workers on `source` and resolves once each has loaded the model.
 * Calls to predict run one after the other.
 */
export async function createInferencePool(
  source: InferenceModelSource,
  options: InferencePoolOptions = {},
): Promise<InferencePool> {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new InvalidParameterError(`workers must be an integer in 1..64, got ${workers}`);
  }
  const data: InferenceWorkerData = {
    source,
    backend: options.backend,
    batchPixels: options.batchPixels ?? DEFAULT_BATCH_PIXELS,
  };
  const moduleUrl = new URL(
    import.meta.url.endsWith('.ts') ? './inference-worker-node.ts' : './inference-worker-node.js',
    import.meta.url,
  );
  const pool = await Promise.all(
    Array.from({ length: workers }, () => spawnModelWorker(moduleUrl, data)),
  );
  const chunkPixels = options.chunkPixels ?? DEFAULT_CHUNK_PIXELS;

  let queue: Promise<unknown> = Promise.resolve();
  const run = async (features: Float32Array, rows: number, columns: number) => {
    const inputs = checkRaster(features, rows, columns);
    const results = await runChunks(pool, features, inputs, chunksOf(rows, columns, chunkPixels));
    const first = results[0]!;
    const outputs = first.output.length / (first.chunk.endPixel - first.chunk.startPixel);
    const output = new Float32Array(rows * columns * outputs);
    for (const { chunk, output: part } of results) output.set(part, chunk.startPixel * outputs);
    return output;
  };
  return {
    workers,
    predict(features, rows, columns) {
      const result = queue.then(() => run(features, rows, columns));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      await Promise.all(pool.map((worker) => worker.terminate()));
    },
  };
}
