/**
 * What the student learns from at each batch: one teacher's outputs and features, or the
 * inverse-variance weighted mean of several teachers' outputs (multi-teacher). Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import type { Network } from '../architectures/index.js';
import { inverseVarianceTeacherWeights } from '../distillation/schemes/multi-teacher.js';
import { tf } from '../tf.js';
import type { TrainingBatch } from './step-engine.js';
import { gatherRows, type TabularSplit } from './tabular-data.js';

/**
 * Teacher outputs [rows, targets] and hidden features for a batch of normalised inputs; `batch`
 * (when given) says which rows of which split the inputs are, for a cached signal.
 */
export type TeacherSignal = (
  inputs: tf.Tensor2D,
  batch?: Pick<TrainingBatch, 'rowIndices' | 'source'>,
) => { output: tf.Tensor; features: tf.Tensor[] };

/** Largest teacher cache (outputs and every hidden feature of a split), bytes. */
export const DEFAULT_TEACHER_CACHE_BYTES = 1536 * 1024 * 1024;
const CACHE_CHUNK_ROWS = 4096;

/** One cached tensor: the per-row shape after the batch axis and every row's values. */
interface CachedTensor {
  rowShape: number[];
  rowSize: number;
  values: Float32Array;
}

function cachedTensorOf(tensor: tf.Tensor, rows: number): CachedTensor {
  const rowShape = tensor.shape.slice(1);
  const rowSize = rowShape.reduce((product, size) => product * size, 1);
  return { rowShape, rowSize, values: new Float32Array(rows * rowSize) };
}

function gatheredTensor(cached: CachedTensor, rows: Uint32Array): tf.Tensor {
  return tf.tensor(gatherRows(cached.values, cached.rowSize, rows), [
    rows.length,
    ...cached.rowShape,
  ]);
}

/**
 * A static teacher's signal with its outputs and features on every row of `split` computed
 * once (in chunks of 4096 rows): batches drawn from `split` read the cache, anything else
 * (validation, generated rows) runs the teacher. A teacher's forward pass costs far more than a
 * small student's step (a 530k-parameter MLP ≈ 1.06 MFLOP per row), so offline distillation
 * otherwise spends most of its time re-running the same teacher on the same rows every epoch.
 * When the cache would exceed `maxBytes`, the teacher runs live. The teacher must be frozen
 * (no dropout at inference, weights not trained meanwhile); the same teacher and split give
 * back the same cache.
 */
export function cachedTeacherSignal(
  teacher: TeacherSignal,
  split: TabularSplit,
  maxBytes = DEFAULT_TEACHER_CACHE_BYTES,
): TeacherSignal {
  const known = CACHED_SIGNALS.get(teacher)?.get(split);
  if (known !== undefined && known.maxBytes === maxBytes) return known.signal;
  const signal = buildCachedSignal(teacher, split, maxBytes);
  const bySplit = CACHED_SIGNALS.get(teacher) ?? new WeakMap<TabularSplit, CachedSignal>();
  bySplit.set(split, { signal, maxBytes });
  CACHED_SIGNALS.set(teacher, bySplit);
  return signal;
}

interface CachedSignal {
  signal: TeacherSignal;
  maxBytes: number;
}

/**
 * Cached signals by teacher signal and split: the cells of one experiment share their teacher
 * and training split, so the teacher runs over the rows once per experiment, not once per cell.
 * Held weakly: a disposed teacher and its split take the cache with them.
 */
const CACHED_SIGNALS = new WeakMap<TeacherSignal, WeakMap<TabularSplit, CachedSignal>>();

function buildCachedSignal(
  teacher: TeacherSignal,
  split: TabularSplit,
  maxBytes: number,
): TeacherSignal {
  if (split.rows === 0) return teacher;
  let probe: CachedTensor[] = [];
  tf.tidy(() => {
    const first = tf.tensor2d(split.inputs.subarray(0, split.inputWidth), [1, split.inputWidth]);
    const { output, features } = teacher(first);
    probe = [output, ...features].map((tensor) => cachedTensorOf(tensor, 0));
  });
  const bytesPerRow = probe.reduce((sum, tensor) => sum + tensor.rowSize * 4, 0);
  if (bytesPerRow * split.rows > maxBytes) return teacher;

  const cached: CachedTensor[] = probe.map((tensor) => ({
    ...tensor,
    values: new Float32Array(split.rows * tensor.rowSize),
  }));
  for (let start = 0; start < split.rows; start += CACHE_CHUNK_ROWS) {
    const end = Math.min(split.rows, start + CACHE_CHUNK_ROWS);
    tf.tidy(() => {
      const x = tf.tensor2d(
        split.inputs.subarray(start * split.inputWidth, end * split.inputWidth),
        [end - start, split.inputWidth],
      );
      const { output, features } = teacher(x);
      [output, ...features].forEach((tensor, i) => {
        const target = cached[i] as CachedTensor;
        target.values.set(tensor.dataSync(), start * target.rowSize);
      });
    });
  }
  return (inputs, batch) => {
    if (batch?.source !== split || batch.rowIndices === undefined) return teacher(inputs);
    const rows = batch.rowIndices;
    const [output, ...features] = cached.map((tensor) => gatheredTensor(tensor, rows));
    return { output: output as tf.Tensor, features };
  };
}

/** The signal of one trained network (inference mode, no dropout). */
export function networkSignal(teacher: Network): TeacherSignal {
  let signal = NETWORK_SIGNALS.get(teacher);
  if (signal === undefined) {
    signal = (inputs) => teacher.predict(inputs, false);
    NETWORK_SIGNALS.set(teacher, signal);
  }
  return signal;
}

/** One signal per network, so caches keyed by signal last across an experiment's cells. */
const NETWORK_SIGNALS = new WeakMap<Network, TeacherSignal>();

/**
 * The signal of K teachers: outputs combined per target with weights wₖ = σₖ⁻² / Σⱼ σⱼ⁻² from
 * each teacher's validation MSE σₖ² of that target (the precision-weighted mean of independent
 * Gaussian estimates; see distillation/schemes/multi-teacher.ts); features of the first teacher.
 * `validationMse[k][j]` is teacher k's MSE of target j (normalised units²).
 */
export function multiTeacherSignal(
  teachers: readonly Network[],
  validationMse: readonly (readonly number[])[],
): TeacherSignal {
  if (teachers.length === 0 || teachers.length !== validationMse.length) {
    throw new InvalidParameterError(
      `multi-teacher needs one validation MSE row per teacher; got ${teachers.length} teachers and ${validationMse.length} rows`,
    );
  }
  const weights = tf.tidy(() =>
    tf.keep(inverseVarianceTeacherWeights(validationMse.map((row) => tf.tensor2d([[...row]])))),
  );
  return (inputs) => {
    const predictions = teachers.map((teacher) => teacher.predict(inputs, false));
    const output = tf.sum(tf.mul(tf.stack(predictions.map((p) => p.output)), weights), 0);
    const [first, ...rest] = predictions;
    tf.dispose(rest.flatMap((p) => p.features));
    return { output, features: first?.features ?? [] };
  };
}

/** The mean squared error of a network per target column on normalised rows. */
export function perTargetMse(
  network: Network,
  inputs: Float32Array,
  targets: Float32Array,
  rows: number,
): number[] {
  return tf.tidy(() => {
    const x = tf.tensor2d(inputs, [rows, inputs.length / rows]);
    const y = tf.tensor2d(targets, [rows, targets.length / rows]);
    const { output } = network.predict(x, false);
    return Array.from(tf.mean(tf.squaredDifference(output, y), 0).dataSync());
  });
}
