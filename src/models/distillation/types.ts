/**
 * Shapes shared by every distillation method: what a training step hands a loss
 * (DistillationContext) and what a method module exports (DistillationMethod).
 */
import type { tf } from '../tf.js';

/**
 * The kind of output a method applies to: `classification` (logits per sample), `regression`
 * (per-pixel values from an MLP, e.g. LST/LSE) and `dense` (chip or window outputs of a CNN,
 * shaped [batch, height, width, channels]).
 */
export type DistillationTask = 'classification' | 'regression' | 'dense';

/**
 * The tensors of one training step. Outputs are [batch, outputs] (classification logits,
 * per-pixel regression) or [batch, height, width, channels] (dense). Features are the hidden
 * activations the networks expose, in network order (vectors [batch, units] for MLPs, maps
 * [batch, height, width, channels] for CNNs). Teacher tensors are constants: no gradient flows
 * into the teacher.
 */
export interface DistillationContext {
  studentOutput: tf.Tensor;
  teacherOutput: tf.Tensor;
  /** Ground truth: one-hot or integer class ids (classification), values (regression). */
  target?: tf.Tensor;
  studentFeatures: tf.Tensor[];
  teacherFeatures: tf.Tensor[];
  /** The teacher's predictive variance, shaped like teacherOutput (units of output²). */
  teacherVariance?: tf.Tensor;
  /** Per-sample or per-pixel weights (masks), broadcastable to the per-element loss. */
  weights?: tf.Tensor;
}

/**
 * Numeric hyper-parameters of a method, by name. Missing names take the method's
 * `defaults`; unknown or out-of-range values throw InvalidParameterError.
 */
export type DistillationParams = Readonly<Record<string, number>>;

/**
 * A learned auxiliary network a method trains in its own step, with its own optimiser:
 * the factor-transfer paraphraser (reconstruction loss) or the holistic discriminator
 * (adversarial critic loss). Its variables are not part of the student's optimisation.
 */
export interface AuxiliaryObjective {
  /** What the step trains and when (e.g. "before distillation", "every student step"). */
  description: string;
  /** The auxiliary variables; created on first call from the context's shapes. */
  variables(ctx: DistillationContext, params?: DistillationParams): tf.Variable[];
  /** The loss to minimise with respect to `variables` only. */
  loss(ctx: DistillationContext, params?: DistillationParams): tf.Scalar;
  /** Called after each optimiser step of the auxiliary variables (e.g. weight clipping). */
  afterStep?(params?: DistillationParams): void;
}

/** One distillation loss, as the registry exposes it. */
export interface DistillationMethod {
  /** Stable identifier used in configs and model metadata, e.g. `hinton-kd`. */
  id: string;
  /** Authors, year, venue and equation of the loss. */
  citation: string;
  /** The tasks the loss is defined for; the engine refuses the others. */
  tasks: DistillationTask[];
  /** How the published loss was adapted here (absent when used as published). */
  adaptation?: string;
  /** Default hyper-parameters; also the list of accepted parameter names. */
  defaults: DistillationParams;
  /** The student's loss for one batch (to minimise). */
  loss(ctx: DistillationContext, params?: DistillationParams): tf.Scalar;
  /**
   * Learned variables the loss owns (e.g. the FitNets regressor), created on first call from
   * the context's shapes; the runner adds them to the student's optimiser.
   */
  extraVariables?(ctx: DistillationContext, params?: DistillationParams): tf.Variable[];
  /** A second objective trained in its own step (paraphraser, discriminator). */
  auxiliary?: AuxiliaryObjective;
  /**
   * A fresh copy with its own learned variables. Stateful methods (those with
   * `extraVariables` or `auxiliary`) must be instantiated once per training run.
   */
  instantiate?(): DistillationMethod;
  /** Frees the learned variables of this instance. */
  dispose?(): void;
}
