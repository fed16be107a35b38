import { beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../architectures/index.js';
import { initBackend } from '../backend.js';
import { createDistillationMethod } from '../distillation/index.js';
import { tf } from '../tf.js';
import { studentObjective } from './distill-loss.js';
import { createFlatAdam } from './flat-adam.js';
import { canFuse, fusedLossAndGradient, fusedMlpStepEngine } from './fused-mlp-step.js';
import { restoreWeights, seedWeights, snapshotWeights } from './network-weights.js';
import { mseOutputGradient, outputGradientOf } from './output-gradients.js';
import { localStepEngine, type StepEngineFactory, type TrainingBatch } from './step-engine.js';
import type { TabularSplit } from './tabular-data.js';
import { networkSignal } from './teacher-signal.js';
import {
  fusedFromEnv,
  selectStepEngine,
  shuffledBatches,
  supervisedLoss,
  trainNetwork,
} from './train-network.js';
import type { TrainingConfig } from './training-config.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

function mlp(config: Record<string, unknown>): Network {
  return createNetwork({ className: 'MLP', config: { inputs: 3, outputs: 2, ...config } });
}

/** Rows of smooth inputs and targets like normalised brightness temperatures and LST/LSE. */
function splitOf(rows: number, phase = 0): TabularSplit {
  const inputs = Float32Array.from({ length: rows * 3 }, (_, i) => Math.sin(i * 0.37 + phase));
  const targets = Float32Array.from({ length: rows * 2 }, (_, i) => {
    const row = Math.floor(i / 2);
    const a = inputs[row * 3] ?? 0;
    const b = inputs[row * 3 + 1] ?? 0;
    return i % 2 === 0 ? a + 0.5 * (a - b) : 0.3 * (inputs[row * 3 + 2] ?? 0);
  });
  return { inputs, targets, rows, inputWidth: 3, targetWidth: 2 };
}

function firstBatch(split: TabularSplit, batchSize: number, epoch = 0): TrainingBatch {
  for (const batch of shuffledBatches(split, batchSize, 11, epoch)) {
    return { ...batch, inputs: tf.clone(batch.inputs), targets: tf.clone(batch.targets) };
  }
  throw new Error('empty split');
}

/** The tape's gradients of `loss`, flattened in the layout's variable order. */
function tapeGradient(variables: tf.Variable[], loss: () => tf.Scalar): Float32Array {
  const { value, grads } = tf.variableGrads(loss, variables);
  const flat = new Float32Array(variables.reduce((n, v) => n + v.size, 0));
  let offset = 0;
  for (const variable of variables) {
    flat.set(grads[variable.name]!.dataSync(), offset);
    offset += variable.size;
  }
  tf.dispose([value, ...Object.values(grads)]);
  return flat;
}

/** max |a − b| / max |b| over one variable's slice, the worst over all variables. */
function worstRelativeError(a: Float32Array, b: Float32Array, sizes: number[]): number {
  let worst = 0;
  let offset = 0;
  for (const size of sizes) {
    let error = 0;
    let scale = 0;
    for (let i = offset; i < offset + size; i++) {
      error = Math.max(error, Math.abs(a[i]! - b[i]!));
      scale = Math.max(scale, Math.abs(b[i]!));
    }
    worst = Math.max(worst, error / scale);
    offset += size;
  }
  return worst;
}

function flatWeights(network: Network): Float32Array {
  const arrays = snapshotWeights(network);
  const flat = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const array of arrays) {
    flat.set(array, offset);
    offset += array.length;
  }
  return flat;
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - (b[i] ?? NaN))), 0);
}

describe('fused MLP backward pass', () => {
  for (const activation of ['relu', 'gelu', 'tanh', 'swish']) {
    it(`gives the tape's loss and gradients within 1e-5 relative for ${activation}`, () => {
      const network = mlp({ hidden: [24, 16], activation });
      seedWeights(network, 3);
      const layout = canFuse(network)!;
      const batch = firstBatch(splitOf(300), 128);

      const fused = fusedLossAndGradient(layout, batch, mseOutputGradient);
      const loss = supervisedLoss(network);
      const tape = tapeGradient(layout.variables, () => loss(batch));
      const tapeLoss = tf.tidy(() => loss(batch).dataSync()[0]!);

      expect(fused.loss).toBeCloseTo(tapeLoss, 6);
      expect(fused.loss).toBeGreaterThan(0.01);
      const sizes = layout.variables.map((v) => v.size);
      expect(sizes).toEqual([72, 24, 384, 16, 32, 2]);
      expect(worstRelativeError(fused.gradient, tape, sizes)).toBeLessThan(1e-5);
      tf.dispose([batch.inputs, batch.targets]);
      network.dispose();
    });
  }
});

describe('flat Adam', () => {
  it('leaves the weights tf.train.adam leaves after 3 steps with the same gradients (1e-6)', () => {
    const initial = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * 0.5);
    const gradients = [0, 1, 2].map((step) =>
      Float32Array.from({ length: 40 }, (_, i) => Math.cos(i * (step + 1)) * 10 ** (step - 2)),
    );
    const variable = tf.variable(tf.tensor1d(initial), true, 'adam_probe');
    const optimizer = tf.train.adam(0.01);
    for (const gradient of gradients) {
      tf.tidy(() =>
        optimizer.applyGradients([{ name: 'adam_probe', tensor: tf.tensor1d(gradient) }]),
      );
    }
    const adam = createFlatAdam(40);
    const ours = Float32Array.from(initial);
    for (const gradient of gradients) adam.apply(ours, gradient, 0.01);

    const theirs = variable.dataSync() as Float32Array;
    expect(maxAbsDifference(ours, theirs)).toBeLessThan(1e-6);
    // The first steps of Adam move every weight by ≈ lr (the update m̂/√v̂ is ±1 at t = 1).
    expect(Math.abs((ours[0] ?? 0) - (initial[0] ?? 0))).toBeGreaterThan(0.02);
    expect(adam.steps).toBe(3);
    optimizer.dispose();
    variable.dispose();
  });
});

function stepRun(factory: (network: Network) => StepEngineFactory, steps: number): Network {
  const network = mlp({ hidden: [32, 32], activation: 'gelu' });
  seedWeights(network, 5);
  const layout = canFuse(network)!;
  const loss = supervisedLoss(network);
  const engine = factory(network)({
    loss,
    outputGradient: mseOutputGradient,
    learningRate: 1e-2,
    variables: () => layout.variables,
  });
  const split = splitOf(600);
  let done = 0;
  for (const batch of shuffledBatches(split, 128, 2, 0)) {
    if (done++ === steps) break;
    void engine.step(batch);
  }
  engine.dispose();
  return network;
}

describe('fusedMlpStepEngine', () => {
  it('leaves the weights of 3 tape Adam steps within 1e-6', () => {
    const fused = stepRun((network) => fusedMlpStepEngine(canFuse(network)!), 3);
    const tape = stepRun(() => localStepEngine, 3);
    const start = mlp({ hidden: [32, 32], activation: 'gelu' });
    seedWeights(start, 5);
    expect(maxAbsDifference(flatWeights(fused), flatWeights(tape))).toBeLessThan(1e-6);
    // The steps did move the weights (lr 1e-2: by up to ~3e-2).
    expect(maxAbsDifference(flatWeights(fused), flatWeights(start))).toBeGreaterThan(1e-2);
    [fused, tape, start].forEach((network) => network.dispose());
  });

  it('leaks no tensors and re-reads weights assigned between its steps', () => {
    const network = mlp({ hidden: [16] });
    seedWeights(network, 9);
    const layout = canFuse(network)!;
    const engine = fusedMlpStepEngine(layout)({
      loss: supervisedLoss(network),
      outputGradient: mseOutputGradient,
      learningRate: 1e-3,
      variables: () => layout.variables,
    });
    const batch = firstBatch(splitOf(200), 64);
    void engine.step(batch);
    const tensors = tf.memory().numTensors;
    void engine.step(batch);
    expect(tf.memory().numTensors).toBe(tensors);

    // Someone else (a checkpoint restore) doubles the weights: the next step starts from them.
    const doubled = snapshotWeights(network).map((w) => w.map((value) => value * 2));
    restoreWeights(network, doubled);
    void engine.step(batch);
    const after = flatWeights(network);
    const expected = Float32Array.from(doubled.flatMap((w) => Array.from(w)));
    expect(maxAbsDifference(after, expected)).toBeLessThan(3e-3);
    expect(maxAbsDifference(after, expected)).toBeGreaterThan(1e-5);
    engine.dispose();
    tf.dispose([batch.inputs, batch.targets]);
    network.dispose();
  });

  it('refuses an objective without an analytic output gradient', () => {
    const network = mlp({ hidden: [8] });
    const layout = canFuse(network)!;
    expect(() =>
      fusedMlpStepEngine(layout)({
        loss: supervisedLoss(network),
        learningRate: 1e-3,
        variables: () => layout.variables,
      }),
    ).toThrow(/needs an objective with an analytic output gradient/);
    network.dispose();
  });
});

const CONFIG: TrainingConfig = {
  epochs: 2,
  batchSize: 64,
  learningRate: 3e-3,
  schedule: 'cosine',
  patience: 5,
  seed: 4,
};

describe('trainNetwork with the fused step', () => {
  it('reaches the validation loss of the tape within 1e-4 after 2 epochs (cosine rate)', async () => {
    const train = splitOf(2000);
    const validation = splitOf(500, 1.3);
    const run = async (fused: boolean) => {
      const network = mlp({ hidden: [32, 32] });
      const kind = selectStepEngine(
        { network, train, validation, config: CONFIG, fused },
        supervisedLoss(network),
      ).kind();
      const result = await trainNetwork({ network, train, validation, config: CONFIG, fused });
      network.dispose();
      return { kind, loss: result.bestValidationLoss, first: result.history[0]!.validationLoss };
    };
    const fused = await run(true);
    const tape = await run(false);
    expect(fused.kind).toBe('fused');
    expect(tape.kind).toBe('tape');
    expect(Math.abs(fused.loss - tape.loss)).toBeLessThan(1e-4);
    // Measured: 7.5e-9 apart at a loss of 3.2e-4 (float32 rounding only).
    expect(Math.abs(fused.loss - tape.loss) / tape.loss).toBeLessThan(1e-3);
    // Training learned something: the loss fell from epoch 1 to epoch 2 (both runs).
    expect(fused.loss).toBeLessThan(fused.first);
  });

  it('takes the tape for dropout, for FitNets and for a loss with extra variables', async () => {
    const dropout = mlp({ hidden: [16], dropout: 0.2 });
    expect(canFuse(dropout)).toBeNull();
    expect(canFuse(mlp({ hidden: [16], outputActivation: 'softmax' }))).toBeNull();
    const train = splitOf(256);
    const base = { train, validation: train, config: { ...CONFIG, epochs: 1 } };
    expect(selectStepEngine({ ...base, network: dropout }, supervisedLoss(dropout)).kind()).toBe(
      'tape',
    );

    const student = mlp({ hidden: [16, 16] });
    const teacher = mlp({ hidden: [32, 32] });
    const fitnets = createDistillationMethod('fitnets', 'regression');
    const objective = studentObjective(
      student,
      networkSignal(teacher),
      fitnets,
      {},
      () => 0.5,
      1e-3,
    );
    expect(objective.outputGradient).toBeUndefined();
    expect(outputGradientOf(objective.loss)).toBeUndefined();
    const options = {
      ...base,
      network: student,
      loss: objective.loss,
      extraVariables: objective.extraVariables,
    };
    expect(selectStepEngine(options, objective.loss).kind()).toBe('tape');
    const result = await trainNetwork(options);
    expect(result.history[0]!.trainLoss).toBeGreaterThan(0);

    // An analytic loss whose first batch brings a learned variable falls back at that step.
    const extra = tf.variable(tf.zeros([1]), true, 'fused_test_extra');
    const supervised = supervisedLoss(student);
    const chosen = selectStepEngine(
      { ...options, loss: supervised, extraVariables: () => [extra] },
      supervised,
    );
    expect(chosen.kind()).toBeNull();
    const engine = chosen.factory({
      loss: supervised,
      learningRate: 1e-3,
      outputGradient: mseOutputGradient,
      variables: () => [...canFuse(student)!.variables, extra],
    });
    const batch = firstBatch(train, 64);
    await engine.step(batch);
    expect(chosen.kind()).toBe('tape');
    engine.dispose();
    objective.dispose();
    tf.dispose([batch.inputs, batch.targets, extra]);
    [dropout, student, teacher].forEach((network) => network.dispose());
  });

  it('is turned off by RSKD_FUSED=0 only', () => {
    expect(fusedFromEnv({ RSKD_FUSED: '0' })).toBe(false);
    expect(fusedFromEnv({ RSKD_FUSED: '1' })).toBe(true);
    expect(fusedFromEnv({})).toBe(true);
  });
});

describe('response-mse output gradient', () => {
  it('gives the method loss value and the tape gradients at α 0.5', () => {
    const student = mlp({ hidden: [16, 16] });
    const teacher = mlp({ hidden: [32, 32] });
    seedWeights(student, 1);
    seedWeights(teacher, 2);
    const method = createDistillationMethod('response-mse', 'regression');
    const objective = studentObjective(
      student,
      networkSignal(teacher),
      method,
      {},
      () => 0.5,
      1e-3,
    );
    const batch = firstBatch(splitOf(300), 100);
    const layout = canFuse(student)!;

    const fused = fusedLossAndGradient(layout, batch, objective.outputGradient!);
    const tapeLoss = tf.tidy(() => objective.loss(batch).dataSync()[0]!);
    const expected = tf.tidy(() => {
      const s = student.predict(batch.inputs).output;
      const t = teacher.predict(batch.inputs).output;
      const supervised = tf.mean(tf.squaredDifference(s, batch.targets));
      const kd = tf.mean(tf.squaredDifference(s, t));
      return 0.5 * supervised.dataSync()[0]! + 0.5 * kd.dataSync()[0]!;
    });
    expect(fused.loss).toBe(tapeLoss);
    expect(fused.loss).toBeCloseTo(expected, 6);
    const tape = tapeGradient(layout.variables, () => objective.loss(batch));
    const sizes = layout.variables.map((v) => v.size);
    expect(worstRelativeError(fused.gradient, tape, sizes)).toBeLessThan(1e-5);
    expect(outputGradientOf(objective.loss)).toBe(objective.outputGradient);

    // trainNetwork's choice for this objective waits for the first batch, then fuses.
    const split = splitOf(256);
    const options = {
      network: student,
      train: split,
      validation: split,
      config: CONFIG,
      loss: objective.loss,
      extraVariables: objective.extraVariables,
    };
    const chosen = selectStepEngine(options, objective.loss);
    expect(chosen.kind()).toBeNull();
    const engine = chosen.factory({
      loss: objective.loss,
      learningRate: 1e-3,
      outputGradient: objective.outputGradient!,
      variables: (b) => [...layout.variables, ...objective.extraVariables(b)],
    });
    void engine.step(batch);
    expect(chosen.kind()).toBe('fused');
    engine.dispose();

    const weighted = studentObjective(
      student,
      networkSignal(teacher),
      method,
      { varianceWeighting: 1 },
      () => 0.5,
      1e-3,
    );
    expect(weighted.outputGradient).toBeUndefined();
    tf.dispose([batch.inputs, batch.targets]);
    [objective, weighted].forEach((o) => o.dispose());
    [student, teacher].forEach((network) => network.dispose());
  });
});
