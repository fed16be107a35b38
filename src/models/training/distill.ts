/**
 * Distillation schemes as training procedures for the LST/LSE regression task (Gou, Yu,
 * Maybank & Tao 2021, "Knowledge Distillation: A Survey", IJCV, Sect. 4):
 * - `offline`: a trained teacher, then the student (Hinton, Vinyals & Dean 2015);
 * - `mutual`: a peer of the teacher's architecture and the student trained together from
 *   scratch, each learning from the other (Zhang et al. 2018, CVPR, Deep Mutual Learning);
 * - `born-again`: generations of the student architecture, each distilled from the previous
 *   one, the first from the teacher (Furlanello et al. 2018, ICML); the best generation on the
 *   validation split is kept;
 * - `ta-chain`: teacher → assistant → student (Mirzadeh et al. 2020, AAAI, TAKD);
 * - `multi-teacher`: several trained teachers combined by inverse validation-MSE weights;
 * - `data-free`: the student never sees the dataset's rows: inputs are drawn uniformly within
 *   each input's bounds (simulator-domain sampling) and labelled by the teacher;
 * - `progressive`: a curriculum on the loss weight α, ramped linearly from α/rampEpochs to α
 *   over the first rampEpochs epochs (regression losses have no distillTemperature).
 * Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import { createNetwork, type ModelSpec, type Network } from '../architectures/index.js';
import { createDistillationMethod, type DistillationParams } from '../distillation/index.js';
import { sampleSimulatorDomain, type InputBounds } from '../distillation/schemes/data-free.js';
import { stopGradient } from '../distillation/stop-gradient.js';
import { tf } from '../tf.js';
import { studentObjective, type AlphaSchedule, type StudentObjective } from './distill-loss.js';
import { seedWeights } from './network-weights.js';
import type { StepEngineFactory, TrainingBatch } from './step-engine.js';
import type { TabularSplit } from './tabular-data.js';
import {
  cachedTeacherSignal,
  multiTeacherSignal,
  networkSignal,
  type TeacherSignal,
} from './teacher-signal.js';
import { networkVariables, shuffledBatches, trainNetwork } from './train-network.js';
import type { EpochReport, TrainingConfig, TrainingResult } from './training-config.js';

/** The schemes {@link distill} runs. */
export const DISTILLATION_SCHEMES = [
  'offline',
  'mutual',
  'born-again',
  'ta-chain',
  'multi-teacher',
  'data-free',
  'progressive',
] as const;

/** One of {@link DISTILLATION_SCHEMES}. */
export type DistillationScheme = (typeof DISTILLATION_SCHEMES)[number];

/** Scheme settings; unused ones are ignored by the other schemes. */
export interface DistillSettings {
  /** Weight of the distillation term, 0..1 (the supervised term gets 1 − α). */
  alpha: number;
  /** Hyper-parameters of the distillation method. */
  methodParams: DistillationParams;
  /** born-again: number of student generations (≥ 1). */
  generations: number;
  /** progressive: epochs over which α ramps up; default half the epochs. */
  rampEpochs?: number;
  /** data-free: sampled rows per epoch; default the training split's row count. */
  dataFreeRows?: number;
}

/** Options of {@link distill}. Splits are normalised; bounds are in normalised units. */
export interface DistillOptions {
  /** Trained teachers (one, or several for multi-teacher); mutual uses the first's spec only. */
  teachers: Network[];
  /** multi-teacher: per teacher, the validation MSE of each target. */
  teacherValidationMse?: number[][];
  student: ModelSpec;
  /** ta-chain: the assistant's architecture. */
  assistant?: ModelSpec;
  /** Method id of the distillation registry; null trains the student on the targets only. */
  method: string | null;
  scheme: DistillationScheme;
  settings: DistillSettings;
  train: TabularSplit;
  validation: TabularSplit;
  /** data-free: the valid range of every input. */
  inputBounds?: InputBounds[];
  config: TrainingConfig;
  onEpoch?: (stage: string, report: EpochReport) => void;
  engine?: StepEngineFactory;
  signal?: AbortSignal;
}

/** One trained stage of a scheme (a generation, the assistant, the student). */
export interface StageResult {
  stage: string;
  epochsRun: number;
  bestValidationLoss: number;
}

/** The distilled student (weights of its best validation epoch) and how it was trained. */
export interface DistillResult {
  student: Network;
  /** The returned student's own training run; trainingTimeS covers every stage. */
  training: TrainingResult;
  stages: StageResult[];
}

interface StageInput {
  name: string;
  spec: ModelSpec;
  teacher: TeacherSignal | null;
  alpha: AlphaSchedule;
  seedOffset: number;
  trainForEpoch?: (epoch: number) => TabularSplit;
}

/** How {@link fitObjective} runs one stage. */
interface StageRun {
  stage: string;
  config: TrainingConfig;
  afterStep: (batch: TrainingBatch) => void;
  /** Runs before the first epoch (seeding, pre-training); the network is disposed if it throws. */
  prepare?: () => void;
  trainForEpoch?: (epoch: number) => TabularSplit;
}

/**
 * Trains `network` on `objective` (disposed afterwards) and returns it with its training run;
 * disposes the network when training fails.
 */
async function fitObjective(
  options: DistillOptions,
  network: Network,
  objective: StudentObjective,
  run: StageRun,
): Promise<{ network: Network; result: TrainingResult }> {
  try {
    run.prepare?.();
    const result = await trainNetwork({
      network,
      train: options.train,
      validation: options.validation,
      config: run.config,
      loss: objective.loss,
      extraVariables: objective.extraVariables,
      afterStep: run.afterStep,
      ...(run.trainForEpoch ? { trainForEpoch: run.trainForEpoch } : {}),
      onEpoch: (report) => options.onEpoch?.(run.stage, report),
      ...(options.engine ? { engine: options.engine } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { network, result };
  } catch (error) {
    network.dispose();
    throw error;
  } finally {
    objective.dispose();
  }
}

async function trainStage(
  options: DistillOptions,
  stage: StageInput,
): Promise<{ network: Network; result: TrainingResult }> {
  const network = createNetwork(stage.spec);
  const method =
    options.method === null || stage.teacher === null
      ? null
      : createDistillationMethod(options.method, 'regression');
  const config = { ...options.config, seed: options.config.seed + stage.seedOffset };
  // A frozen teacher on the fixed training rows is run once, not at every epoch.
  const teacher =
    stage.teacher !== null && method !== null && stage.trainForEpoch === undefined
      ? cachedTeacherSignal(stage.teacher, options.train)
      : stage.teacher;
  const objective = studentObjective(
    network,
    teacher,
    method,
    options.settings.methodParams,
    stage.alpha,
    config.learningRate,
  );
  return fitObjective(options, network, objective, {
    stage: stage.name,
    config,
    afterStep: objective.afterStep,
    prepare: () => {
      seedWeights(network, config.seed);
      objective.pretrain(shuffledBatches(options.train, config.batchSize, config.seed, -1));
    },
    ...(stage.trainForEpoch ? { trainForEpoch: stage.trainForEpoch } : {}),
  });
}

function firstTeacher(options: DistillOptions): Network {
  const teacher = options.teachers[0];
  if (teacher === undefined) {
    throw new InvalidParameterError(`scheme ${options.scheme} needs a trained teacher`);
  }
  return teacher;
}

function constantAlpha(options: DistillOptions): AlphaSchedule {
  return () => options.settings.alpha;
}

function progressiveAlpha(options: DistillOptions): AlphaSchedule {
  const ramp = Math.max(1, options.settings.rampEpochs ?? Math.ceil(options.config.epochs / 2));
  return (epoch) => options.settings.alpha * Math.min(1, (epoch + 1) / ramp);
}

/** Training rows drawn within the input bounds each epoch, labelled by the teacher. */
function dataFreeRows(options: DistillOptions, teacher: TeacherSignal) {
  const bounds = options.inputBounds;
  if (bounds === undefined || bounds.length !== options.train.inputWidth) {
    throw new InvalidParameterError(
      `data-free needs bounds for each of the ${options.train.inputWidth} inputs; got ${bounds?.length ?? 0}`,
    );
  }
  const rows = options.settings.dataFreeRows ?? options.train.rows;
  return (epoch: number): TabularSplit =>
    tf.tidy(() => {
      const inputs = sampleSimulatorDomain(bounds, rows, options.config.seed * 1000 + epoch);
      const { output, features } = teacher(inputs);
      tf.dispose(features);
      return {
        inputs: inputs.dataSync() as Float32Array,
        targets: output.dataSync() as Float32Array,
        rows,
        inputWidth: options.train.inputWidth,
        targetWidth: options.train.targetWidth,
      };
    });
}

function totalTime(result: TrainingResult, seconds: number): TrainingResult {
  return { ...result, trainingTimeS: seconds };
}

function stageSummary(name: string, result: TrainingResult): StageResult {
  return {
    stage: name,
    epochsRun: result.epochsRun,
    bestValidationLoss: result.bestValidationLoss,
  };
}

async function chain(
  options: DistillOptions,
  specs: { name: string; spec: ModelSpec }[],
  keepBest: boolean,
): Promise<DistillResult> {
  let teacher = networkSignal(firstTeacher(options));
  let best: { network: Network; result: TrainingResult } | null = null;
  let previous: Network | null = null;
  const stages: StageResult[] = [];
  let seconds = 0;
  for (const [index, { name, spec }] of specs.entries()) {
    const trained = await trainStage(options, {
      name,
      spec,
      teacher,
      alpha: constantAlpha(options),
      seedOffset: index,
    });
    seconds += trained.result.trainingTimeS;
    stages.push(stageSummary(name, trained.result));
    if (previous !== null && previous !== best?.network) previous.dispose();
    const better =
      best === null ||
      !keepBest ||
      trained.result.bestValidationLoss < best.result.bestValidationLoss;
    if (better) {
      if (best !== null && best.network !== previous) best.network.dispose();
      best = trained;
    }
    previous = trained.network;
    teacher = networkSignal(trained.network);
  }
  if (previous !== null && previous !== best?.network) previous.dispose();
  if (best === null)
    throw new InvalidParameterError('a distillation chain needs at least one stage');
  return { student: best.network, training: totalTime(best.result, seconds), stages };
}

/** Deep mutual learning: the peer takes an Adam step after every student step. */
async function mutual(options: DistillOptions): Promise<DistillResult> {
  const peer = createNetwork(firstTeacher(options).spec);
  seedWeights(peer, options.config.seed + 101);
  const peerOptimizer = tf.train.adam(options.config.learningRate);
  const method = options.method ?? 'mutual-mse';
  const peerMethod = createDistillationMethod(method, 'regression');
  const alpha = options.settings.alpha;
  const peerStep = (student: Network, batch: TrainingBatch): void => {
    tf.tidy(() => {
      const theirs = student.predict(batch.inputs, false);
      peerOptimizer.minimize(
        () => {
          const own = peer.predict(batch.inputs, true);
          const ctx = {
            studentOutput: own.output,
            studentFeatures: own.features,
            teacherOutput: stopGradient(theirs.output),
            teacherFeatures: theirs.features.map((f) => stopGradient(f)),
            target: batch.targets,
          };
          const supervised = tf.losses.meanSquaredError(batch.targets, own.output);
          const kd = peerMethod.loss(ctx, options.settings.methodParams);
          return tf.add(tf.mul(supervised, 1 - alpha), tf.mul(kd, alpha));
        },
        false,
        networkVariables(peer),
      );
    });
  };
  try {
    const trained = await trainStageWithPeer(options, method, peer, peerStep);
    return {
      student: trained.network,
      training: trained.result,
      stages: [stageSummary('student (mutual)', trained.result)],
    };
  } finally {
    peerOptimizer.dispose();
    peerMethod.dispose?.();
    peer.dispose();
  }
}

/** The student of deep mutual learning, learning from `peer`; `peerStep` follows each step. */
async function trainStageWithPeer(
  options: DistillOptions,
  method: string,
  peer: Network,
  peerStep: (student: Network, batch: TrainingBatch) => void,
): Promise<{ network: Network; result: TrainingResult }> {
  const network = createNetwork(options.student);
  const objective = studentObjective(
    network,
    networkSignal(peer),
    createDistillationMethod(method, 'regression'),
    options.settings.methodParams,
    constantAlpha(options),
    options.config.learningRate,
  );
  return fitObjective(options, network, objective, {
    stage: 'student (mutual)',
    config: options.config,
    afterStep: (batch) => {
      objective.afterStep(batch);
      peerStep(network, batch);
    },
  });
}

async function single(options: DistillOptions, stage: StageInput): Promise<DistillResult> {
  const trained = await trainStage(options, stage);
  return {
    student: trained.network,
    training: trained.result,
    stages: [stageSummary(stage.name, trained.result)],
  };
}

/**
 * Trains a student by `options.scheme` and returns it with the weights of its best validation
 * epoch. With `method: null` the student learns from the targets only (the baseline), whatever
 * the scheme. Throws InvalidParameterError for a missing teacher, assistant or bounds.
 */
export async function distill(options: DistillOptions): Promise<DistillResult> {
  const base = { name: 'student', spec: options.student, seedOffset: 0 };
  if (options.method === null) {
    return single(options, { ...base, teacher: null, alpha: () => 0 });
  }
  switch (options.scheme) {
    case 'offline':
      return single(options, {
        ...base,
        teacher: networkSignal(firstTeacher(options)),
        alpha: constantAlpha(options),
      });
    case 'progressive':
      return single(options, {
        ...base,
        teacher: networkSignal(firstTeacher(options)),
        alpha: progressiveAlpha(options),
      });
    case 'multi-teacher': {
      const signal = multiTeacherSignal(options.teachers, options.teacherValidationMse ?? []);
      return single(options, { ...base, teacher: signal, alpha: constantAlpha(options) });
    }
    case 'data-free': {
      const teacher = networkSignal(firstTeacher(options));
      const rows = dataFreeRows(options, teacher);
      return single(options, { ...base, teacher, alpha: () => 1, trainForEpoch: rows });
    }
    case 'born-again': {
      const generations = Math.max(1, Math.floor(options.settings.generations));
      const specs = Array.from({ length: generations }, (_, g) => ({
        name: `generation ${g + 1}`,
        spec: options.student,
      }));
      return chain(options, specs, true);
    }
    case 'ta-chain': {
      if (options.assistant === undefined) {
        throw new InvalidParameterError('scheme ta-chain needs an assistant architecture');
      }
      const specs = [
        { name: 'assistant', spec: options.assistant },
        { name: 'student', spec: options.student },
      ];
      return chain(options, specs, false);
    }
    case 'mutual':
      return mutual(options);
  }
}
