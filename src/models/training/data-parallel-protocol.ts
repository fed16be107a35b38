/**
 * Messages between the data-parallel trainer (main thread) and its gradient workers. Weights
 * and gradients travel through SharedArrayBuffers; a step message carries only the shard.
 */
import type { ModelSpec } from '../architectures/index.js';
import type { BackendName } from '../backend.js';
import type { FlatBatch } from './gradient-step.js';
import type { TrainingLossRef } from './training-losses.js';

/** workerData of a gradient worker. */
export interface GradientWorkerData {
  spec: ModelSpec;
  loss: TrainingLossRef;
  /** Backend preference; undefined: RSKD_BACKEND or automatic. */
  backend: BackendName | 'auto' | undefined;
  /** The trainable weights, flattened; written by the main thread before each step. */
  weights: SharedArrayBuffer;
  /** This worker's gradient, flattened; written by the worker for each step. */
  gradients: SharedArrayBuffer;
}

/** Main → worker: compute the gradient of the loss on this shard at the current weights. */
export interface StepRequest {
  type: 'step';
  batch: FlatBatch;
}

/** Worker → main: the shard's loss (its gradient is in the shared buffer), or a failure. */
export type StepReply =
  { type: 'done'; loss: number; computeMs: number } | { type: 'error'; message: string };
