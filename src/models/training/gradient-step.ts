/**
 * One gradient computation of a network on a batch held as flat Float32Arrays, and the
 * flattening of weights and gradients into one buffer, shared by the in-process trainer and
 * the data-parallel workers.
 */
import { InvalidParameterError } from '../../errors.js';
import type { Network } from '../architectures/index.js';
import { tf } from '../tf.js';
import type { TrainingLoss } from './training-losses.js';

/** Per-row values passed with a batch for the loss (e.g. the teacher's outputs). */
export interface ExtraInput {
  /** rows × Π(sampleShape) values, row-major. */
  values: Float32Array;
  sampleShape: number[];
}

/** A batch as flat arrays: `rows` samples of the network's input and output shapes. */
export interface FlatBatch {
  inputs: Float32Array;
  targets: Float32Array;
  rows: number;
  extraInputs?: Record<string, ExtraInput>;
}

/** Shapes of one sample of the network's input and prediction. */
export interface SampleShapes {
  input: number[];
  output: number[];
}

/** The per-sample input and prediction shapes of a network (without the batch axis). */
export function sampleShapesOf(network: Network): SampleShapes {
  const input = network.model.inputs[0]?.shape.slice(1);
  const output = network.model.outputs[0]?.shape.slice(1);
  if (input === undefined || output === undefined || [...input, ...output].includes(null)) {
    throw new InvalidParameterError('the network needs fixed input and output sample shapes');
  }
  return { input: input as number[], output: output as number[] };
}

/** The trainable variables of a network, in the order gradients and weights are flattened. */
export function trainableVariables(network: Network): tf.Variable[] {
  return network.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/** Total number of values of `variables`. */
export function parameterTotal(variables: readonly tf.Variable[]): number {
  return variables.reduce((sum, variable) => sum + variable.size, 0);
}

/** Copies the values of `tensors` one after the other into `target`. */
export function flattenInto(target: Float32Array, tensors: readonly tf.Tensor[]): void {
  let offset = 0;
  for (const tensor of tensors) {
    target.set(tensor.dataSync(), offset);
    offset += tensor.size;
  }
}

/** Assigns consecutive slices of `source` to `variables` (the inverse of flattenInto). */
export function assignFlat(variables: readonly tf.Variable[], source: Float32Array): void {
  let offset = 0;
  for (const variable of variables) {
    const values = source.subarray(offset, offset + variable.size);
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
    offset += variable.size;
  }
}

function checkBatch(batch: FlatBatch, shapes: SampleShapes): void {
  const inputSize = tf.util.sizeFromShape(shapes.input);
  const outputSize = tf.util.sizeFromShape(shapes.output);
  if (!Number.isInteger(batch.rows) || batch.rows < 1) {
    throw new InvalidParameterError(`batch rows must be a positive integer, got ${batch.rows}`);
  }
  if (batch.inputs.length !== batch.rows * inputSize) {
    throw new InvalidParameterError(
      `batch inputs have ${batch.inputs.length} values, expected ${batch.rows} rows × ${inputSize}`,
    );
  }
  if (batch.targets.length !== batch.rows * outputSize) {
    throw new InvalidParameterError(
      `batch targets have ${batch.targets.length} values, expected ${batch.rows} rows × ${outputSize}`,
    );
  }
  for (const [name, extra] of Object.entries(batch.extraInputs ?? {})) {
    const size = tf.util.sizeFromShape(extra.sampleShape);
    if (extra.values.length !== batch.rows * size) {
      throw new InvalidParameterError(
        `extra input ${name} has ${extra.values.length} values, expected ${batch.rows} rows × ${size}`,
      );
    }
  }
}

/**
 * Loss and gradients (in {@link trainableVariables} order) of the network on one batch; the
 * caller disposes the gradient tensors. `training` enables dropout.
 */
export function lossAndGradients(
  network: Network,
  loss: TrainingLoss,
  batch: FlatBatch,
  shapes: SampleShapes,
): { loss: number; grads: tf.Tensor[] } {
  checkBatch(batch, shapes);
  const variables = trainableVariables(network);
  const { value, grads } = tf.tidy(() => {
    const x = tf.tensor(batch.inputs, [batch.rows, ...shapes.input], 'float32');
    const target = tf.tensor(batch.targets, [batch.rows, ...shapes.output], 'float32');
    const extraInputs = Object.fromEntries(
      Object.entries(batch.extraInputs ?? {}).map(([name, extra]) => [
        name,
        tf.tensor(extra.values, [batch.rows, ...extra.sampleShape], 'float32'),
      ]),
    );
    return tf.variableGrads(() => {
      const { output, features } = network.predict(x, true);
      return loss({ prediction: output, target, features, extraInputs });
    }, variables);
  });
  const ordered = variables.map((variable) => grads[variable.name]!);
  const lossValue = value.dataSync()[0] ?? Number.NaN;
  value.dispose();
  return { loss: lossValue, grads: ordered };
}

/** Rows [start, end) of a flat batch (views, no copy). */
export function sliceBatch(
  batch: FlatBatch,
  start: number,
  end: number,
  shapes: SampleShapes,
): FlatBatch {
  const inputSize = tf.util.sizeFromShape(shapes.input);
  const outputSize = tf.util.sizeFromShape(shapes.output);
  const extraInputs = Object.fromEntries(
    Object.entries(batch.extraInputs ?? {}).map(([name, extra]) => {
      const size = tf.util.sizeFromShape(extra.sampleShape);
      return [
        name,
        { values: extra.values.subarray(start * size, end * size), sampleShape: extra.sampleShape },
      ];
    }),
  );
  return {
    inputs: batch.inputs.subarray(start * inputSize, end * inputSize),
    targets: batch.targets.subarray(start * outputSize, end * outputSize),
    rows: end - start,
    extraInputs,
  };
}
