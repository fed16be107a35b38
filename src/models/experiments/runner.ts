/**
 * The experiment runner: trains the teacher(s) once (checkpointed every epoch, resumable),
 * then every (method, student, seed) cell, each selected on the validation split by early
 * stopping and evaluated on the test split once; saves every model with its metadata, records
 * finished cells in the run state (a resumed run skips them) and writes the results table.
 * Node-free: storage goes through a {@link RunStore}.
 */
import { InvalidParameterError } from '../../errors.js';
import { sha256Hex } from '../../retrieval/simulation/sha256.js';
import { createNetwork, type ModelSpec, type Network } from '../architectures/index.js';
import type { ModelMetadata } from '../serialize.js';
import { createDistillationMethod } from '../distillation/index.js';
import { distill, type DistillResult } from '../training/distill.js';
import type { StepEngineFactory } from '../training/step-engine.js';
import { perTargetMse } from '../training/teacher-signal.js';
import { trainNetwork } from '../training/train-network.js';
import type { EpochReport, TrainingConfig } from '../training/training-config.js';
import { experimentData, type DatasetLoader, type ExperimentData } from './experiment-data.js';
import type { Experiment, ExperimentMethod } from './experiment-schema.js';
import { inferenceMpxPerS, testMetrics } from './evaluate.js';
import { loadNormalisedNetwork, savePhysicalNetwork } from './physical-outputs.js';
import { preflightExperiment } from './preflight.js';
import { resultRows, resultsCsv, resultsMarkdown, type ResultRow } from './results-table.js';
import type { CellResult, RunState, RunStore } from './run-store.js';

/** A progress event of a run. */
export type RunProgress =
  | { kind: 'cell-start'; key: string; index: number; count: number }
  | { kind: 'epoch'; key: string; stage: string; report: EpochReport }
  | { kind: 'cell-done'; key: string; index: number; count: number; skipped: boolean };

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  experiment: Experiment;
  store: RunStore;
  /** Reads `dataset.file`; without it only `dataset.simulate` works. */
  loadDataset?: DatasetLoader;
  /** Recorded in every model's metadata. */
  commandLine: string;
  /** New model ids; default random UUIDs. */
  newModelId?: () => string;
  onProgress?: (event: RunProgress) => void;
  /** Called with every saved model and its cell (e.g. to index it in a database). */
  onModelSaved?: (metadata: ModelMetadata, cell: CellResult) => void | Promise<void>;
  engine?: StepEngineFactory;
  signal?: AbortSignal;
}

/** What a finished run returns. */
export interface ExperimentResults {
  rows: ResultRow[];
  /** Every cell, teachers first. */
  cells: CellResult[];
  files: Record<string, string>;
}

/** SHA-256 of the validated experiment (its canonical JSON). */
export function experimentHash(experiment: Experiment): string {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(experiment)));
}

function specFor(architecture: ModelSpec, data: ExperimentData): ModelSpec {
  const config = {
    ...architecture.config,
    inputs: data.inputs.length,
    outputs: data.targets.length,
  };
  return { className: architecture.className, config };
}

function teacherConfig(experiment: Experiment, seed: number): TrainingConfig {
  return { ...experiment.training, ...experiment.teacher.training, seed };
}

function teacherCount(experiment: Experiment): number {
  const multi = experiment.methods.filter((m) => m.scheme === 'multi-teacher');
  return Math.max(1, ...multi.map((m) => m.teachers));
}

class Run {
  readonly cells: CellResult[] = [];
  private index = 0;

  constructor(
    private readonly options: RunExperimentOptions,
    private readonly data: ExperimentData,
    private readonly state: RunState,
    private readonly count: number,
  ) {}

  private metadata(
    id: string,
    method: string,
    hyper: Record<string, unknown>,
    metrics: Record<string, number>,
    teacherId: string | null,
  ): ModelMetadata {
    const { experiment } = this.options;
    const units = new Map(this.data.dataset.metadata.columns.map((c) => [c.name, c.unit]));
    return {
      id,
      name: `${experiment.name}/${method}`,
      task: 'lst-lse',
      inputs: this.data.tabular.inputScales.map(({ name, mean, std, unit }) => ({
        name,
        mean,
        std,
        unit,
      })),
      outputs: this.data.targets.map((name) => ({ name, unit: units.get(name) ?? '' })),
      sensor: this.data.dataset.metadata.sensor,
      trainingDataHash: this.data.dataset.metadata.contentHash,
      commandLine: this.options.commandLine,
      method,
      hyperParameters: hyper,
      metrics,
      teacherId,
      createdAt: new Date().toISOString(),
    };
  }

  private async finish(
    network: Network,
    cell: Omit<
      CellResult,
      'metrics' | 'parameters' | 'flopsPerSample' | 'inferenceMpxPerS' | 'modelId'
    >,
    hyper: Record<string, unknown>,
    teacherId: string | null,
  ): Promise<CellResult> {
    const metrics = testMetrics(network, this.data);
    const modelId = this.options.newModelId?.() ?? globalThis.crypto.randomUUID();
    const result: CellResult = {
      ...cell,
      modelId,
      metrics,
      parameters: network.parameterCount(),
      flopsPerSample: network.flopsPerSample(),
      inferenceMpxPerS: await inferenceMpxPerS(network),
    };
    const label = cell.method === 'teacher' ? 'teacher' : `${cell.method}/${cell.scheme}`;
    const metadata = this.metadata(
      modelId,
      label,
      hyper,
      { ...metrics, validationLoss: cell.validationLoss },
      teacherId,
    );
    await this.options.store.saveModel(
      await savePhysicalNetwork(network, this.data.tabular.targetScales, metadata),
    );
    await this.options.onModelSaved?.(metadata, result);
    this.state.cells[cell.key] = result;
    await this.options.store.writeState(this.state);
    return result;
  }

  private progress(event: RunProgress): void {
    this.options.onProgress?.(event);
  }

  /** Records a finished (or, `skipped`, already finished) cell and reports it. */
  private cellDone(key: string, cell: CellResult, skipped: boolean): void {
    this.cells.push(cell);
    this.progress({ kind: 'cell-done', key, index: this.index++, count: this.count, skipped });
  }

  /** The step engine and abort signal of the run, as training options. */
  private runtime(): { engine?: StepEngineFactory; signal?: AbortSignal } {
    const { engine, signal } = this.options;
    return { ...(engine ? { engine } : {}), ...(signal ? { signal } : {}) };
  }

  async teacher(k: number): Promise<{ network: Network; cell: CellResult }> {
    const { experiment, store } = this.options;
    const key = `teacher/${k}`;
    const spec = specFor(experiment.teacher.architecture, this.data);
    const done = this.state.cells[key];
    this.progress({ kind: 'cell-start', key, index: this.index, count: this.count });
    if (done !== undefined) {
      const saved = await store.loadModel(done.modelId);
      if (saved !== null) {
        const network = await loadNormalisedNetwork(saved, this.data.tabular.targetScales);
        this.cellDone(key, done, true);
        return { network, cell: done };
      }
    }
    const network = createNetwork(spec);
    const config = teacherConfig(experiment, experiment.teacher.seed + k);
    const checkpoint = await store.readCheckpoint(key);
    const result = await trainNetwork({
      network,
      train: this.data.train,
      validation: this.data.validation,
      config,
      ...(checkpoint === null ? {} : { resumeFrom: checkpoint }),
      onEpoch: (report) => this.progress({ kind: 'epoch', key, stage: 'teacher', report }),
      onCheckpoint: (cp) => store.writeCheckpoint(key, cp),
      ...this.runtime(),
    });
    const cell = await this.finish(
      network,
      {
        key,
        methodId: 'teacher',
        studentId: `teacher-${k}`,
        seed: config.seed,
        method: 'teacher',
        scheme: 'supervised',
        validationLoss: result.bestValidationLoss,
        epochsRun: result.epochsRun,
        trainingTimeS: result.trainingTimeS,
      },
      { ...config, architecture: spec },
      null,
    );
    this.cellDone(key, cell, false);
    return { network, cell };
  }

  async cell(
    method: ExperimentMethod,
    student: Experiment['students'][number],
    seed: number,
    teachers: { network: Network; cell: CellResult }[],
  ): Promise<void> {
    const key = `${method.id}/${student.id}/seed-${seed}`;
    this.progress({ kind: 'cell-start', key, index: this.index, count: this.count });
    const done = this.state.cells[key];
    if (done !== undefined) {
      this.cellDone(key, done, true);
      return;
    }
    const { experiment } = this.options;
    const config = { ...experiment.training, seed };
    const used =
      method.scheme === 'multi-teacher' ? teachers.slice(0, method.teachers) : teachers.slice(0, 1);
    const methodId = method.method === 'none' ? null : method.method;
    const studentSpec = specFor(student.architecture, this.data);
    const result: DistillResult = await distill({
      teachers: used.map((t) => t.network),
      teacherValidationMse: used.map((t) =>
        perTargetMse(
          t.network,
          this.data.validation.inputs,
          this.data.validation.targets,
          this.data.validation.rows,
        ),
      ),
      student: studentSpec,
      ...(method.assistant ? { assistant: specFor(method.assistant, this.data) } : {}),
      method: methodId,
      scheme: method.scheme,
      settings: {
        alpha: method.alpha,
        methodParams: method.params,
        generations: method.generations,
        ...(method.rampEpochs ? { rampEpochs: method.rampEpochs } : {}),
        ...(method.dataFreeRows ? { dataFreeRows: method.dataFreeRows } : {}),
      },
      train: this.data.train,
      validation: this.data.validation,
      inputBounds: this.data.inputBounds,
      config,
      onEpoch: (stage, report) => this.progress({ kind: 'epoch', key, stage, report }),
      ...this.runtime(),
    });
    let cell: CellResult;
    try {
      cell = await this.finish(
        result.student,
        {
          key,
          methodId: method.id,
          studentId: student.id,
          seed,
          method: method.method,
          scheme: methodId === null ? 'supervised' : method.scheme,
          validationLoss: result.training.bestValidationLoss,
          epochsRun: result.training.epochsRun,
          trainingTimeS: result.training.trainingTimeS,
        },
        {
          ...config,
          ...method,
          architecture: studentSpec,
          stages: result.stages,
        },
        methodId === null ? null : (used[0]?.cell.modelId ?? null),
      );
    } finally {
      result.student.dispose();
    }
    this.cellDone(key, cell, false);
  }
}

/** Refuses unknown or non-regression method ids before any training. */
function checkMethods(experiment: Experiment): void {
  experiment.methods.forEach((entry, i) => {
    if (entry.method === 'none') return;
    try {
      createDistillationMethod(entry.method, 'regression').dispose?.();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvalidParameterError(`methods.${i}.method: ${reason}`, { method: entry.method });
    }
  });
}

async function openState(store: RunStore, hash: string): Promise<RunState> {
  const state = await store.readState();
  if (state === null) return { experimentHash: hash, cells: {} };
  if (state.experimentHash !== hash) {
    throw new InvalidParameterError(
      `the run directory holds another experiment (hash ${state.experimentHash.slice(0, 12)}…, this one ${hash.slice(0, 12)}…); use another output directory`,
    );
  }
  return state;
}

/**
 * Runs an experiment (resuming from the store's state) and writes `results.md`, `results.csv`
 * and `results.json` through the store. Throws InvalidParameterError for a bad dataset,
 * architecture or method, and CancelledError when `signal` aborts.
 */
export async function runExperiment(options: RunExperimentOptions): Promise<ExperimentResults> {
  const { experiment, store } = options;
  checkMethods(experiment);
  const data = await experimentData(experiment, options.loadDataset);
  preflightExperiment(experiment, data);
  const state = await openState(store, experimentHash(experiment));
  await store.writeState(state);
  const teachersNeeded = experiment.methods.some((m) => m.method !== 'none')
    ? teacherCount(experiment)
    : 0;
  const cellCount =
    experiment.methods.length * experiment.students.length * experiment.seeds.length;
  const run = new Run(options, data, state, teachersNeeded + cellCount);

  const teachers: { network: Network; cell: CellResult }[] = [];
  try {
    for (let k = 0; k < teachersNeeded; k++) teachers.push(await run.teacher(k));
    for (const method of experiment.methods) {
      for (const student of experiment.students) {
        for (const seed of experiment.seeds) await run.cell(method, student, seed, teachers);
      }
    }
  } finally {
    for (const teacher of teachers) teacher.network.dispose();
  }

  const studentCells = run.cells.filter((cell) => cell.methodId !== 'teacher');
  const teacher = run.cells.find((cell) => cell.methodId === 'teacher');
  const rows = resultRows(studentCells, data.targets, teacher);
  const title = `Experiment ${experiment.name}`;
  const files = {
    'results.md': resultsMarkdown(title, rows, data.targets, teacher),
    'results.csv': resultsCsv(rows, data.targets),
    'results.json': `${JSON.stringify({ experiment: experiment.name, targets: data.targets, datasetHash: data.dataset.metadata.contentHash, rows, cells: run.cells }, null, 2)}\n`,
  };
  await store.writeResults(files);
  return { rows, cells: run.cells, files };
}
