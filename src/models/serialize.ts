/**
 * Save and load networks as a JSON manifest (spec, metadata, weight specs) plus one block of
 * little-endian weight bytes. No file IO here: callers store the two parts where they like.
 */
import { z } from 'zod';
import { InvalidParameterError } from '../errors.js';
import { createNetwork } from './architectures/index.js';
import type { ModelSpec, Network } from './architectures/index.js';
import { tf } from './tf.js';

/** Version of the manifest layout; bumped when a field changes meaning. */
export const MODEL_FORMAT_VERSION = 1;

const inputSchema = z.object({
  name: z.string().min(1),
  mean: z.number().finite(),
  std: z.number().finite().positive(),
  unit: z.string(),
});

const metadataSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  task: z.enum(['lst-lse', 'classification']),
  inputs: z.array(inputSchema).min(1),
  outputs: z.array(z.object({ name: z.string().min(1), unit: z.string() })).min(1),
  sensor: z.string(),
  trainingDataHash: z.string(),
  commandLine: z.string(),
  method: z.string(),
  hyperParameters: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.number()),
  teacherId: z.string().nullable(),
  createdAt: z.string(),
});

const weightSpecSchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  dtype: z.literal('float32'),
});

const manifestSchema = z.object({
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  spec: z.object({ className: z.string().min(1), config: z.record(z.string(), z.unknown()) }),
  metadata: metadataSchema,
  weightSpecs: z.array(weightSpecSchema),
});

/**
 * What a trained model records besides its weights. `inputs` are the input features in model
 * order with the normalisation applied before the network, `(value - mean) / std`, in `unit`
 * (e.g. `K`); `outputs` the predicted quantities and their units (`K`, `1` for emissivity,
 * `probability` for classes).
 */
export type ModelMetadata = z.infer<typeof metadataSchema>;

/** One weight tensor in the weight bytes, in order. */
export type ModelWeightSpec = z.infer<typeof weightSpecSchema>;

/** The JSON part of a saved model. */
export interface ModelManifest {
  formatVersion: typeof MODEL_FORMAT_VERSION;
  spec: ModelSpec;
  metadata: ModelMetadata;
  weightSpecs: ModelWeightSpec[];
}

/** A saved model: the manifest (JSON-serialisable) and the weights, float32 little-endian. */
export interface SavedModel {
  manifest: ModelManifest;
  weights: Uint8Array;
}

/**
 * Serialises a network with its metadata. Throws InvalidParameterError when the metadata is
 * incomplete or its input list does not match the network's input width.
 */
export async function saveNetwork(network: Network, metadata: ModelMetadata): Promise<SavedModel> {
  const checked = parseOrThrow(metadataSchema, metadata, 'model metadata');
  checkInputCount(network, checked);

  let saved: SavedModel | undefined;
  await network.model.save(
    tf.io.withSaveHandler((artifacts) => {
      const weightSpecs = (artifacts.weightSpecs ?? []).map((spec) => ({
        name: spec.name,
        shape: [...spec.shape],
        dtype: 'float32' as const,
      }));
      const buffer = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
      saved = {
        manifest: {
          formatVersion: MODEL_FORMAT_VERSION,
          spec: network.spec,
          metadata: checked,
          weightSpecs,
        },
        weights: new Uint8Array(buffer),
      };
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  if (saved === undefined) {
    throw new InvalidParameterError('the network produced no artifacts to save');
  }
  return saved;
}

/**
 * Rebuilds the network of a saved model from its spec and loads its weights by name. Throws
 * InvalidParameterError when the manifest is malformed, the weights are truncated or too long,
 * or a weight is missing or has another shape than the architecture expects.
 */
export async function loadNetwork(saved: SavedModel): Promise<Network> {
  const manifest = parseOrThrow(manifestSchema, saved.manifest, 'model manifest');
  checkWeightBytes(manifest.weightSpecs, saved.weights);

  const network = createNetwork(manifest.spec);
  try {
    checkWeightsMatch(network, manifest.weightSpecs);
    const buffer = saved.weights.slice().buffer;
    const named = tf.io.decodeWeights(buffer, manifest.weightSpecs);
    network.model.loadWeights(named, true);
    tf.dispose(Object.values(named));
  } catch (error) {
    network.dispose();
    throw error;
  }
  return Promise.resolve(network);
}

/** Parses the manifest JSON text of a saved model; malformed text → InvalidParameterError. */
export function parseManifest(text: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidParameterError(
      `model manifest is not valid JSON (${text.length} characters): ${reason}`,
    );
  }
  return parseOrThrow(manifestSchema, json, 'model manifest');
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
  throw new InvalidParameterError(
    `invalid ${what}: ${field}: ${issue?.message ?? 'invalid value'}`,
    { field },
  );
}

function checkInputCount(network: Network, metadata: ModelMetadata): void {
  const shape = network.model.inputs[0]?.shape ?? [];
  const width = shape[shape.length - 1];
  if (width !== metadata.inputs.length) {
    throw new InvalidParameterError(
      `model metadata lists ${metadata.inputs.length} inputs but the network takes ${width}`,
      { metadataInputs: metadata.inputs.length, networkInputs: width },
    );
  }
}

function checkWeightBytes(specs: ModelWeightSpec[], weights: Uint8Array): void {
  const expectedBytes = specs.reduce(
    (sum, spec) => sum + 4 * spec.shape.reduce((n, d) => n * d, 1),
    0,
  );
  if (weights.byteLength !== expectedBytes) {
    const problem = weights.byteLength < expectedBytes ? 'truncated' : 'longer than its manifest';
    throw new InvalidParameterError(
      `model weights are ${problem}: ${weights.byteLength} bytes, the manifest needs ${expectedBytes}`,
      { bytes: weights.byteLength, expectedBytes },
    );
  }
}

function checkWeightsMatch(network: Network, specs: ModelWeightSpec[]): void {
  const byName = new Map(specs.map((spec) => [spec.name, spec.shape]));
  for (const weight of network.model.weights) {
    const shape = byName.get(weight.originalName);
    if (shape === undefined) {
      throw new InvalidParameterError(
        `model weights lack '${weight.originalName}' of the ${network.spec.className}`,
        {
          weight: weight.originalName,
        },
      );
    }
    if (shape.join('x') !== weight.shape.join('x')) {
      throw new InvalidParameterError(
        `model weight '${weight.originalName}' has shape [${shape.join(', ')}]; the architecture needs [${weight.shape.join(', ')}]`,
        { weight: weight.originalName, shape, expectedShape: weight.shape },
      );
    }
  }
}
