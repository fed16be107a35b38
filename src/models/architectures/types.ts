/**
 * The serialisable description of a network and the handle every architecture returns.
 */
import type { tf, tfl } from '../tf.js';

/** A network described as data: the registry name of its architecture and its config. */
export interface ModelSpec {
  /** Registry name, e.g. `MLP` or `CNN`. */
  className: string;
  /** Architecture-specific config (validated by the architecture's factory). */
  config: Record<string, unknown>;
}

/** What a forward pass returns: the prediction and the hidden activations, input side first. */
export interface NetworkOutput {
  output: tf.Tensor;
  features: tf.Tensor[];
}

/** A built network: a tfjs-layers model plus the analytic figures of its architecture. */
export interface Network {
  /** The spec the network was built from (configs with defaults filled in). */
  spec: ModelSpec;
  /** Functional model whose outputs are `[prediction, ...hidden features]`. */
  model: tfl.LayersModel;
  /** Forward pass; `training` enables dropout. The caller owns (disposes) the tensors. */
  predict(x: tf.Tensor, training?: boolean): NetworkOutput;
  /** Number of weights, trainable or not. */
  parameterCount(): number;
  /**
   * Floating-point operations of one forward pass for one sample: 2 per multiply-add of the
   * dense and convolution layers; bias additions, activations and pooling are not counted.
   */
  flopsPerSample(): number;
  /** Releases the weights. */
  dispose(): void;
}

/** Builds a network from its config; throws InvalidParameterError on a bad config. */
export type ArchitectureFactory = (config: Record<string, unknown>) => Network;
