/**
 * Small learned layers owned by distillation losses (FitNets regressor, factor-transfer
 * paraphraser and translator, holistic discriminator), written as plain tf variables so a
 * loss can create them from the shapes it sees and hand them to the optimiser.
 */
import { tf } from '../tf.js';

/** A fully connected layer y = x·W + b, W [inputs, outputs]. */
export interface DenseVariables {
  kernel: tf.Variable;
  bias: tf.Variable;
}

/**
 * A dense layer with Glorot-uniform kernel (Glorot & Bengio 2010, AISTATS, Eq. 16: limit
 * √(6 / (fan_in + fan_out))) and zero bias; `seed` makes it reproducible.
 */
export function createDense(inputs: number, outputs: number, seed: number): DenseVariables {
  return tf.tidy(() => {
    const limit = Math.sqrt(6 / (inputs + outputs));
    const kernel = tf.randomUniform([inputs, outputs], -limit, limit, 'float32', seed);
    return { kernel: tf.variable(kernel), bias: tf.variable(tf.zeros([outputs])) };
  });
}

/** A dense layer from given values (tests, or restoring a trained regressor). */
export function denseFromValues(kernel: number[][], bias: number[]): DenseVariables {
  return { kernel: tf.variable(tf.tensor2d(kernel)), bias: tf.variable(tf.tensor1d(bias)) };
}

/**
 * x·W + b applied to the last axis of `x` (rank 2 vectors, or rank 4 maps, where it is a
 * 1×1 convolution). With `frozen`, no gradient reaches W and b.
 */
export function applyDense(
  layer: DenseVariables,
  x: tf.Tensor,
  frozen: (t: tf.Tensor) => tf.Tensor = (t) => t,
): tf.Tensor {
  return tf.tidy(() => {
    const channels = x.shape[x.rank - 1] ?? 1;
    const rows = tf.reshape(x, [-1, channels]);
    const y = tf.add(tf.matMul(rows, frozen(layer.kernel) as tf.Tensor2D), frozen(layer.bias));
    const outputs = layer.kernel.shape[1] ?? 1;
    return tf.reshape(y, [...x.shape.slice(0, -1), outputs]);
  });
}

/** The variables of some dense layers, in order. */
export function denseVariables(...layers: DenseVariables[]): tf.Variable[] {
  return layers.flatMap((layer) => [layer.kernel, layer.bias]);
}

/** Disposes the variables of some dense layers. */
export function disposeDense(...layers: DenseVariables[]): void {
  for (const variable of denseVariables(...layers)) variable.dispose();
}
