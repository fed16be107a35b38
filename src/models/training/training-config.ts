/**
 * Hyper-parameters and progress records of one training run. Node-free.
 */

/** Learning-rate schedules over epochs. */
export const LEARNING_RATE_SCHEDULES = ['constant', 'cosine'] as const;
export type LearningRateSchedule = (typeof LEARNING_RATE_SCHEDULES)[number];

/** The learning rate of 0-based `epoch` of `config` (see TrainingConfig.schedule). */
export function learningRateAt(
  config: Pick<TrainingConfig, 'learningRate' | 'schedule' | 'epochs'>,
  epoch: number,
): number {
  if (config.schedule !== 'cosine') return config.learningRate;
  const progress = Math.min(1, Math.max(0, epoch / config.epochs));
  return config.learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/** How a network is trained. */
export interface TrainingConfig {
  /** Largest number of passes over the training split. */
  epochs: number;
  /** Rows per mini-batch. */
  batchSize: number;
  /** Adam learning rate (the peak rate under a schedule). */
  learningRate: number;
  /**
   * How the rate changes over epochs: `constant` (default) or `cosine`, the half-cosine decay
   * without restarts of Loshchilov & Hutter 2017 (SGDR, ICLR, eq. 5 with one cycle and
   * η_min = 0): η(e) = η₀ · ½ · (1 + cos(π · e / epochs)) for epoch e.
   */
  schedule?: LearningRateSchedule;
  /** Epochs without a better validation loss before stopping (early stopping). */
  patience: number;
  /** Seed of weight initialisation and batch shuffling. */
  seed: number;
}

/** What one finished epoch reports. */
export interface EpochReport {
  /** 0-based epoch. */
  epoch: number;
  epochs: number;
  /** Mean training loss of the epoch's batches (the trainer's objective). */
  trainLoss: number;
  /** Mean squared error on the normalised validation targets (the selection criterion). */
  validationLoss: number;
  /** Whether this epoch is the best so far. */
  improved: boolean;
}

/** State to resume a training run after the epoch `epochsDone − 1`. */
export interface TrainingCheckpoint {
  epochsDone: number;
  /** Current weights, in `model.weights` order. */
  weights: Float32Array[];
  /** Weights of the best validation epoch. */
  bestWeights: Float32Array[];
  bestEpoch: number;
  bestValidationLoss: number;
  epochsWithoutImprovement: number;
  history: EpochReport[];
  /** Training wall time so far, seconds. */
  elapsedS: number;
}

/** How a training run ended. */
export interface TrainingResult {
  epochsRun: number;
  /** 0-based epoch whose weights the network holds at the end. */
  bestEpoch: number;
  bestValidationLoss: number;
  stoppedEarly: boolean;
  history: EpochReport[];
  /** Training wall time, seconds (including time before a resume). */
  trainingTimeS: number;
}
