/**
 * The distillation method registry: every loss of the engine by id, filled here explicitly
 * (nothing registers on import). Stateful methods are templates: use
 * {@link createDistillationMethod} to get a fresh instance per training run.
 */
import { InvalidParameterError } from '../../errors.js';
import { attentionTransfer } from './feature/attention-transfer.js';
import { factorTransfer } from './feature/factor-transfer.js';
import { fitnets } from './feature/fitnets.js';
import { neuronSelectivityTransfer } from './feature/neuron-selectivity.js';
import { hint } from './regression/hint-loss.js';
import { pseudoLabel } from './regression/pseudo-label.js';
import { teacherBounded } from './regression/teacher-bounded.js';
import { relationalKd } from './relation/relational-kd.js';
import { similarityPreserving } from './relation/similarity-preserving.js';
import { adaptiveTemperatureKd } from './response/adaptive-temperature.js';
import { decoupledKd } from './response/decoupled-kd.js';
import { hintonKd } from './response/hinton-kd.js';
import { responseL1, responseMse } from './response/regression-response.js';
import { mutualKl, mutualMse } from './schemes/mutual-learning.js';
import { holisticDistillation } from './structure/holistic.js';
import { pairwiseDistillation } from './structure/pairwise.js';
import type { DistillationMethod, DistillationTask } from './types.js';

export type * from './types.js';
export { weightedLoss, type LossReduction } from './weighted-loss.js';

function buildRegistry(
  methods: DistillationMethod[],
): Readonly<Record<string, DistillationMethod>> {
  const registry: Record<string, DistillationMethod> = {};
  for (const method of methods) {
    if (method.id in registry) throw new Error(`duplicate distillation method id "${method.id}"`);
    registry[method.id] = method;
  }
  return Object.freeze(registry);
}

/** Every distillation loss by id, with the tasks it applies to. */
export const DISTILLATION_METHODS: Readonly<Record<string, DistillationMethod>> = buildRegistry([
  hintonKd,
  decoupledKd,
  adaptiveTemperatureKd,
  responseMse,
  responseL1,
  fitnets,
  factorTransfer,
  attentionTransfer,
  neuronSelectivityTransfer,
  relationalKd,
  similarityPreserving,
  pairwiseDistillation,
  holisticDistillation,
  teacherBounded,
  hint,
  pseudoLabel,
  mutualKl,
  mutualMse,
]);

/**
 * A method ready for one training run on `task`: stateful methods are instantiated with their
 * own learned variables. Throws InvalidParameterError for an unknown id or a task the method
 * does not apply to.
 */
export function createDistillationMethod(id: string, task: DistillationTask): DistillationMethod {
  const method = DISTILLATION_METHODS[id];
  if (method === undefined) {
    const known = Object.keys(DISTILLATION_METHODS).join(', ');
    throw new InvalidParameterError(`unknown distillation method "${id}" (known: ${known})`, {
      method: id,
      known: Object.keys(DISTILLATION_METHODS),
    });
  }
  if (!method.tasks.includes(task)) {
    throw new InvalidParameterError(
      `distillation method "${id}" does not apply to ${task} (it applies to ${method.tasks.join(', ')})`,
      { method: id, task, tasks: method.tasks },
    );
  }
  return method.instantiate ? method.instantiate() : method;
}

/** The ids of the methods that apply to `task`, in registry order. */
export function methodsForTask(task: DistillationTask): string[] {
  return Object.values(DISTILLATION_METHODS)
    .filter((method) => method.tasks.includes(task))
    .map((method) => method.id);
}
