/**
 * Data-parallel training on worker threads (Node only): the main thread keeps the network and
 * the optimizer; for each batch it writes the weights to shared memory, each worker computes
 * the gradient of its share of the rows on its own wasm backend, and the main thread applies
 * the row-weighted mean of the shards' gradients, which equals the whole batch's gradient for
 * a loss that is a mean over rows.
 */
import type { Worker } from 'node:worker_threads';

import { InvalidParameterError } from '../../errors.js';
import { type Logger, silentLogger } from '../../logger.js';
import { createNetwork, type ModelSpec, type Network } from '../architectures/index.js';
import { type BackendName, initBackend } from '../backend.js';
import { request, spawnModelWorker } from '../workers/spawn-worker-node.js';
import type { GradientWorkerData, StepReply } from './data-parallel-protocol.js';
import {
  type FlatBatch,
  flattenInto,
  lossAndGradients,
  parameterTotal,
  type SampleShapes,
  sampleShapesOf,
  sliceBatch,
  trainableVariables,
} from './gradient-step.js';
import { applyFlatGradient, createOptimizer, type OptimizerSpec } from './optimizer.js';
import { resolveTrainingLoss, type TrainingLossRef } from './training-losses.js';

/**
 * Default number of gradient workers. Measured on the 2-core machine (wasm + SIMD, one
 * thread per backend; 5→256→256→256→2 MLP, batch 256, MSE, Adam): in-process 4,150–4,470
 * samples/s, 1 worker 3,470–4,300, 2 workers 7,030–7,200 (1.6×) with the cores free, but
 * 2,760–4,090 while other processes kept the load average at 3–5. A depthwise-separable CNN
 * (32×32×8, filters [16, 16], batch 32) stepped in ~70 ms on 2 workers, ~100 ms in-process.
 */
export const DEFAULT_TRAINING_WORKERS = 2;

/** Options of {@link createDataParallelTrainer}. */
export interface DataParallelTrainerOptions {
  spec: ModelSpec;
  /** Gradient worker threads; 0 computes in the calling thread. */
  workers?: number;
  optimizer: OptimizerSpec;
  loss: TrainingLossRef;
  /** Backend of the main thread and the workers (default: the current one, else automatic). */
  backend?: BackendName | 'auto';
  logger?: Logger;
}

/** A running trainer; `close()` ends its workers. */
export interface DataParallelTrainer {
  /** Worker threads in use (0: in-process). */
  readonly workers: number;
  /** The network being trained, with the weights after the last step. */
  readonly network: Network;
  /** One optimisation step on a batch; resolves with the batch's mean loss. */
  step(batch: FlatBatch): Promise<number>;
  /** Stops the workers and disposes the optimizer (the network stays the caller's). */
  close(): Promise<void>;
}

interface GradientWorker {
  worker: Worker;
  gradients: Float32Array;
}

/** Copies a shard so that posting it clones only its own rows. */
function copyShard(shard: FlatBatch): { batch: FlatBatch; transfer: ArrayBuffer[] } {
  const batch: FlatBatch = {
    inputs: shard.inputs.slice(),
    targets: shard.targets.slice(),
    rows: shard.rows,
    extraInputs: Object.fromEntries(
      Object.entries(shard.extraInputs ?? {}).map(([name, extra]) => [
        name,
        { values: extra.values.slice(), sampleShape: extra.sampleShape },
      ]),
    ),
  };
  const arrays = [
    batch.inputs,
    batch.targets,
    ...Object.values(batch.extraInputs ?? {}).map((e) => e.values),
  ];
  return { batch, transfer: arrays.map((array) => array.buffer as ArrayBuffer) };
}

function checkWorkers(workers: number): void {
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    throw new InvalidParameterError(`workers must be an integer in 0..64, got ${workers}`, {
      workers,
    });
  }
}

/** Row ranges of the shards: as equal as possible, none empty. */
function shardRanges(rows: number, workers: number): [number, number][] {
  const count = Math.min(rows, workers);
  return Array.from({ length: count }, (_, index) => [
    Math.floor((index * rows) / count),
    Math.floor(((index + 1) * rows) / count),
  ]);
}

async function startWorkers(
  options: DataParallelTrainerOptions,
  weights: SharedArrayBuffer,
  total: number,
): Promise<GradientWorker[]> {
  const moduleUrl = new URL(
    import.meta.url.endsWith('.ts')
      ? './data-parallel-worker-node.ts'
      : './data-parallel-worker-node.js',
    import.meta.url,
  );
  return Promise.all(
    Array.from({ length: options.workers ?? DEFAULT_TRAINING_WORKERS }, async () => {
      const gradients = new SharedArrayBuffer(total * Float32Array.BYTES_PER_ELEMENT);
      const data: GradientWorkerData = {
        spec: options.spec,
        loss: options.loss,
        backend: options.backend,
        weights,
        gradients,
      };
      const worker = await spawnModelWorker(moduleUrl, data);
      return { worker, gradients: new Float32Array(gradients) };
    }),
  );
}

/**
 * Runs one step on the workers; returns the row-weighted mean loss and each worker's compute
 * time, and fills `sum` with the mean gradient.
 */
async function workerStep(
  pool: GradientWorker[],
  batch: FlatBatch,
  shapes: SampleShapes,
  sum: Float32Array,
): Promise<{ loss: number; computeMs: number[] }> {
  const ranges = shardRanges(batch.rows, pool.length);
  const replies = await Promise.all(
    ranges.map(([start, end], index) => {
      const { batch: shard, transfer } = copyShard(sliceBatch(batch, start, end, shapes));
      return request<StepReply>(pool[index]!.worker, { type: 'step', batch: shard }, transfer);
    }),
  );
  sum.fill(0);
  let loss = 0;
  const computeMs: number[] = [];
  replies.forEach((reply, index) => {
    if (reply.type === 'error') throw new Error(`gradient worker ${index}: ${reply.message}`);
    const [start, end] = ranges[index]!;
    const share = (end - start) / batch.rows;
    const gradients = pool[index]!.gradients;
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + share * (gradients[i] ?? 0);
    loss += share * reply.loss;
    computeMs.push(reply.computeMs);
  });
  return { loss, computeMs };
}

/**
 * Builds the network of `spec`, an optimizer and `workers` gradient workers (each with its own
 * backend and replica), and resolves once every worker is ready.
 */
export async function createDataParallelTrainer(
  options: DataParallelTrainerOptions,
): Promise<DataParallelTrainer> {
  const workers = options.workers ?? DEFAULT_TRAINING_WORKERS;
  checkWorkers(workers);
  const logger = options.logger ?? silentLogger;
  await initBackend({ prefer: options.backend, logger });
  const network = createNetwork(options.spec);
  const shapes = sampleShapesOf(network);
  const variables = trainableVariables(network);
  const optimizer = createOptimizer(options.optimizer);
  const loss = await resolveTrainingLoss(options.loss);
  const total = parameterTotal(variables);

  const weightsBuffer = new SharedArrayBuffer(total * Float32Array.BYTES_PER_ELEMENT);
  const weights = new Float32Array(weightsBuffer);
  const sum = new Float32Array(total);
  const pool =
    workers === 0 ? [] : await startWorkers({ ...options, workers }, weightsBuffer, total);
  logger.info({ workers, parameters: total }, 'data-parallel trainer ready');

  const runStep = async (batch: FlatBatch): Promise<number> => {
    if (pool.length === 0) {
      const step = lossAndGradients(network, loss, batch, shapes);
      flattenInto(sum, step.grads);
      step.grads.forEach((grad) => grad.dispose());
      applyFlatGradient(optimizer, variables, sum);
      return step.loss;
    }
    const started = performance.now();
    flattenInto(weights, variables);
    const { loss: value, computeMs } = await workerStep(pool, batch, shapes, sum);
    applyFlatGradient(optimizer, variables, sum);
    logger.debug({ stepMs: performance.now() - started, computeMs }, 'data-parallel step');
    return value;
  };

  let queue: Promise<unknown> = Promise.resolve();
  return {
    workers,
    network,
    step(batch) {
      const result = queue.then(() => runStep(batch));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      await Promise.all(pool.map(({ worker }) => worker.terminate()));
      optimizer.dispose();
    },
  };
}
