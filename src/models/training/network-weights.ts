/**
 * Seeded initialisation, snapshot and restore of a network's weights, so that a training run
 * is reproducible from its seed and can be checkpointed. Node-free.
 */
import type { Network } from '../architectures/index.js';
import { tf } from '../tf.js';

/**
 * Re-initialises every weight from `seed`: kernels (rank ≥ 2) Glorot-uniform (Glorot & Bengio
 * 2010, AISTATS, Eq. 16: limit √(6 / (fan_in + fan_out)), fans including the receptive field
 * of convolutions), vectors (biases) zero. tfjs-layers' own initialisers are not seeded.
 */
export function seedWeights(network: Network, seed: number): void {
  const weights = network.model.weights;
  const values = tf.tidy(() =>
    weights.map((weight, index) => {
      const shape = weight.shape as number[];
      if (shape.length < 2) return tf.zeros(shape);
      const outputs = shape[shape.length - 1] ?? 1;
      const inputs = shape[shape.length - 2] ?? 1;
      const receptive = shape.slice(0, -2).reduce((n, d) => n * d, 1);
      const limit = Math.sqrt(6 / (receptive * (inputs + outputs)));
      return tf.randomUniform(shape, -limit, limit, 'float32', seed * 7919 + index);
    }),
  );
  network.model.setWeights(values);
  tf.dispose(values);
}

/** Copies of all weight values, in `model.weights` order. */
export function snapshotWeights(network: Network): Float32Array[] {
  return network.model.weights.map((weight) => {
    const value = weight.read();
    return Float32Array.from(value.dataSync() as Float32Array);
  });
}

/** Restores values taken by {@link snapshotWeights} (same architecture). */
export function restoreWeights(network: Network, snapshot: readonly Float32Array[]): void {
  const tensors = network.model.weights.map((weight, i) =>
    tf.tensor(snapshot[i] ?? new Float32Array(0), weight.shape as number[], 'float32'),
  );
  network.model.setWeights(tensors);
  tf.dispose(tensors);
}
