/**
 * What the student learns from at each batch: one teacher's outputs and features, or the
 * inverse-variance weighted mean of several teachers' outputs (multi-teacher). Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import type { Network } from '../architectures/index.js';
import { inverseVarianceTeacherWeights } from '../distillation/schemes/multi-teacher.js';
import { tf } from '../tf.js';

/** Teacher outputs [rows, targets] and hidden features for a batch of normalised inputs. */
export type TeacherSignal = (inputs: tf.Tensor2D) => { output: tf.Tensor; features: tf.Tensor[] };

/** The signal of one trained network (inference mode, no dropout). */
export function networkSignal(teacher: Network): TeacherSignal {
  return (inputs) => teacher.predict(inputs, false);
}

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
