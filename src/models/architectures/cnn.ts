/**
 * Convolutional network for chips: stride-1 "same" convolutions (plain or depthwise
 * separable) then either a per-pixel 1×1 head (dense outputs, shape [h, w, outputs]) or a
 * global-average-pooled dense head (classification, shape [outputs]). Model outputs:
 * `[prediction, conv activation 0, conv activation 1, …]`.
 */
import { z } from 'zod';
import { layerName, parseConfig, wrapNetwork } from './network.js';
import { tfl } from '../tf.js';
import type { Network } from './types.js';

const side = z.number().int().min(1).max(4096);

const cnnConfigSchema = z.strictObject({
  inputShape: z.tuple([side, side, z.number().int().min(1).max(1024)]),
  filters: z.array(z.number().int().min(1).max(4096)).max(64),
  kernelSize: z
    .number()
    .int()
    .min(1)
    .max(15)
    .refine((k) => k % 2 === 1, 'must be odd')
    .default(3),
  depthwiseSeparable: z.boolean().default(false),
  outputs: z.number().int().min(1).max(4096),
  dense: z.enum(['per-pixel', 'global']).default('per-pixel'),
  activation: z.enum(['relu', 'gelu', 'tanh', 'swish']).default('relu'),
  outputActivation: z.enum(['linear', 'softmax']).default('linear'),
});

/** CNN config; defaults: kernelSize 3, plain convolutions, per-pixel head, relu, linear output. */
export type CnnConfig = z.infer<typeof cnnConfigSchema>;

/** The config fields a caller may leave out. */
export type CnnConfigInput = z.input<typeof cnnConfigSchema>;

/** Validates a CNN config and fills its defaults. */
export function parseCnnConfig(config: unknown): CnnConfig {
  return parseConfig('CNN', cnnConfigSchema, config);
}

/** Builds a CNN network from its config (registry name `CNN`). */
export function createCnn(rawConfig: Record<string, unknown>): Network {
  const config = parseCnnConfig(rawConfig);
  const input = tfl.input({ shape: config.inputShape, name: 'input' });

  const features: tfl.SymbolicTensor[] = [];
  let x = input;
  config.filters.forEach((filters, index) => {
    const options = {
      filters,
      kernelSize: config.kernelSize,
      padding: 'same' as const,
      activation: config.activation,
    };
    const conv = config.depthwiseSeparable
      ? tfl.layers.separableConv2d({ ...options, name: layerName('sepconv', index) })
      : tfl.layers.conv2d({ ...options, name: layerName('conv', index) });
    x = conv.apply(x) as tfl.SymbolicTensor;
    features.push(x);
  });

  const prediction = config.dense === 'per-pixel' ? perPixelHead(config, x) : globalHead(config, x);
  const model = tfl.model({ inputs: input, outputs: [prediction, ...features], name: 'cnn' });
  return wrapNetwork({ className: 'CNN', config: { ...config } }, model, cnnFlopsPerSample(config));
}

function perPixelHead(config: CnnConfig, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  const head = tfl.layers.conv2d({
    filters: config.outputs,
    kernelSize: 1,
    activation: config.outputActivation,
    name: 'prediction',
  });
  return head.apply(x) as tfl.SymbolicTensor;
}

function globalHead(config: CnnConfig, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'pool' }).apply(x) as tfl.SymbolicTensor;
  const head = tfl.layers.dense({
    units: config.outputs,
    activation: config.outputActivation,
    name: 'prediction',
  });
  return head.apply(pooled) as tfl.SymbolicTensor;
}

/**
 * FLOPs of one chip: 2 × multiply-adds. A k×k convolution costs h·w·k²·cin·cout multiply-adds;
 * a depthwise separable one h·w·(k²·cin + cin·cout) (depth multiplier 1, Howard et al. 2017,
 * MobileNets, eq. 5); the per-pixel head h·w·c·outputs, the global head c·outputs.
 */
export function cnnFlopsPerSample(config: CnnConfig): number {
  const [height, width, inputChannels] = config.inputShape;
  const pixels = height * width;
  const k2 = config.kernelSize * config.kernelSize;

  let multiplyAdds = 0;
  let channels = inputChannels;
  for (const filters of config.filters) {
    multiplyAdds += config.depthwiseSeparable
      ? pixels * (k2 * channels + channels * filters)
      : pixels * k2 * channels * filters;
    channels = filters;
  }

  const headPixels = config.dense === 'per-pixel' ? pixels : 1;
  multiplyAdds += headPixels * channels * config.outputs;
  return 2 * multiplyAdds;
}
