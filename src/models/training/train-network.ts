/**
 * The training loop: seeded shuffling, Adam steps through a {@link StepEngine}, validation
 * after every epoch, early stopping with the best epoch's weights restored, progress and
 * checkpoint callbacks, and resume from a checkpoint. Node-free.
 */
import { CancelledError, InvalidParameterError } from '../../errors.js';
import { createRandom, deriveSeed } from '../../retrieval/simulation/prng.js';
import type { Network } from '../architectures/index.js';
import { tf } from '../tf.js';
import { canFuse, fusedMlpStepEngine } from './fused-mlp-step.js';
import { restoreWeights, seedWeights, snapshotWeights } from './network-weights.js';
import { mseOutputGradient, outputGradientOf, withOutputGradient } from './output-gradients.js';
import {
  localStepEngine,
  type BatchLoss,
  type OutputGradient,
  type StepEngine,
  type StepEngineFactory,
  type TrainingBatch,
} from './step-engine.js';
import { gatherRows, type TabularSplit } from './tabular-data.js';
import {
  learningRateAt,
  type EpochReport,
  type TrainingCheckpoint,
  type TrainingConfig,
  type TrainingResult,
} from './training-config.js';

/** Options of {@link trainNetwork}. Splits are normalised. */
export interface TrainNetworkOptions {
  network: Network;
  train: TabularSplit;
  validation: TabularSplit;
  config: TrainingConfig;
  /** Objective; default {@link supervisedLoss}. */
  loss?: BatchLoss;
  /** Variables besides the network's trainable weights (learned loss layers). */
  extraVariables?: (batch: TrainingBatch) => tf.Variable[];
  /** Called after every step (e.g. an auxiliary objective's own step). */
  afterStep?: (batch: TrainingBatch) => void;
  /** The training rows of an epoch (data-free sampling); default `train` every epoch. */
  trainForEpoch?: (epoch: number) => TabularSplit;
  onEpoch?: (report: EpochReport) => void;
  /** Called after every epoch with the state to resume from. */
  onCheckpoint?: (checkpoint: TrainingCheckpoint) => Promise<void>;
  resumeFrom?: TrainingCheckpoint;
  /** Step engine; default {@link selectStepEngine}'s choice (fused MLP step or the tape). */
  engine?: StepEngineFactory;
  /**
   * Whether the fused MLP step (fused-mlp-step.ts: analytic backward pass, flat Adam) may be
   * used; default true unless the environment sets RSKD_FUSED=0. It is used only when no
   * `engine` is given, the network passes canFuse (an MLP without dropout, linear output),
   * the objective offers an analytic output gradient (`outputGradient`, or carried by `loss`
   * as supervisedLoss and studentObjective's MSE objectives do) and the first batch brings no
   * extra variables; otherwise the tape engine (localStepEngine) trains.
   */
  fused?: boolean;
  /** dL/d(output) of `loss`, when not carried by `loss` itself (output-gradients.ts). */
  outputGradient?: OutputGradient;
  signal?: AbortSignal;
}

/**
 * MSE of the network's prediction to the batch targets (normalised units²); carries its
 * analytic output gradient, so the fused MLP step can train it.
 */
export function supervisedLoss(network: Network): BatchLoss {
  const loss: BatchLoss = (batch) => {
    const { output, features } = network.predict(batch.inputs, true);
    tf.dispose(features);
    return tf.losses.meanSquaredError(batch.targets, output);
  };
  return withOutputGradient(loss, mseOutputGradient);
}

/** Which engine trains: the fused MLP step, the tape (localStepEngine) or the caller's. */
export type StepEngineKind = 'fused' | 'tape' | 'custom';

/** A step engine factory and which kind it turned out to be. */
export interface StepEngineChoice {
  factory: StepEngineFactory;
  /** The kind; null while it waits for the first batch's extra variables. */
  kind: () => StepEngineKind | null;
}

/** Whether RSKD_FUSED (read from `env`) allows the fused step: anything but `0`. */
export function fusedFromEnv(env: Record<string, string | undefined>): boolean {
  return env.RSKD_FUSED?.trim() !== '0';
}

function fusedByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env === undefined || fusedFromEnv(env);
}

/**
 * The step engine of a training run (see TrainNetworkOptions.fused for the rule). With
 * `extraVariables` the choice waits for the first step, before any update: the fused step
 * when that batch brings no extra variables, the tape otherwise.
 */
export function selectStepEngine(options: TrainNetworkOptions, loss: BatchLoss): StepEngineChoice {
  if (options.engine !== undefined) return { factory: options.engine, kind: () => 'custom' };
  const tape: StepEngineChoice = { factory: localStepEngine, kind: () => 'tape' };
  const gradient = options.outputGradient ?? outputGradientOf(loss);
  const layout = (options.fused ?? fusedByDefault()) ? canFuse(options.network) : null;
  if (layout === null || gradient === undefined) return tape;

  const fused = fusedMlpStepEngine(layout);
  const extraVariables = options.extraVariables;
  if (extraVariables === undefined) return { factory: fused, kind: () => 'fused' };
  let kind: StepEngineKind | null = null;
  const factory: StepEngineFactory = (engineOptions) => {
    let engine: StepEngine | null = null;
    return {
      step: (batch) => {
        if (engine === null) {
          kind = extraVariables(batch).length === 0 ? 'fused' : 'tape';
          engine = (kind === 'fused' ? fused : localStepEngine)(engineOptions);
        }
        return engine.step(batch);
      },
      dispose: () => engine?.dispose(),
    };
  };
  return { factory, kind: () => kind };
}

/** The trainable variables of a network. */
export function networkVariables(network: Network): tf.Variable[] {
  return network.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

function checkConfig(config: TrainingConfig, train: TabularSplit): void {
  const bad = (name: string, value: number): never => {
    throw new InvalidParameterError(`training ${name} must be a positive integer, got ${value}`, {
      [name]: value,
    });
  };
  if (!Number.isInteger(config.epochs) || config.epochs < 1) bad('epochs', config.epochs);
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1)
    bad('batchSize', config.batchSize);
  if (!(config.learningRate > 0)) {
    throw new InvalidParameterError(`learning rate must be > 0, got ${config.learningRate}`);
  }
  if (train.rows < 1) bad('rows', train.rows);
}

/** Row order of an epoch: a Fisher–Yates shuffle seeded by (seed, epoch). */
export function epochOrder(rows: number, seed: number, epoch: number): Uint32Array {
  const random = createRandom(deriveSeed(seed, epoch));
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

function batchOf(split: TabularSplit, rows: Uint32Array, epoch: number): TrainingBatch {
  const inputs = tf.tensor2d(gatherRows(split.inputs, split.inputWidth, rows), [
    rows.length,
    split.inputWidth,
  ]);
  const targets = tf.tensor2d(gatherRows(split.targets, split.targetWidth, rows), [
    rows.length,
    split.targetWidth,
  ]);
  return { inputs, targets, rows: rows.length, epoch, rowIndices: rows, source: split };
}

/**
 * The shuffled mini-batches of one epoch. Each batch's tensors are disposed when the consumer
 * asks for the next one (or stops).
 */
export function* shuffledBatches(
  split: TabularSplit,
  batchSize: number,
  seed: number,
  epoch: number,
): Generator<TrainingBatch> {
  const order = epochOrder(split.rows, seed, epoch);
  for (let start = 0; start < split.rows; start += batchSize) {
    const batch = batchOf(
      split,
      order.subarray(start, Math.min(split.rows, start + batchSize)),
      epoch,
    );
    try {
      yield batch;
    } finally {
      tf.dispose([batch.inputs, batch.targets]);
    }
  }
}

/** MSE of the network on a normalised split, in batches of 4096 rows. */
export function evaluateLoss(network: Network, split: TabularSplit): number {
  const chunk = 4096;
  let sum = 0;
  for (let start = 0; start < split.rows; start += chunk) {
    const end = Math.min(split.rows, start + chunk);
    sum += tf.tidy(() => {
      const x = tf.tensor2d(
        split.inputs.subarray(start * split.inputWidth, end * split.inputWidth),
        [end - start, split.inputWidth],
      );
      const y = tf.tensor2d(
        split.targets.subarray(start * split.targetWidth, end * split.targetWidth),
        [end - start, split.targetWidth],
      );
      const { output } = network.predict(x, false);
      return tf.sum(tf.squaredDifference(output, y)).dataSync()[0] ?? Number.NaN;
    });
  }
  return sum / (split.rows * split.targetWidth);
}

async function runEpoch(
  options: TrainNetworkOptions,
  step: (batch: TrainingBatch) => Promise<number>,
  epoch: number,
): Promise<number> {
  const split = options.trainForEpoch?.(epoch) ?? options.train;
  let lossSum = 0;
  let batches = 0;
  for (const batch of shuffledBatches(
    split,
    options.config.batchSize,
    options.config.seed,
    epoch,
  )) {
    if (options.signal?.aborted) throw new CancelledError('training was cancelled');
    lossSum += await step(batch);
    options.afterStep?.(batch);
    batches += 1;
  }
  return lossSum / Math.max(1, batches);
}

function initialState(options: TrainNetworkOptions): TrainingCheckpoint {
  if (options.resumeFrom !== undefined) {
    restoreWeights(options.network, options.resumeFrom.weights);
    return { ...options.resumeFrom, history: [...options.resumeFrom.history] };
  }
  seedWeights(options.network, options.config.seed);
  return {
    epochsDone: 0,
    weights: [],
    bestWeights: snapshotWeights(options.network),
    bestEpoch: -1,
    bestValidationLoss: Number.POSITIVE_INFINITY,
    epochsWithoutImprovement: 0,
    history: [],
    elapsedS: 0,
  };
}

/**
 * Trains `options.network` in place and leaves it holding the weights of its best validation
 * epoch. A run resumed from a checkpoint continues at `epochsDone` with the saved weights
 * (the Adam moments restart from zero). Throws CancelledError when `signal` aborts.
 */
export async function trainNetwork(options: TrainNetworkOptions): Promise<TrainingResult> {
  const { network, config } = options;
  checkConfig(config, options.train);
  const state = initialState(options);
  const loss = options.loss ?? supervisedLoss(network);
  const outputGradient = options.outputGradient ?? outputGradientOf(loss);
  const engine = selectStepEngine(options, loss).factory({
    loss,
    ...(outputGradient === undefined ? {} : { outputGradient }),
    learningRate: config.learningRate,
    learningRateAt: (epoch) => learningRateAt(config, epoch),
    variables: (batch) => [
      ...networkVariables(network),
      ...(options.extraVariables?.(batch) ?? []),
    ],
  });

  const startedMs = performance.now();
  const elapsedS = () => state.elapsedS + (performance.now() - startedMs) / 1000;
  let stoppedEarly = false;
  try {
    for (let epoch = state.epochsDone; epoch < config.epochs; epoch++) {
      if (state.epochsWithoutImprovement >= config.patience) {
        stoppedEarly = true;
        break;
      }
      const trainLoss = await runEpoch(options, (batch) => engine.step(batch), epoch);
      const validationLoss = evaluateLoss(network, options.validation);
      const improved = validationLoss < state.bestValidationLoss;
      if (improved) {
        state.bestValidationLoss = validationLoss;
        state.bestEpoch = epoch;
        state.bestWeights = snapshotWeights(network);
        state.epochsWithoutImprovement = 0;
      } else {
        state.epochsWithoutImprovement += 1;
      }
      const report = { epoch, epochs: config.epochs, trainLoss, validationLoss, improved };
      state.history.push(report);
      state.epochsDone = epoch + 1;
      options.onEpoch?.(report);
      if (options.onCheckpoint !== undefined) {
        await options.onCheckpoint({
          ...state,
          weights: snapshotWeights(network),
          elapsedS: elapsedS(),
        });
      }
    }
  } finally {
    engine.dispose();
  }

  restoreWeights(network, state.bestWeights);
  return {
    epochsRun: state.epochsDone,
    bestEpoch: state.bestEpoch,
    bestValidationLoss: state.bestValidationLoss,
    stoppedEarly: stoppedEarly || state.epochsDone < config.epochs,
    history: state.history,
    trainingTimeS: elapsedS(),
  };
}
