/**
 * The optimisation step of a trainer behind one interface, so the in-process loop here and a
 * data-parallel trainer on worker threads (data-parallel-node.ts) can both drive a training
 * run. Node-free.
 */
import { tf } from '../tf.js';
import type { TabularSplit } from './tabular-data.js';

/** One mini-batch, normalised: inputs [rows, inputWidth], targets [rows, targetWidth]. */
export interface TrainingBatch {
  inputs: tf.Tensor2D;
  targets: tf.Tensor2D;
  rows: number;
  /** 0-based epoch the batch belongs to (for curricula). */
  epoch: number;
  /** Which rows of `source` the batch holds, in batch order (lets a teacher cache be read). */
  rowIndices?: Uint32Array;
  source?: TabularSplit;
}

/** The scalar to minimise on a batch; called inside the gradient scope. */
export type BatchLoss = (batch: TrainingBatch) => tf.Scalar;

/** An objective's value on a batch and its gradient dL/d(output), shaped like the output. */
export interface OutputLossGradient {
  loss: tf.Scalar;
  gradient: tf.Tensor2D;
}

/**
 * The analytic gradient of an objective that depends on the network output alone (no hidden
 * features, no learned loss layers): given the batch and the network's output [rows, outputs],
 * the loss value (equal to what the BatchLoss returns) and dL/d(output). The caller disposes
 * both tensors. Lets an engine backpropagate by hand instead of through the gradient tape.
 */
export type OutputGradient = (batch: TrainingBatch, output: tf.Tensor2D) => OutputLossGradient;

/** Applies optimisation steps to a set of variables. */
export interface StepEngine {
  /** One step on `batch`; resolves with the batch loss before the update. */
  step(batch: TrainingBatch): Promise<number>;
  /** Frees the optimiser state. */
  dispose(): void;
}

/** What a step engine optimises. */
export interface StepEngineOptions {
  loss: BatchLoss;
  /** Variables to update, read at every step (learned loss layers appear after the first). */
  variables: (batch: TrainingBatch) => tf.Variable[];
  /** Adam learning rate (Kingma & Ba 2015; β₁ 0.9, β₂ 0.999, ε 1e-7 as tfjs). */
  learningRate: number;
  /** The rate of a batch's epoch, when it follows a schedule (default: `learningRate`). */
  learningRateAt?: (epoch: number) => number;
  /**
   * dL/d(output) of `loss`, when the objective offers it: engines that backpropagate by hand
   * (fused-mlp-step.ts) need it; the tape engine ignores it.
   */
  outputGradient?: OutputGradient;
}

/**
 * Sets the rate of a tfjs Adam or SGD optimiser: both read their `learningRate` field at every
 * applyGradients (tfjs-core 4.22), so changing it between steps keeps the Adam moments.
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** Builds a step engine; the single-thread {@link localStepEngine} is the default. */
export type StepEngineFactory = (options: StepEngineOptions) => StepEngine;

/** Adam steps in the calling thread with `optimizer.minimize`. */
export const localStepEngine: StepEngineFactory = (options) => {
  const optimizer = tf.train.adam(options.learningRate);
  let epochOfRate = Number.NaN;
  return {
    step: (batch) => {
      if (options.learningRateAt !== undefined && batch.epoch !== epochOfRate) {
        epochOfRate = batch.epoch;
        setOptimizerLearningRate(optimizer, options.learningRateAt(batch.epoch));
      }
      const varList = options.variables(batch);
      const cost = optimizer.minimize(() => options.loss(batch), true, varList);
      const value = cost?.dataSync()[0] ?? Number.NaN;
      cost?.dispose();
      return Promise.resolve(value);
    },
    dispose: () => optimizer.dispose(),
  };
};
