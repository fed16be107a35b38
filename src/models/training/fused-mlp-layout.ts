/**
 * What the fused MLP step needs to know about a network: its dense layers in order (kernel,
 * bias, activation), and for every hidden activation of MLP_ACTIVATIONS the forward pass that
 * keeps what the backward pass needs and the product dA ⊙ act'(Z). Node-free.
 */
import { parseMlpConfig, type MlpConfig } from '../architectures/mlp.js';
import type { Network } from '../architectures/index.js';
import { layerName } from '../architectures/network.js';
import { tf } from '../tf.js';

/** A hidden activation of an MLP. */
export type HiddenActivation = MlpConfig['activation'];

/** One dense layer: A_out = act(A_in · kernel + bias). */
export interface DenseLayerLayout {
  kernel: tf.Variable;
  bias: tf.Variable;
  /** Input and output widths (units). */
  inputUnits: number;
  outputUnits: number;
  /** Activation after the layer; the output layer is linear. */
  activation: HiddenActivation | 'linear';
}

/** The dense layers of a fusable MLP, input side first, and its variables in that order. */
export interface FusedMlpLayout {
  layers: DenseLayerLayout[];
  /** [kernel₀, bias₀, kernel₁, bias₁, …]: the order of the flat parameter buffer. */
  variables: tf.Variable[];
}

/** What a layer's forward pass keeps for its backward pass. */
export interface LayerForward {
  /** The activation A = act(Z), [rows, units]. */
  activated: tf.Tensor2D;
  /** Φ(Z) for gelu, σ(Z) for swish; null for the others. */
  saved: tf.Tensor2D | null;
  /** Z = input · kernel + bias; null for relu and linear (their derivative reads A). */
  preActivation: tf.Tensor2D | null;
}

/**
 * Forward pass of one dense layer, A = act(input · kernel + bias), keeping what its backward
 * pass needs; relu and linear run as one fused matMul kernel, the others add 1–4 kernels.
 */
export function denseForward(input: tf.Tensor2D, layer: DenseLayerLayout): LayerForward {
  const { kernel, bias, activation } = layer;
  if (activation === 'relu' || activation === 'linear') {
    const activated = tf.fused.matMul({ a: input, b: kernel, bias, activation }) as tf.Tensor2D;
    return { activated, saved: null, preActivation: null };
  }
  const z = tf.fused.matMul({ a: input, b: kernel, bias }) as tf.Tensor2D;
  if (activation === 'tanh') return { activated: tf.tanh(z), saved: null, preActivation: z };
  if (activation === 'gelu') {
    // GELU, erf form (Hendrycks & Gimpel 2016, arXiv:1606.08415, eq. 1): z·Φ(z), Φ(z) =
    // ½(1 + erf(z/√2)), computed as tfjs-layers' gelu does.
    const cdf = tf.mul<tf.Tensor2D>(0.5, tf.add(1, tf.erf(tf.div(z, Math.SQRT2))));
    return { activated: tf.mul(z, cdf), saved: cdf, preActivation: z };
  }
  // Swish (Ramachandran, Zoph & Le 2017, arXiv:1710.05941): z·σ(z), as tfjs-layers' swish.
  const sigmoid = tf.sigmoid(z);
  return { activated: tf.mul(sigmoid, z), saved: sigmoid, preActivation: z };
}

/** 1 / √(2π), the normal density's constant. */
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * dZ = dA ⊙ act'(Z) of a layer from its forward record:
 * relu: 1[A > 0]; tanh: 1 − A²; gelu: Φ(z) + z·φ(z), φ(z) = e^(−z²/2)/√(2π);
 * swish: σ(z) + A·(1 − σ(z)); linear: 1.
 */
export function activationBackward(
  activation: HiddenActivation | 'linear',
  forward: LayerForward,
  gradient: tf.Tensor2D,
): tf.Tensor2D {
  const { activated, saved, preActivation } = forward;
  switch (activation) {
    case 'linear':
      return gradient;
    case 'relu':
      return tf.mul(gradient, tf.step(activated));
    case 'tanh':
      return tf.mul(gradient, tf.sub<tf.Tensor2D>(1, tf.square(activated)));
    case 'gelu': {
      const z = preActivation!;
      const density = tf.mul<tf.Tensor2D>(tf.exp(tf.mul(tf.square(z), -0.5)), INV_SQRT_2PI);
      return tf.mul(gradient, tf.add<tf.Tensor2D>(saved!, tf.mul(z, density)));
    }
    case 'swish': {
      const sigmoid = saved!;
      const slope = tf.add<tf.Tensor2D>(sigmoid, tf.mul(activated, tf.sub(1, sigmoid)));
      return tf.mul(gradient, slope);
    }
  }
}

function denseLayerOf(
  network: Network,
  name: string,
  activation: DenseLayerLayout['activation'],
): DenseLayerLayout | null {
  let layer: ReturnType<Network['model']['getLayer']>;
  try {
    layer = network.model.getLayer(name);
  } catch {
    return null;
  }
  const config = layer.getConfig() as { activation?: unknown; useBias?: unknown };
  const weights = layer.trainableWeights;
  if (layer.getClassName() !== 'Dense' || !layer.trainable || weights.length !== 2) return null;
  if (config.activation !== activation || config.useBias !== true) return null;
  const kernel = weights[0]!.read() as tf.Variable;
  const bias = weights[1]!.read() as tf.Variable;
  const [inputUnits, outputUnits] = kernel.shape;
  if (kernel.rank !== 2 || inputUnits === undefined || outputUnits === undefined) return null;
  return { kernel, bias, inputUnits, outputUnits, activation };
}

function configOf(network: Network): MlpConfig | null {
  if (network.spec.className !== 'MLP') return null;
  try {
    return parseMlpConfig(network.spec.config);
  } catch {
    return null;
  }
}

/**
 * The layout of `network` when the fused step can train it, else null: an `MLP` without
 * dropout, with a linear output, every dense layer trainable and biased, and no trainable
 * variable outside those layers.
 */
export function canFuse(network: Network): FusedMlpLayout | null {
  const config = configOf(network);
  if (config === null || config.dropout > 0 || config.outputActivation !== 'linear') return null;

  const names = [...config.hidden.map((_, index) => layerName('dense', index)), 'prediction'];
  const layers: DenseLayerLayout[] = [];
  for (const [index, name] of names.entries()) {
    const layer = denseLayerOf(
      network,
      name,
      index < config.hidden.length ? config.activation : 'linear',
    );
    if (layer === null) return null;
    layers.push(layer);
  }

  const variables = layers.flatMap((layer) => [layer.kernel, layer.bias]);
  const trainable = new Set(network.model.trainableWeights.map((weight) => weight.read()));
  const complete = trainable.size === variables.length && variables.every((v) => trainable.has(v));
  return complete ? { layers, variables } : null;
}
