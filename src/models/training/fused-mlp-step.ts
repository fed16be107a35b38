/**
 * A training step for plain MLPs without the gradient tape: the forward pass on tfjs kernels
 * (one fused matMul + bias + activation per layer, pre-activations kept), the analytic
 * backward pass from the objective's dL/d(output) (per layer dW = Aᵀ·dZ, db = Σ dZ,
 * dA = dZ·Wᵀ, dZ = dA ⊙ act'(Z)), and Adam on one flat Float32Array in JavaScript. On the
 * 3→48→48→2 student the tape and the per-variable Adam ops cost ~15× the forward pass; this
 * step runs ~20 kernels instead of ~150.
 *
 * Weights: the network's tf.Variables stay the truth. The engine mirrors them in one flat
 * buffer, writes every update back at the end of its step (so validation, checkpoints and
 * predict always read current weights) and re-reads a variable only when something else
 * assigned it since (its dataId changed: seeding, restoring a checkpoint). Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import { tf } from '../tf.js';
import { createFlatAdam, TFJS_ADAM, type AdamConstants } from './flat-adam.js';
import {
  activationBackward,
  denseForward,
  type FusedMlpLayout,
  type LayerForward,
} from './fused-mlp-layout.js';
import type {
  OutputGradient,
  StepEngine,
  StepEngineFactory,
  TrainingBatch,
} from './step-engine.js';

export { canFuse, type FusedMlpLayout } from './fused-mlp-layout.js';

/** Offsets of every variable of `layout` in the flat buffer, and its total size. */
function flatOffsets(layout: FusedMlpLayout): { offsets: number[]; size: number } {
  const offsets: number[] = [];
  let size = 0;
  for (const variable of layout.variables) {
    offsets.push(size);
    size += variable.size;
  }
  return { offsets, size };
}

function checkInputs(layout: FusedMlpLayout, inputs: tf.Tensor2D): void {
  const expected = layout.layers[0]?.inputUnits;
  if (inputs.rank !== 2 || inputs.shape[1] !== expected) {
    throw new InvalidParameterError(
      `fused MLP step: batch inputs of shape [${inputs.shape.join(', ')}], expected [rows, ${expected}]`,
      { shape: inputs.shape, inputUnits: expected },
    );
  }
}

function forwardPass(layout: FusedMlpLayout, inputs: tf.Tensor2D): LayerForward[] {
  const records: LayerForward[] = [];
  let x = inputs;
  for (const layer of layout.layers) {
    const record = denseForward(x, layer);
    records.push(record);
    x = record.activated;
  }
  return records;
}

/** Backpropagates dL/d(output) through the layers, writing dW and db into `gradient`. */
function backwardInto(
  layout: FusedMlpLayout,
  inputs: tf.Tensor2D,
  records: readonly LayerForward[],
  outputGradient: tf.Tensor2D,
  gradient: Float32Array,
  offsets: readonly number[],
): void {
  let dz = outputGradient;
  for (let index = layout.layers.length - 1; index >= 0; index--) {
    const layer = layout.layers[index]!;
    const input = index === 0 ? inputs : records[index - 1]!.activated;
    gradient.set(tf.matMul(input, dz, true, false).dataSync(), offsets[2 * index]);
    gradient.set(tf.sum(dz, 0).dataSync(), offsets[2 * index + 1]);
    if (index === 0) break;

    const below = layout.layers[index - 1]!;
    const da = tf.matMul<tf.Tensor2D>(dz, layer.kernel, false, true);
    dz = activationBackward(below.activation, records[index - 1]!, da);
  }
}

/**
 * The objective's value and its gradient with respect to every variable of `layout` (flat, in
 * `layout.variables` order) on `batch`, by the analytic backward pass. `gradient`, when
 * given, receives the values (length = the parameter count).
 */
export function fusedLossAndGradient(
  layout: FusedMlpLayout,
  batch: TrainingBatch,
  objective: OutputGradient,
  gradient?: Float32Array,
): { loss: number; gradient: Float32Array } {
  checkInputs(layout, batch.inputs);
  const { offsets, size } = flatOffsets(layout);
  const target = gradient ?? new Float32Array(size);
  const loss = tf.tidy(() => {
    const records = forwardPass(layout, batch.inputs);
    const output = records[records.length - 1]!.activated;
    const value = objective(batch, output);
    backwardInto(layout, batch.inputs, records, value.gradient, target, offsets);
    return value.loss.dataSync()[0] ?? Number.NaN;
  });
  return { loss, gradient: target };
}

/** The flat copy of a layout's weights, kept in step with its tf.Variables. */
interface WeightMirror {
  values: Float32Array;
  /** Re-reads the variables assigned by anyone else since the last push. */
  pull(): void;
  /** Writes `values` back into the variables. */
  push(): void;
}

function weightMirror(layout: FusedMlpLayout): WeightMirror {
  const { offsets, size } = flatOffsets(layout);
  const values = new Float32Array(size);
  const seen: (object | null)[] = layout.variables.map(() => null);
  return {
    values,
    pull: () => {
      layout.variables.forEach((variable, i) => {
        if (seen[i] === variable.dataId) return;
        values.set(variable.dataSync(), offsets[i]);
        seen[i] = variable.dataId;
      });
    },
    push: () => {
      layout.variables.forEach((variable, i) => {
        const start = offsets[i]!;
        // A copy: the CPU backend would keep a view of `values` as the tensor's storage.
        const tensor = tf.tensor(values.slice(start, start + variable.size), variable.shape);
        variable.assign(tensor);
        tensor.dispose();
        seen[i] = variable.dataId;
      });
    },
  };
}

function checkVariables(layout: FusedMlpLayout, variables: readonly tf.Variable[]): void {
  const own = new Set(layout.variables);
  if (variables.length !== own.size || !variables.every((variable) => own.has(variable))) {
    throw new InvalidParameterError(
      `fused MLP step trains the ${own.size} dense-layer variables of the network, got ` +
        `${variables.length} variables: objectives with learned loss layers need the tape engine`,
      { expected: own.size, found: variables.length },
    );
  }
}

/** Options of {@link fusedMlpStepEngine}. */
export interface FusedMlpStepOptions {
  /** Adam's β₁, β₂, ε (default: tf.train.adam's). */
  adam?: AdamConstants;
}

/**
 * A step engine training the MLP of `layout` (from {@link canFuse}) with the analytic
 * backward pass and a flat Adam: the same update as {@link localStepEngine} up to float32
 * rounding. Its options must offer `outputGradient`, and `variables(batch)` must be exactly
 * the layout's variables (else InvalidParameterError); `loss` is not called. The rate follows
 * `learningRateAt(batch.epoch)` when given.
 */
export function fusedMlpStepEngine(
  layout: FusedMlpLayout,
  stepOptions: FusedMlpStepOptions = {},
): StepEngineFactory {
  return (options): StepEngine => {
    const objective = options.outputGradient;
    if (objective === undefined) {
      throw new InvalidParameterError(
        'fused MLP step needs an objective with an analytic output gradient (outputGradient)',
      );
    }
    const mirror = weightMirror(layout);
    const adam = createFlatAdam(mirror.values.length, stepOptions.adam ?? TFJS_ADAM);
    const gradient = new Float32Array(mirror.values.length);
    return {
      step: (batch) => {
        checkVariables(layout, options.variables(batch));
        const rate = options.learningRateAt?.(batch.epoch) ?? options.learningRate;
        const { loss } = fusedLossAndGradient(layout, batch, objective, gradient);
        mirror.pull();
        adam.apply(mirror.values, gradient, rate);
        mirror.push();
        return Promise.resolve(loss);
      },
      dispose: () => undefined,
    };
  };
}
