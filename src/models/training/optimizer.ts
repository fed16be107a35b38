/**
 * Optimizers of the trainers, described as data so that a training run can be recorded.
 */
import { InvalidParameterError } from '../../errors.js';
import { tf } from '../tf.js';

/** An optimizer and its learning rate (Adam: Kingma & Ba 2015, β₁ 0.9, β₂ 0.999, ε 1e-7). */
export interface OptimizerSpec {
  name: 'adam' | 'sgd';
  learningRate: number;
}

/** Builds the tfjs optimizer of a spec; throws InvalidParameterError for a bad rate. */
export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  if (!(spec.learningRate > 0 && Number.isFinite(spec.learningRate))) {
    throw new InvalidParameterError(
      `learning rate must be a positive number, got ${spec.learningRate}`,
      { learningRate: spec.learningRate },
    );
  }
  return spec.name === 'adam' ? tf.train.adam(spec.learningRate) : tf.train.sgd(spec.learningRate);
}

/**
 * Applies a flattened gradient (in `variables` order) to `variables` with `optimizer`.
 */
export function applyFlatGradient(
  optimizer: tf.Optimizer,
  variables: readonly tf.Variable[],
  flat: Float32Array,
): void {
  tf.tidy(() => {
    const grads: tf.NamedTensorMap = {};
    let offset = 0;
    for (const variable of variables) {
      grads[variable.name] = tf.tensor(
        flat.subarray(offset, offset + variable.size),
        variable.shape,
        'float32',
      );
      offset += variable.size;
    }
    optimizer.applyGradients(grads);
  });
}
