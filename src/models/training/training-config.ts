/**
 * Hyper-parameters and progress records of one training run. Node-free.
 */

/** How a network is trained. */
export interface TrainingConfig {
  /** Largest number of passes over the training split. */
  epochs: number;
  /** Rows per mini-batch. */
  batchSize: number;
  /** Adam learning rate. */
  learningRate: number;
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
