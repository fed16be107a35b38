/**
 * Wraps a functional tfjs-layers model whose outputs are `[prediction, ...features]` into a
 * Network, and parses architecture configs into typed errors.
 */
import type { z } from 'zod';
import { InvalidParameterError } from '../../errors.js';
import type { tf, tfl } from '../tf.js';
import type { ModelSpec, Network, NetworkOutput } from './types.js';

/**
 * Builds the Network handle of `model`.
 * @param flopsPerSample analytic FLOPs of one sample (see Network.flopsPerSample).
 */
export function wrapNetwork(
  spec: ModelSpec,
  model: tfl.LayersModel,
  flopsPerSample: number,
): Network {
  return {
    spec,
    model,
    predict: (x, training = false) => splitOutputs(model.apply(x, { training })),
    parameterCount: () => model.countParams(),
    flopsPerSample: () => flopsPerSample,
    dispose: () => model.dispose(),
  };
}

function splitOutputs(
  result: tf.Tensor | tf.Tensor[] | tfl.SymbolicTensor | tfl.SymbolicTensor[],
): NetworkOutput {
  const tensors = (Array.isArray(result) ? result : [result]) as tf.Tensor[];
  const [output, ...features] = tensors;
  if (output === undefined) {
    throw new InvalidParameterError('the network returned no output tensor');
  }
  return { output, features };
}

/**
 * Validates an architecture config with `schema`; a failure becomes an InvalidParameterError
 * naming the architecture, the field and the problem.
 */
export function parseConfig<T>(className: string, schema: z.ZodType<T>, config: unknown): T {
  const parsed = schema.safeParse(config);
  if (parsed.success) {
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'config' : issue.path.join('.');
  throw new InvalidParameterError(
    `invalid ${className} config: ${field}: ${issue?.message ?? 'invalid value'}`,
    { className, field },
  );
}

/** The layers of one model get stable names (`dense_0`…) so saved weights load by name. */
export function layerName(kind: string, index: number): string {
  return `${kind}_${index}`;
}
