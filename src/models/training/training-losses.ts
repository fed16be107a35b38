/**
 * Losses a trainer can compute, named so that a worker thread can resolve them: the built-in
 * regression losses by id, any other as a named export of a module (e.g. a distillation loss
 * that reads the teacher's outputs from `extraInputs`).
 */
import { InvalidParameterError } from '../../errors.js';
import { tf } from '../tf.js';

/** What a training loss sees for one batch (or one worker's share of it). */
export interface TrainingLossInputs {
  /** The network's prediction, [rows, ...outputShape]. */
  prediction: tf.Tensor;
  /** The targets, same shape as the prediction. */
  target: tf.Tensor;
  /** Hidden activations of the network, input side first (for feature distillation). */
  features: tf.Tensor[];
  /** Per-row tensors passed with the batch, e.g. `teacherOutput`; [rows, ...sampleShape]. */
  extraInputs: Record<string, tf.Tensor>;
}

/**
 * A loss as a mean over the rows of the batch, so that the row-weighted mean of the shards'
 * gradients is the gradient of the whole batch.
 */
export type TrainingLoss = (inputs: TrainingLossInputs) => tf.Scalar;

/** Built-in losses: mean squared and mean absolute error over all rows and outputs. */
export const TRAINING_LOSSES = {
  mse: ({ prediction, target }: TrainingLossInputs): tf.Scalar =>
    tf.mean(tf.squaredDifference(prediction, target)),
  mae: ({ prediction, target }: TrainingLossInputs): tf.Scalar =>
    tf.mean(tf.abs(tf.sub(prediction, target))),
} satisfies Record<string, TrainingLoss>;

/** Id of a built-in loss. */
export type BuiltinLossId = keyof typeof TRAINING_LOSSES;

/**
 * A loss by reference: a built-in id, or a module (file: or package URL, importable from a
 * worker thread) whose export `exportName` is a {@link TrainingLoss}.
 */
export type TrainingLossRef = BuiltinLossId | { moduleUrl: string; exportName: string };

function isBuiltin(ref: string): ref is BuiltinLossId {
  return Object.hasOwn(TRAINING_LOSSES, ref);
}

/** Resolves a loss reference; throws InvalidParameterError for an unknown id or export. */
export async function resolveTrainingLoss(ref: TrainingLossRef): Promise<TrainingLoss> {
  if (typeof ref === 'string') {
    const id: string = ref;
    if (isBuiltin(id)) return TRAINING_LOSSES[id];
    throw new InvalidParameterError(
      `unknown loss ${id}; use one of ${Object.keys(TRAINING_LOSSES).join(', ')} or a module export`,
      { loss: id },
    );
  }
  const module = (await import(/* @vite-ignore */ ref.moduleUrl)) as Record<string, unknown>;
  const loss = module[ref.exportName];
  if (typeof loss !== 'function') {
    throw new InvalidParameterError(
      `loss module ${ref.moduleUrl} has no function export ${ref.exportName}`,
      { ...ref },
    );
  }
  return loss as TrainingLoss;
}
