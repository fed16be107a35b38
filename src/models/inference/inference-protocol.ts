/**
 * Messages between the inference pool (main thread) and its workers.
 */
import type { ModelSpec } from '../architectures/index.js';
import type { BackendName } from '../backend.js';
import type { SavedModel } from '../serialize.js';

/** The model a pool runs: a saved model, or a spec with weights in model.getWeights() order. */
export type InferenceModelSource =
  { saved: SavedModel } | { spec: ModelSpec; weights: Float32Array[] };

/** workerData of an inference worker. */
export interface InferenceWorkerData {
  source: InferenceModelSource;
  /** Backend preference; undefined: RSKD_BACKEND or automatic. */
  backend: BackendName | 'auto' | undefined;
  /** Pixels per forward pass inside the worker (bounds its wasm memory). */
  batchPixels: number;
}

/** Main → worker: predict `pixels` samples of `features` (pixel-major, inputs per pixel). */
export interface PredictRequest {
  type: 'predict';
  features: Float32Array;
  pixels: number;
}

/** Worker → main: the predictions (pixel-major, outputs per pixel), or a failure. */
export type PredictReply =
  { type: 'done'; output: Float32Array } | { type: 'error'; message: string };
