/**
 * Saving a network trained on normalised targets so that it predicts physical units: the
 * target scaling y = z·σ + μ is folded into the linear output layer (W' = W·diag(σ),
 * b' = b·σ + μ), which is exact for a linear output activation. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import type { Network } from '../architectures/index.js';
import { loadNetwork, saveNetwork, type ModelMetadata, type SavedModel } from '../serialize.js';
import { tf } from '../tf.js';
import { restoreWeights, snapshotWeights } from '../training/network-weights.js';
import type { ColumnScale } from '../training/tabular-data.js';

/** Name of the output layer of every architecture of the registry. */
const OUTPUT_LAYER = 'prediction';

function foldScaling(network: Network, scales: readonly ColumnScale[], inverse = false): void {
  const layer = network.model.getLayer(OUTPUT_LAYER);
  const [kernel, bias] = layer.getWeights();
  const activation = (network.spec.config as { outputActivation?: string }).outputActivation;
  if (kernel === undefined || bias === undefined || (activation ?? 'linear') !== 'linear') {
    throw new InvalidParameterError(
      `cannot fold target scaling into ${network.spec.className}: needs a linear '${OUTPUT_LAYER}' layer with a bias`,
    );
  }
  const folded = tf.tidy(() => {
    const std = tf.tensor1d(scales.map((s) => s.std));
    const mean = tf.tensor1d(scales.map((s) => s.mean));
    if (inverse) return [tf.div(kernel, std), tf.div(tf.sub(bias, mean), std)];
    return [tf.mul(kernel, std), tf.add(tf.mul(bias, std), mean)];
  });
  layer.setWeights(folded);
  tf.dispose(folded);
}

/**
 * The saved model of `network` predicting physical target units; the network itself keeps its
 * normalised outputs. Throws InvalidParameterError for a non-linear output layer.
 */
export async function savePhysicalNetwork(
  network: Network,
  targetScales: readonly ColumnScale[],
  metadata: ModelMetadata,
): Promise<SavedModel> {
  const snapshot = snapshotWeights(network);
  try {
    foldScaling(network, targetScales);
    return await saveNetwork(network, metadata);
  } finally {
    restoreWeights(network, snapshot);
  }
}

/** Loads a model saved by {@link savePhysicalNetwork} back with normalised outputs. */
export async function loadNormalisedNetwork(
  saved: SavedModel,
  targetScales: readonly ColumnScale[],
): Promise<Network> {
  const network = await loadNetwork(saved);
  try {
    foldScaling(network, targetScales, true);
  } catch (error) {
    network.dispose();
    throw error;
  }
  return network;
}
