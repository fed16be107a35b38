/**
 * A pool of long-lived worker threads that runs a registered per-pixel kernel
 * (kernel-registry.ts) over a raster split into chunks of whole rows. Inputs and output live in
 * SharedArrayBuffers, so a chunk message carries only views and a pixel range: no pixel is
 * copied. Idle workers take the next chunk of the oldest job, so several jobs share the pool;
 * the abort signal is checked before every chunk and progress is reported after each.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { CancelledError, InvalidParameterError, RskdError } from '../../src/errors.js';
import type { ProgressCallback } from '../../src/logger.js';
import {
  KERNEL_INPUT_COUNTS,
  type KernelName,
  type KernelParamsByName,
} from './kernel-registry.js';
import type { ChunkMessage, WorkerReply } from './kernel-worker.js';
import { isShared } from './shared-arrays.js';

/** Default chunk height in rows (as the block runner's 256-row blocks). */
export const DEFAULT_ROWS_PER_CHUNK = 256;

/** One kernel run over a width × height raster, row-major. */
export interface KernelJob<K extends KernelName> {
  kernel: K;
  /** The kernel's input rasters, SharedArrayBuffer-backed, width·height pixels each. */
  inputs: readonly Float32Array[];
  /** SharedArrayBuffer-backed, width·height pixels; every pixel is written. */
  output: Float32Array;
  params: KernelParamsByName[K];
  width: number;
  height: number;
}

/** Options of {@link KernelPool.run}. */
export interface KernelRunOptions {
  rowsPerChunk?: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

/** A kernel failure inside a worker (a bug or an invalid range), with the worker's message. */
export class KernelFailedError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('KERNEL_FAILED', message, details);
  }
}

interface ActiveJob {
  message: Omit<ChunkMessage, 'id' | 'start' | 'end'>;
  width: number;
  height: number;
  rowsPerChunk: number;
  nextRow: number;
  rowsDone: number;
  inFlight: number;
  failure: Error | null;
  onProgress: ProgressCallback | undefined;
  resolve: () => void;
  reject: (error: Error) => void;
  /** Removes the abort listener once the job settles. */
  detach: () => void;
}

interface PoolWorker {
  worker: Worker;
  /** The job and rows of the chunk it runs; null when idle. */
  busy: { job: ActiveJob; rows: number } | null;
}

/** Spawns the worker module; from TypeScript sources through the tsx bootstrap. */
function spawnWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  if (!fromSources) return new Worker(new URL('./kernel-worker.js', import.meta.url));
  const entry = new URL('./kernel-worker.ts', import.meta.url).href;
  return new Worker(new URL('./kernel-worker-boot.mjs', import.meta.url), {
    workerData: { entry },
  });
}

function waitReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      if (reply.type !== 'ready') return;
      worker.off('error', reject);
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

function checkJob<K extends KernelName>(job: KernelJob<K>): void {
  const pixels = job.width * job.height;
  const expected = KERNEL_INPUT_COUNTS[job.kernel];
  if (!Number.isInteger(pixels) || job.width < 1 || job.height < 1) {
    throw new InvalidParameterError(
      `kernel ${job.kernel}: raster size ${job.width}x${job.height} is not a positive integer size`,
      { width: job.width, height: job.height },
    );
  }
  if (job.inputs.length !== expected) {
    throw new InvalidParameterError(
      `kernel ${job.kernel} takes ${expected} inputs, got ${job.inputs.length}`,
      { kernel: job.kernel, inputs: job.inputs.length },
    );
  }
  [...job.inputs, job.output].forEach((array, index) => {
    const name = index === job.inputs.length ? 'output' : `input ${index}`;
    if (!isShared(array)) {
      throw new InvalidParameterError(
        `kernel ${job.kernel}: ${name} is not backed by a SharedArrayBuffer (use sharedFloat32Array)`,
        { kernel: job.kernel, array: name },
      );
    }
    if (array.length !== pixels) {
      throw new InvalidParameterError(
        `kernel ${job.kernel}: ${name} has ${array.length} pixels, expected ${pixels}`,
        { kernel: job.kernel, array: name, length: array.length, expected: pixels },
      );
    }
  });
}

/** Worker threads running kernels over shared rasters; create with {@link KernelPool.create}. */
export class KernelPool {
  private readonly workers: PoolWorker[] = [];
  private readonly jobs: ActiveJob[] = [];
  private nextChunkId = 0;
  private closed = false;

  private constructor(readonly size: number) {}

  /**
   * Starts `size` workers (default os.availableParallelism()) and resolves once every one has
   * loaded its kernels, so the first run does not pay the start-up.
   */
  static async create(size: number = availableParallelism()): Promise<KernelPool> {
    if (!Number.isInteger(size) || size < 1) {
      throw new InvalidParameterError(`pool size must be a positive integer, got ${size}`, {
        size,
      });
    }
    const pool = new KernelPool(size);
    const workers = Array.from({ length: size }, () => spawnWorker());
    workers.forEach((worker) => pool.adopt(worker));
    await Promise.all(workers.map(waitReady));
    workers.forEach((worker) => worker.unref());
    return pool;
  }

  /** Runs a kernel over every row of the job; resolves when the output is complete. */
  run<K extends KernelName>(job: KernelJob<K>, options: KernelRunOptions = {}): Promise<void> {
    if (this.closed) return Promise.reject(new InvalidParameterError('the kernel pool is closed'));
    checkJob(job);
    const rowsPerChunk = options.rowsPerChunk ?? DEFAULT_ROWS_PER_CHUNK;
    if (!Number.isInteger(rowsPerChunk) || rowsPerChunk < 1) {
      throw new InvalidParameterError(
        `rowsPerChunk must be a positive integer, got ${rowsPerChunk}`,
      );
    }
    if (options.signal?.aborted === true) return Promise.reject(new CancelledError());

    return new Promise<void>((resolve, reject) => {
      const { kernel, inputs, output, params, width, height } = job;
      const signal = options.signal;
      const active: ActiveJob = {
        message: { kernel, inputs: [...inputs], output, params },
        width,
        height,
        rowsPerChunk,
        nextRow: 0,
        rowsDone: 0,
        inFlight: 0,
        failure: null,
        onProgress: options.onProgress,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      const onAbort = () => {
        active.failure ??= new CancelledError();
        this.settleIfIdle(active);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.jobs.push(active);
      this.dispatch();
    });
  }

  /** Stops every worker; runs still in progress are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.jobs) job.failure ??= new CancelledError('the kernel pool was closed');
    const workers = this.workers.splice(0);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    for (const job of this.jobs.splice(0)) job.reject(job.failure ?? new CancelledError());
  }

  private adopt(worker: Worker): void {
    const entry: PoolWorker = { worker, busy: null };
    worker.on('message', (reply: WorkerReply) => this.onReply(entry, reply));
    worker.on('error', (error) => this.onCrash(entry, error));
    this.workers.push(entry);
  }

  /** Hands the next chunk of the oldest unfinished job to every idle worker. */
  private dispatch(): void {
    for (const entry of this.workers) {
      if (entry.busy !== null) continue;
      const job = this.jobs.find(
        (candidate) => candidate.failure === null && candidate.nextRow < candidate.height,
      );
      if (job === undefined) return;

      const rows = Math.min(job.rowsPerChunk, job.height - job.nextRow);
      const start = job.nextRow * job.width;
      const end = start + rows * job.width;
      job.nextRow += rows;
      job.inFlight += 1;
      entry.busy = { job, rows };
      entry.worker.ref();
      const chunk: ChunkMessage = { ...job.message, id: this.nextChunkId++, start, end };
      entry.worker.postMessage(chunk);
    }
  }

  private onReply(entry: PoolWorker, reply: WorkerReply): void {
    const busy = entry.busy;
    if (reply.type === 'ready' || busy === null) return;
    entry.busy = null;
    entry.worker.unref();
    const { job, rows } = busy;
    job.inFlight -= 1;
    if (reply.type === 'failed') {
      job.failure ??= new KernelFailedError(
        `kernel ${job.message.kernel} failed: ${reply.message}`,
        {
          kernel: job.message.kernel,
        },
      );
    } else {
      job.rowsDone += rows;
      job.onProgress?.(job.rowsDone / job.height, `${job.rowsDone} of ${job.height} rows`);
    }
    this.settleIfIdle(job);
    this.dispatch();
  }

  /** A worker died (out of memory, a native fault): fail its job and start a replacement. */
  private onCrash(entry: PoolWorker, error: Error): void {
    const index = this.workers.indexOf(entry);
    if (index >= 0) this.workers.splice(index, 1);
    const busy = entry.busy;
    if (busy !== null) {
      busy.job.inFlight -= 1;
      busy.job.failure ??= new KernelFailedError(`a kernel worker crashed: ${error.message}`);
      this.settleIfIdle(busy.job);
    }
    if (this.closed) return;
    const replacement = spawnWorker();
    this.adopt(replacement);
    replacement.unref();
    this.dispatch();
  }

  /** Resolves or rejects a job once nothing of it is running and nothing more will be sent. */
  private settleIfIdle(job: ActiveJob): void {
    if (job.inFlight > 0) return;
    const finished = job.rowsDone === job.height;
    if (!finished && job.failure === null) return;
    const index = this.jobs.indexOf(job);
    if (index < 0) return;
    this.jobs.splice(index, 1);
    job.detach();
    if (job.failure !== null) job.reject(job.failure);
    else job.resolve();
  }
}
