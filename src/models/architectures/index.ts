/**
 * The architecture registry, filled here and only here, and the entry points that use it.
 */
import { createCnn } from './cnn.js';
import { createMlp } from './mlp.js';
import { ArchitectureRegistry } from './registry.js';
import type { ArchitectureFactory, ModelSpec, Network } from './types.js';

/** Every architecture a spec may name. */
export const ARCHITECTURES = new ArchitectureRegistry();
ARCHITECTURES.register('MLP', createMlp);
ARCHITECTURES.register('CNN', createCnn);

/** Adds an architecture (e.g. from a notebook); refuses a name already registered. */
export function registerArchitecture(className: string, factory: ArchitectureFactory): void {
  ARCHITECTURES.register(className, factory);
}

/** Builds the network a spec describes; throws InvalidParameterError on a bad spec. */
export function createNetwork(spec: ModelSpec): Network {
  return ARCHITECTURES.create(spec);
}

export type { ArchitectureFactory, ModelSpec, Network, NetworkOutput } from './types.js';
export { ArchitectureRegistry } from './registry.js';
export { createMlp, mlpFlopsPerSample, parseMlpConfig, MLP_ACTIVATIONS } from './mlp.js';
export type { MlpConfig, MlpConfigInput } from './mlp.js';
export { createCnn, cnnFlopsPerSample, parseCnnConfig } from './cnn.js';
export type { CnnConfig, CnnConfigInput } from './cnn.js';
export { measureLatency } from './latency.js';
export type { LatencyMeasurement } from './latency.js';
