/**
 * Checks an experiment before anything trains: every network builds and stays under the size
 * limit, and every method's loss runs on two training rows with the experiment's own teacher,
 * assistant and student shapes, so that a mismatch (e.g. `hint` between a 64-wide student
 * layer and a 256-wide teacher layer) is refused at once instead of after the teacher has
 * trained for an hour. Node-free.
 */
import { InvalidParameterError, LimitExceededError } from '../../errors.js';
import { createNetwork, type ModelSpec, type Network } from '../architectures/index.js';
import { mlpParameterCount, parseMlpConfig } from '../architectures/mlp.js';
import {
  createDistillationMethod,
  type DistillationContext,
  type DistillationMethod,
} from '../distillation/index.js';
import { tf } from '../tf.js';
import type { Experiment } from './experiment-schema.js';
import type { ExperimentData } from './experiment-data.js';

/**
 * Largest network an experiment may build, parameters (a 10M-parameter MLP takes ~40 MB of
 * weights and trains at well under 100 samples/s on two cores).
 */
export const MAX_NETWORK_PARAMETERS = 10_000_000;

/** Parameters of an MLP spec counted without building it; null for other classes. */
function mlpParameters(spec: ModelSpec): number | null {
  return spec.className === 'MLP' ? mlpParameterCount(parseMlpConfig(spec.config)) : null;
}

function checkSize(role: string, parameters: number, limit: number): void {
  if (parameters > limit) {
    throw new LimitExceededError(
      `${role}: ${parameters} parameters is above the limit of ${limit}`,
      {
        role,
        parameters,
        limit,
      },
    );
  }
}

/** Builds `spec` (refusing a size above `limit` first), naming `role` in any error. */
function build(
  role: string,
  architecture: ModelSpec,
  data: ExperimentData,
  limit: number,
): Network {
  const spec = {
    className: architecture.className,
    config: { ...architecture.config, inputs: data.inputs.length, outputs: data.targets.length },
  };
  let network: Network;
  try {
    const counted = mlpParameters(spec);
    if (counted !== null) checkSize(role, counted, limit);
    network = createNetwork(spec);
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidParameterError(`${role}: ${reason}`, { role });
  }
  try {
    checkSize(role, network.parameterCount(), limit);
  } catch (error) {
    network.dispose();
    throw error;
  }
  return network;
}

/** Runs method `index` of the experiment between two networks on `x`, `y`. */
function tryMethod(
  experiment: Experiment,
  index: number,
  pair: { teacher: Network; student: Network; label: string },
  x: tf.Tensor2D,
  y: tf.Tensor2D,
): void {
  const entry = experiment.methods[index]!;
  const methodId =
    entry.scheme === 'mutual' && entry.method === 'none' ? 'mutual-mse' : entry.method;
  if (methodId === 'none') return;
  let method: DistillationMethod | undefined;
  try {
    method = createDistillationMethod(methodId, 'regression');
    const loss = method;
    tf.tidy(() => {
      const own = pair.student.predict(x, true);
      const other = pair.teacher.predict(x, false);
      const ctx: DistillationContext = {
        studentOutput: own.output,
        studentFeatures: own.features,
        teacherOutput: other.output,
        teacherFeatures: other.features,
        target: y,
      };
      const extras = loss.extraVariables?.(ctx, entry.params) ?? [];
      loss.loss(ctx, entry.params).dataSync();
      tf.dispose(extras);
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidParameterError(`methods.${index} (${entry.id}) ${pair.label}: ${reason}`, {
      method: entry.id,
    });
  } finally {
    method?.dispose?.();
  }
}

/**
 * Refuses the experiment (InvalidParameterError or LimitExceededError naming the part) when a
 * network does not build, is larger than `maxParameters` (default {@link MAX_NETWORK_PARAMETERS}), or a method's loss
 * fails on two training rows between the networks it would join.
 */
export function preflightExperiment(
  experiment: Experiment,
  data: ExperimentData,
  maxParameters = MAX_NETWORK_PARAMETERS,
): void {
  const make = (role: string, architecture: ModelSpec) =>
    build(role, architecture, data, maxParameters);
  const rows = Math.min(2, data.train.rows);
  const networks: Network[] = [];
  const keep = (network: Network) => (networks.push(network), network);
  try {
    const teacher = keep(make('teacher', experiment.teacher.architecture));
    const x = tf.tensor2d(data.train.inputs.subarray(0, rows * data.train.inputWidth), [
      rows,
      data.train.inputWidth,
    ]);
    const y = tf.tensor2d(data.train.targets.subarray(0, rows * data.train.targetWidth), [
      rows,
      data.train.targetWidth,
    ]);
    try {
      for (const student of experiment.students) {
        const network = keep(make(`student ${student.id}`, student.architecture));
        experiment.methods.forEach((entry, index) => {
          const label = `with student ${student.id}`;
          if (entry.scheme === 'ta-chain' && entry.assistant !== undefined) {
            const assistant = keep(make(`methods.${index}.assistant`, entry.assistant));
            tryMethod(experiment, index, { teacher, student: assistant, label: 'assistant' }, x, y);
            tryMethod(experiment, index, { teacher: assistant, student: network, label }, x, y);
          } else {
            tryMethod(experiment, index, { teacher, student: network, label }, x, y);
          }
        });
      }
    } finally {
      tf.dispose([x, y]);
    }
  } finally {
    for (const network of networks) network.dispose();
  }
}
