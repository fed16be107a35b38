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
import { blendedMseGradient, mseOutputGradient, withOutputGradient } from './output-gradients.js';
import type { BatchLoss, OutputGradient, TrainingBatch } from './step-engine.js';
import type { TeacherSignal } from './teacher-signal.js';

/** The weight α of the distillation term at an epoch (0 = supervised only). */
export type AlphaSchedule = (epoch: number) => number;

/** A student objective with the hooks trainNetwork needs. */
export interface StudentObjective {
  /** The loss; carries {@link outputGradient} when there is one (see output-gradients.ts). */
  loss: BatchLoss;
  /**
   * dL/d(student output), for objectives of the output alone: supervised MSE (no method or no
   * teacher) and `response-mse` without variance weighting. Absent for every other method.
   */
  outputGradient?: OutputGradient;
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
 * The analytic output gradient of the objective, or undefined when the method's loss reads
 * more than the student output (features, learned layers, variance weights). For
 * `response-mse` the loss value is computed as the tape path computes it; the gradient is
 * dL/ds = 2/(N·T)·((1 − α)(s − y) + α(s − t)) (output-gradients.ts).
 */
function objectiveOutputGradient(
  teacher: TeacherSignal | null,
  method: DistillationMethod | null,
  params: DistillationParams,
  alpha: AlphaSchedule,
): OutputGradient | undefined {
  if (teacher === null || method === null) return mseOutputGradient;
  if (method.id !== 'response-mse' || method.extraVariables || method.auxiliary) return undefined;
  if ((params.varianceWeighting ?? method.defaults.varianceWeighting ?? 0) !== 0) return undefined;

  return (batch, output) => {
    const weight = alpha(batch.epoch);
    if (weight === 0) return mseOutputGradient(batch, output);
    const other = teacher(batch.inputs, batch);
    tf.dispose(other.features);
    const teacherOutput = stopGradient(other.output);
    const ctx: DistillationContext = {
      studentOutput: output,
      teacherOutput,
      studentFeatures: [],
      teacherFeatures: [],
      target: batch.targets,
    };
    const supervised = tf.losses.meanSquaredError(batch.targets, output);
    const kd = method.loss(ctx, params);
    const loss = tf.add<tf.Scalar>(tf.mul(supervised, 1 - weight), tf.mul(kd, weight));
    const gradient = blendedMseGradient(output, batch.targets, teacherOutput, weight);
    return { loss, gradient };
  };
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

  const outputGradient = objectiveOutputGradient(teacher, method, params, alpha);
  return {
    loss: outputGradient === undefined ? loss : withOutputGradient(loss, outputGradient),
    ...(outputGradient === undefined ? {} : { outputGradient }),
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
