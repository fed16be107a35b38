/**
 * Where an experiment run keeps its state, checkpoints, models and result files; the Node
 * implementation is run-store-node.ts (a run directory). Node-free.
 */
import type { SavedModel } from '../serialize.js';
import type { TrainingCheckpoint } from '../training/training-config.js';

/** Figures of one trained model on the test split, and what it cost. */
export interface CellResult {
  /** `<method id>/<student id>/seed-<seed>`, or `teacher/<k>`. */
  key: string;
  methodId: string;
  studentId: string;
  seed: number;
  method: string;
  scheme: string;
  modelId: string;
  /** Test metrics in physical units, `<target>.<metric>`. */
  metrics: Record<string, number>;
  /** Best validation MSE (normalised units²), the selection criterion. */
  validationLoss: number;
  epochsRun: number;
  parameters: number;
  flopsPerSample: number;
  /** Measured inference throughput on the current backend, million samples (pixels) per s. */
  inferenceMpxPerS: number;
  trainingTimeS: number;
}

/** The state file of a run. */
export interface RunState {
  /** SHA-256 of the validated experiment; a resume refuses another experiment. */
  experimentHash: string;
  /** Finished cells by key (teachers included). */
  cells: Record<string, CellResult>;
}

/** Storage of one run. */
export interface RunStore {
  readState(): Promise<RunState | null>;
  writeState(state: RunState): Promise<void>;
  readCheckpoint(key: string): Promise<TrainingCheckpoint | null>;
  writeCheckpoint(key: string, checkpoint: TrainingCheckpoint): Promise<void>;
  saveModel(saved: SavedModel): Promise<void>;
  loadModel(id: string): Promise<SavedModel | null>;
  /** Writes the result files (name → text), e.g. `results.md`. */
  writeResults(files: Record<string, string>): Promise<void>;
}
