/**
 * The subset of the ONNX protobuf schema the exporter writes, as a protobufjs JSON
 * descriptor. Message and field numbers follow onnx/onnx.proto (ONNX project, IR version 7,
 * https://github.com/onnx/onnx/blob/main/onnx/onnx.proto); fields the exporter never sets
 * (sparse tensors, training info, functions, segments) are left out, which protobuf allows.
 */
import { Root } from 'protobufjs/light.js';
import type { IField, INamespace, Type } from 'protobufjs/light.js';

/** TensorProto.DataType values used here (onnx.proto, enum TensorProto.DataType). */
export const ONNX_FLOAT = 1;

/** AttributeProto.AttributeType values used here (onnx.proto, enum AttributeType). */
export const ONNX_ATTRIBUTE_FLOAT = 1;
/** AttributeProto.AttributeType INT. */
export const ONNX_ATTRIBUTE_INT = 2;

const field = (id: number, type: string, repeated = false): IField =>
  repeated ? { id, type, rule: 'repeated' } : { id, type };

const ONNX_DESCRIPTOR: INamespace = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: field(1, 'int64'),
            producerName: field(2, 'string'),
            producerVersion: field(3, 'string'),
            domain: field(4, 'string'),
            modelVersion: field(5, 'int64'),
            docString: field(6, 'string'),
            graph: field(7, 'GraphProto'),
            opsetImport: field(8, 'OperatorSetIdProto', true),
            metadataProps: field(14, 'StringStringEntryProto', true),
          },
        },
        OperatorSetIdProto: { fields: { domain: field(1, 'string'), version: field(2, 'int64') } },
        StringStringEntryProto: { fields: { key: field(1, 'string'), value: field(2, 'string') } },
        GraphProto: {
          fields: {
            node: field(1, 'NodeProto', true),
            name: field(2, 'string'),
            initializer: field(5, 'TensorProto', true),
            docString: field(10, 'string'),
            input: field(11, 'ValueInfoProto', true),
            output: field(12, 'ValueInfoProto', true),
            valueInfo: field(13, 'ValueInfoProto', true),
          },
        },
        NodeProto: {
          fields: {
            input: field(1, 'string', true),
            output: field(2, 'string', true),
            name: field(3, 'string'),
            opType: field(4, 'string'),
            attribute: field(5, 'AttributeProto', true),
            docString: field(6, 'string'),
            domain: field(7, 'string'),
          },
        },
        AttributeProto: {
          fields: {
            name: field(1, 'string'),
            f: field(2, 'float'),
            i: field(3, 'int64'),
            s: field(4, 'bytes'),
            t: field(5, 'TensorProto'),
            floats: field(7, 'float', true),
            ints: field(8, 'int64', true),
            docString: field(13, 'string'),
            type: field(20, 'int32'),
          },
        },
        TensorProto: {
          fields: {
            dims: field(1, 'int64', true),
            dataType: field(2, 'int32'),
            floatData: { ...field(4, 'float', true), options: { packed: true } },
            name: field(8, 'string'),
            rawData: field(9, 'bytes'),
            docString: field(12, 'string'),
          },
        },
        ValueInfoProto: {
          fields: {
            name: field(1, 'string'),
            type: field(2, 'TypeProto'),
            docString: field(3, 'string'),
          },
        },
        TypeProto: {
          fields: { tensorType: field(1, 'TypeProtoTensor'), denotation: field(6, 'string') },
        },
        TypeProtoTensor: {
          fields: { elemType: field(1, 'int32'), shape: field(2, 'TensorShapeProto') },
        },
        TensorShapeProto: { fields: { dim: field(1, 'TensorShapeDimension', true) } },
        TensorShapeDimension: {
          oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
          fields: {
            dimValue: field(1, 'int64'),
            dimParam: field(2, 'string'),
            denotation: field(3, 'string'),
          },
        },
      },
    },
  },
};

let modelType: Type | undefined;

/**
 * The ModelProto message type (built on first use). Nested messages (TypeProto.Tensor,
 * TensorShapeProto.Dimension) are declared flat under other names: the wire format carries
 * field numbers only, so the bytes are identical.
 */
export function onnxModelType(): Type {
  modelType ??= Root.fromJSON(ONNX_DESCRIPTOR).lookupType('onnx.ModelProto');
  return modelType;
}
