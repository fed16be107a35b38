/**
 * The student objective of a distillation step, for the LST/LSE regression task:
 *   L = (1 − α(epoch)) · MSE(student, y) + α(epoch) · L_KD(student, teacher),
 * both in normalised target units, plus the bookkeeping of methods that own learned layers
 * (FitNets regressor: trained with the student) or an auxiliary objective (factor-transfer
 * paraphraser: trained before distillation; holistic discriminator: alternating steps).
 * Node-free.
 */
import type { Network } from '../architectures/index.js';
import type {
  DistillationContext,
  DistillationMethod,
  DistillationParams,
} from '../distillation/index.js';
import { stopGradient } from '../distillation/stop-gradient.js';
import { tf } from '../tf.js';
import type { BatchLoss, TrainingBatch } from './step-engine.js';
import type { TeacherSignal } from './teacher-signal.js';

/** The weight α of the distillation term at an epoch (0 = supervised only). */
export type AlphaSchedule = (epoch: number) => number;

/** A student objective with the hooks trainNetwork needs. */
export interface StudentObjective {
  loss: BatchLoss;
  extraVariables: (batch: TrainingBatch) => tf.Variable[];
  afterStep: (batch: TrainingBatch) => void;
  /** Trains an auxiliary objective that runs before distillation, over `batches`. */
  pretrain: (batches: Iterable<TrainingBatch>) => void;
  dispose: () => void;
}

function contextOf(
  student: Network,
  teacher: TeacherSignal,
  batch: TrainingBatch,
  training: boolean,
): DistillationContext {
  const own = student.predict(batch.inputs, training);
  const other = teacher(batch.inputs, batch);
  return {
    studentOutput: own.output,
    studentFeatures: own.features,
    teacherOutput: stopGradient(other.output),
    teacherFeatures: other.features.map((feature) => stopGradient(feature)),
    target: batch.targets,
  };
}

/** Whether an auxiliary objective is trained once before distillation rather than alternating. */
function trainsBefore(method: DistillationMethod): boolean {
  return /before distillation/.test(method.auxiliary?.description ?? '');
}

/**
 * The objective of a student learning from `teacher` with `method` (null: supervised only).
 * `learningRate` drives the auxiliary objective's own Adam optimiser.
 */
export function studentObjective(
  student: Network,
  teacher: TeacherSignal | null,
  method: DistillationMethod | null,
  params: DistillationParams,
  alpha: AlphaSchedule,
  learningRate: number,
): StudentObjective {
  let extras: tf.Variable[] | null = null;
  const auxiliary = method?.auxiliary;
  const auxOptimizer = auxiliary === undefined ? null : tf.train.adam(learningRate);

  const loss: BatchLoss = (batch) => {
    const weight = teacher === null || method === null ? 0 : alpha(batch.epoch);
    if (weight === 0 || teacher === null || method === null) {
      const { output, features } = student.predict(batch.inputs, true);
      tf.dispose(features);
      return tf.losses.meanSquaredError(batch.targets, output);
    }
    const ctx = contextOf(student, teacher, batch, true);
    const supervised = tf.losses.meanSquaredError(batch.targets, ctx.studentOutput);
    const kd = method.loss(ctx, params);
    return tf.add(tf.mul(supervised, 1 - weight), tf.mul(kd, weight));
  };

  const extraVariables = (batch: TrainingBatch): tf.Variable[] => {
    if (extras !== null) return extras;
    if (teacher === null || method?.extraVariables === undefined) return (extras = []);
    extras = tf.tidy(() =>
      method.extraVariables!(contextOf(student, teacher, batch, false), params),
    );
    return extras;
  };

  const auxiliaryStep = (batch: TrainingBatch): void => {
    if (auxiliary === undefined || auxOptimizer === null || teacher === null) return;
    tf.tidy(() => {
      const ctx = contextOf(student, teacher, batch, false);
      const frozen: DistillationContext = {
        ...ctx,
        studentOutput: stopGradient(ctx.studentOutput),
        studentFeatures: ctx.studentFeatures.map((feature) => stopGradient(feature)),
      };
      const variables = auxiliary.variables(frozen, params);
      auxOptimizer.minimize(() => auxiliary.loss(frozen, params), false, variables);
    });
    auxiliary.afterStep?.(params);
  };

  return {
    loss,
    extraVariables,
    afterStep: (batch) => {
      if (method !== null && !trainsBefore(method)) auxiliaryStep(batch);
    },
    pretrain: (batches) => {
      if (method === null || !trainsBefore(method)) return;
      for (const batch of batches) auxiliaryStep(batch);
    },
    dispose: () => {
      auxOptimizer?.dispose();
      method?.dispose?.();
    },
  };
}
