/**
 * A small builder of ONNX graphs as plain objects shaped like the messages of onnx-schema.ts:
 * float32 initializers (raw little-endian bytes), nodes with int/float attributes, and
 * graph inputs/outputs whose first dimension is the symbolic batch `N`.
 */
import { ONNX_ATTRIBUTE_FLOAT, ONNX_ATTRIBUTE_INT, ONNX_FLOAT } from './onnx-schema.js';

/** An ONNX AttributeProto carrying one int or one float. */
export interface OnnxAttribute {
  name: string;
  type: number;
  i?: number;
  f?: number;
}

/** An ONNX NodeProto. */
export interface OnnxNode {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute: OnnxAttribute[];
}

/** An ONNX TensorProto of float32 values. */
export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

/** An ONNX ValueInfoProto of a float32 tensor. */
export interface OnnxValueInfo {
  name: string;
  type: {
    tensorType: {
      elemType: number;
      shape: { dim: ({ dimValue: number } | { dimParam: string })[] };
    };
  };
}

/** Name of the symbolic batch dimension of graph inputs and outputs. */
export const BATCH_DIMENSION = 'N';

/** Collects the nodes and initializers of one graph, naming values uniquely. */
export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  /** Adds a float32 constant (`dims` [] for a scalar) and returns its value name. */
  constant(name: string, dims: number[], values: ArrayLike<number>): string {
    const unique = this.unique(name);
    this.initializers.push({
      name: unique,
      dims,
      dataType: ONNX_FLOAT,
      rawData: float32LittleEndian(values),
    });
    return unique;
  }

  /** Adds a node and returns the name of its single output. */
  node(
    opType: string,
    inputs: string[],
    outputName: string,
    attributes: OnnxAttribute[] = [],
  ): string {
    const output = this.unique(outputName);
    this.nodes.push({
      name: `${opType}_${this.nodes.length}`,
      opType,
      input: inputs,
      output: [output],
      attribute: attributes,
    });
    return output;
  }

  /** Renames the last node's output (e.g. to the graph output `output`) and returns it. */
  renameLastOutput(name: string): string {
    const last = this.nodes[this.nodes.length - 1];
    if (last !== undefined) {
      last.output = [this.unique(name)];
      return name;
    }
    return name;
  }

  private unique(name: string): string {
    let candidate = name;
    for (let i = 1; this.used.has(candidate); i++) {
      candidate = `${name}_${i}`;
    }
    this.used.add(candidate);
    return candidate;
  }
}

/** An int attribute. */
export function intAttribute(name: string, value: number): OnnxAttribute {
  return { name, type: ONNX_ATTRIBUTE_INT, i: value };
}

/** A float attribute. */
export function floatAttribute(name: string, value: number): OnnxAttribute {
  return { name, type: ONNX_ATTRIBUTE_FLOAT, f: value };
}

/** A float32 graph input/output of shape [N, width]. */
export function batchValueInfo(name: string, width: number): OnnxValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType: ONNX_FLOAT,
        shape: { dim: [{ dimParam: BATCH_DIMENSION }, { dimValue: width }] },
      },
    },
  };
}

/** Float32 values as little-endian bytes, as TensorProto.raw_data requires (onnx.proto). */
export function float32LittleEndian(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    view.setFloat32(i * 4, values[i] ?? 0, true);
  }
  return bytes;
}
