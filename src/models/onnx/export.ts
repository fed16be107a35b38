/**
 * ONNX export of MLP networks (opset 13, IR version 7, dynamic batch dimension `N`), for
 * onnxruntime in Node, onnxruntime-web in a browser and edge runtimes.
 *
 * Graph: [Sub(mean), Div(std)] → per dense layer Gemm(x, W, b) (W stored [in, out] as tfjs
 * keeps it, transB = 0) → activation → … → Gemm → [Softmax(axis 1)]. Activations:
 * relu → Relu, tanh → Tanh; swish → x · Sigmoid(x) (Ramachandran et al. 2017, β = 1);
 * gelu → 0.5 · x · (1 + Erf(x / √2)), the exact form tfjs-layers uses (Hendrycks & Gimpel
 * 2016, eq. 1), not the tanh approximation. Dropout is an identity at inference and is left
 * out. Only the prediction is exported, not the hidden features.
 */
import { InvalidParameterError } from '../../errors.js';
import { parseMlpConfig } from '../architectures/index.js';
import type { MlpConfig, Network } from '../architectures/index.js';
import type { ModelMetadata } from '../serialize.js';
import { OnnxGraphBuilder, batchValueInfo, intAttribute } from './onnx-graph.js';
import { onnxModelType } from './onnx-schema.js';

/** Opset of the default ONNX domain the exported graph uses (Gemm-13, Softmax-13, Erf-13). */
export const ONNX_OPSET = 13;
/** IR version matching opset 13 (onnx/docs/Versioning.md: ONNX 1.8, IR 7, opset 13). */
export const ONNX_IR_VERSION = 7;
/** Name of the graph input, shape [N, inputs], float32. */
export const ONNX_INPUT_NAME = 'input';
/** Name of the graph output, shape [N, outputs], float32. */
export const ONNX_OUTPUT_NAME = 'output';

/** Per-input normalisation baked into the graph: the network sees `(x - mean) / std`. */
export interface OnnxNormalization {
  mean: number[];
  std: number[];
}

/** Options of exportOnnx. */
export interface OnnxExportOptions {
  /** Bake input normalisation in, so the ONNX model takes raw inputs (e.g. kelvin). */
  normalization?: OnnxNormalization;
  /** Stored as `rskd.metadata` JSON in the model's metadata_props. */
  metadata?: ModelMetadata;
}

/** The normalisation recorded in a model's metadata, ready for exportOnnx. */
export function normalizationFromMetadata(metadata: ModelMetadata): OnnxNormalization {
  return { mean: metadata.inputs.map((i) => i.mean), std: metadata.inputs.map((i) => i.std) };
}

/**
 * Encodes an MLP network as an ONNX ModelProto. Throws InvalidParameterError for other
 * architectures or a normalisation whose length differs from the input width.
 */
export function exportOnnx(network: Network, options: OnnxExportOptions = {}): Uint8Array {
  if (network.spec.className !== 'MLP') {
    throw new InvalidParameterError(
      `ONNX export supports MLP networks only; got ${network.spec.className}`,
      {
        className: network.spec.className,
      },
    );
  }
  const config = parseMlpConfig(network.spec.config);
  const graph = new OnnxGraphBuilder();

  let x = ONNX_INPUT_NAME;
  if (options.normalization !== undefined) {
    x = normalize(graph, x, options.normalization, config.inputs);
  }
  config.hidden.forEach((units, index) => {
    x = gemm(graph, network, `dense_${index}`, x);
    x = activate(graph, config.activation, x, `dense_${index}`);
  });
  x = gemm(graph, network, 'prediction', x);
  if (config.outputActivation === 'softmax') {
    x = graph.node('Softmax', [x], 'probabilities', [intAttribute('axis', 1)]);
  }
  graph.renameLastOutput(ONNX_OUTPUT_NAME);

  return encodeModel(network, config, graph, options.metadata);
}

function normalize(
  graph: OnnxGraphBuilder,
  x: string,
  normalization: OnnxNormalization,
  inputs: number,
): string {
  const { mean, std } = normalization;
  if (mean.length !== inputs || std.length !== inputs || std.some((s) => !(s > 0))) {
    throw new InvalidParameterError(
      `ONNX normalisation needs ${inputs} means and ${inputs} positive stds; got ${mean.length} and ${std.length}`,
      { inputs, means: mean.length, stds: std.length },
    );
  }
  const centred = graph.node(
    'Sub',
    [x, graph.constant('input_mean', [inputs], mean)],
    'input_centred',
  );
  return graph.node(
    'Div',
    [centred, graph.constant('input_std', [inputs], std)],
    'input_normalized',
  );
}

function gemm(graph: OnnxGraphBuilder, network: Network, layerName: string, x: string): string {
  const [kernel, bias] = network.model.getLayer(layerName).getWeights();
  if (kernel === undefined || bias === undefined) {
    throw new InvalidParameterError(`layer '${layerName}' has no kernel and bias to export`);
  }
  const w = graph.constant(`${layerName}_kernel`, kernel.shape, kernel.dataSync());
  const b = graph.constant(`${layerName}_bias`, bias.shape, bias.dataSync());
  return graph.node('Gemm', [x, w, b], `${layerName}_linear`);
}

function activate(
  graph: OnnxGraphBuilder,
  activation: MlpConfig['activation'],
  x: string,
  layerName: string,
): string {
  switch (activation) {
    case 'relu':
      return graph.node('Relu', [x], layerName);
    case 'tanh':
      return graph.node('Tanh', [x], layerName);
    case 'swish':
      return graph.node('Mul', [x, graph.node('Sigmoid', [x], `${layerName}_sigmoid`)], layerName);
    case 'gelu':
      return gelu(graph, x, layerName);
  }
}

function gelu(graph: OnnxGraphBuilder, x: string, layerName: string): string {
  const scaled = graph.node(
    'Div',
    [x, graph.constant('sqrt_two', [], [Math.SQRT2])],
    `${layerName}_scaled`,
  );
  const erf = graph.node('Erf', [scaled], `${layerName}_erf`);
  const onePlus = graph.node('Add', [erf, graph.constant('one', [], [1])], `${layerName}_cdf2`);
  const product = graph.node('Mul', [x, onePlus], `${layerName}_x_cdf2`);
  return graph.node('Mul', [product, graph.constant('half', [], [0.5])], layerName);
}

function encodeModel(
  network: Network,
  config: MlpConfig,
  graph: OnnxGraphBuilder,
  metadata?: ModelMetadata,
): Uint8Array {
  const metadataProps = [{ key: 'rskd.spec', value: JSON.stringify(network.spec) }];
  if (metadata !== undefined) {
    metadataProps.push({ key: 'rskd.metadata', value: JSON.stringify(metadata) });
  }
  const model = {
    irVersion: ONNX_IR_VERSION,
    producerName: 'geospatial-kd',
    producerVersion: '0.1.0',
    modelVersion: 1,
    docString:
      metadata?.name ?? `MLP ${[config.inputs, ...config.hidden, config.outputs].join('→')}`,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    metadataProps,
    graph: {
      name: 'mlp',
      node: graph.nodes,
      initializer: graph.initializers,
      input: [batchValueInfo(ONNX_INPUT_NAME, config.inputs)],
      output: [batchValueInfo(ONNX_OUTPUT_NAME, config.outputs)],
    },
  };
  const type = onnxModelType();
  return type.encode(type.fromObject(model)).finish();
}
