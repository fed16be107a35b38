/**
 * Multi-layer perceptron for per-pixel retrieval: inputs → hidden dense layers → outputs.
 * Model outputs: `[prediction, hidden activation 0, hidden activation 1, …]` (after the
 * activation, before dropout), so feature distillation can read every hidden layer.
 */
import { z } from 'zod';
import { layerName, parseConfig, wrapNetwork } from './network.js';
import { tfl } from '../tf.js';
import type { Network } from './types.js';

/** Hidden-layer activations an MLP may use; each has an ONNX decomposition (onnx/export.ts). */
export const MLP_ACTIVATIONS = ['relu', 'gelu', 'tanh', 'swish'] as const;

const mlpConfigSchema = z.strictObject({
  inputs: z.number().int().min(1).max(4096),
  hidden: z.array(z.number().int().min(1).max(65536)).max(64),
  outputs: z.number().int().min(1).max(4096),
  activation: z.enum(MLP_ACTIVATIONS).default('relu'),
  outputActivation: z.enum(['linear', 'softmax']).default('linear'),
  dropout: z.number().min(0).max(0.95).default(0),
});

/** MLP config; `activation` defaults to relu, `outputActivation` to linear, `dropout` to 0. */
export type MlpConfig = z.infer<typeof mlpConfigSchema>;

/** The config fields a caller may leave out. */
export type MlpConfigInput = z.input<typeof mlpConfigSchema>;

/** Validates an MLP config and fills its defaults. */
export function parseMlpConfig(config: unknown): MlpConfig {
  return parseConfig('MLP', mlpConfigSchema, config);
}

/** Builds an MLP network from its config (registry name `MLP`). */
export function createMlp(rawConfig: Record<string, unknown>): Network {
  const config = parseMlpConfig(rawConfig);
  const input = tfl.input({ shape: [config.inputs], name: 'input' });

  const features: tfl.SymbolicTensor[] = [];
  let x = input;
  config.hidden.forEach((units, index) => {
    const dense = tfl.layers.dense({
      units,
      activation: config.activation,
      name: layerName('dense', index),
    });
    const activated = dense.apply(x) as tfl.SymbolicTensor;
    features.push(activated);
    x = activated;
    if (config.dropout > 0) {
      const dropout = tfl.layers.dropout({
        rate: config.dropout,
        name: layerName('dropout', index),
      });
      x = dropout.apply(x) as tfl.SymbolicTensor;
    }
  });

  const head = tfl.layers.dense({
    units: config.outputs,
    activation: config.outputActivation,
    name: 'prediction',
  });
  const prediction = head.apply(x) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: [prediction, ...features], name: 'mlp' });
  return wrapNetwork({ className: 'MLP', config: { ...config } }, model, mlpFlopsPerSample(config));
}

/** Weights and biases of every dense layer, counted from the config without building it. */
export function mlpParameterCount(config: MlpConfig): number {
  const widths = [config.inputs, ...config.hidden, config.outputs];
  let count = 0;
  for (let i = 1; i < widths.length; i++) count += ((widths[i - 1] ?? 0) + 1) * (widths[i] ?? 0);
  return count;
}

/** FLOPs of one sample: 2 × (multiply-adds of every dense layer); biases not counted. */
export function mlpFlopsPerSample(config: MlpConfig): number {
  const widths = [config.inputs, ...config.hidden, config.outputs];
  let multiplyAdds = 0;
  for (let i = 1; i < widths.length; i++) {
    multiplyAdds += (widths[i - 1] ?? 0) * (widths[i] ?? 0);
  }
  return 2 * multiplyAdds;
}
