/**
 * The `distill` job: runs a declarative experiment (dataset simulated in memory; no files),
 * with its run directory under `<dataDir>/models/runs/<jobId>` (a job re-queued after a crash
 * resumes there), saves every model into `<dataDir>/models/` and indexes it in the `models`
 * table. Result: `{modelIds, results}` (the results table rows).
 */
import path from 'node:path';
import type { z } from 'zod';
import { InvalidParameterError } from '../src/errors.js';
import { initBackend } from '../src/models/backend.js';
import { experimentSchema, type Experiment } from '../src/models/experiments/experiment-schema.js';
import { experimentData } from '../src/models/experiments/experiment-data.js';
import { preflightExperiment } from '../src/models/experiments/preflight.js';
import { runExperiment } from '../src/models/experiments/runner.js';
import { createRunDirectory, modelFiles } from '../src/models/experiments/run-store-node.js';
import type { AppContext } from './context.js';
import type { JobContext, JobType } from './jobs.js';
import { insertModel } from './model-store.js';

/** Largest simulated dataset a distill job accepts, rows. */
export const MAX_HTTP_SAMPLES = 200_000;

/** Payload of a `distill` job: an experiment whose dataset is simulated. */
export const distillPayloadSchema: z.ZodType<Experiment> = experimentSchema.superRefine(
  (experiment, ctx) => {
    const simulate = experiment.dataset.simulate;
    if (simulate === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataset'],
        message: 'over HTTP the dataset must be simulate (files are not read)',
      });
    } else if (simulate.sampleCount > MAX_HTTP_SAMPLES) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataset', 'simulate', 'sampleCount'],
        message: `at most ${MAX_HTTP_SAMPLES} rows over HTTP`,
      });
    }
  },
);

/**
 * Largest network a distill job may train, parameters. The job trains in the server's main
 * thread between requests: a training step of a 1M-parameter MLP (batch 256) holds it for
 * ~70 ms, of an 8.4M one for over a second (health checks took 15 s).
 */
export const MAX_HTTP_NETWORK_PARAMETERS = 1_000_000;

/** Rows simulated to check a distill request before it is queued. */
const CHECK_SAMPLES = 600;

/**
 * Checks a distill request before it is queued, so a bad one is a 400 and not a failed job:
 * simulates at most 600 rows of its dataset (unknown sensor, unknown column), then builds every
 * network and runs every method on two rows (preflightExperiment: bad architecture, too many
 * parameters, shape mismatches). Throws the typed error of the first fault.
 */
export async function checkDistillRequest(experiment: Experiment): Promise<void> {
  const simulate = experiment.dataset.simulate;
  if (simulate === undefined)
    throw new InvalidParameterError('a distill job needs dataset.simulate');
  const probe: Experiment = {
    ...experiment,
    dataset: {
      ...experiment.dataset,
      simulate: { ...simulate, sampleCount: Math.min(simulate.sampleCount, CHECK_SAMPLES) },
    },
  };
  await initBackend();
  preflightExperiment(probe, await experimentData(probe), MAX_HTTP_NETWORK_PARAMETERS);
}

/** What the distill job uses of the application context. */
export type DistillDeps = Pick<AppContext, 'db' | 'storage'>;

/** Folder of the model registry files of a data directory. */
export function modelsDir(deps: Pick<AppContext, 'storage'>): string {
  return path.join(deps.storage.dataDir, 'models');
}

/** The `distill` job type bound to the database and storage. */
export function distillJobType(deps: DistillDeps): JobType<Experiment> {
  return {
    payloadSchema: distillPayloadSchema,
    run: (payload, job) => runDistill(deps, payload, job),
  };
}

async function runDistill(
  deps: DistillDeps,
  experiment: Experiment,
  job: JobContext,
): Promise<Record<string, unknown>> {
  if (experiment.dataset.simulate === undefined) {
    throw new InvalidParameterError('a distill job needs dataset.simulate');
  }
  await initBackend({ logger: job.logger });
  const dir = modelsDir(deps);
  const modelIds: string[] = [];
  const results = await runExperiment({
    experiment,
    store: createRunDirectory(path.join(dir, 'runs', job.jobId), dir),
    commandLine: `POST /api/models/distill (job ${job.jobId})`,
    signal: job.signal,
    onProgress: (event) => {
      if (event.kind === 'cell-done') job.progress((event.index + 1) / event.count);
    },
    onModelSaved: (metadata, cell) => {
      insertModel(deps.db, {
        id: metadata.id,
        name: metadata.name,
        method: cell.method,
        scheme: cell.scheme,
        className: String(
          (metadata.hyperParameters.architecture as { className?: string } | undefined)
            ?.className ?? 'MLP',
        ),
        sensor: metadata.sensor,
        teacherId: metadata.teacherId,
        jobId: job.jobId,
        parameterCount: cell.parameters,
        metadata,
        manifestPath: modelFiles(dir, metadata.id).manifest,
        createdAt: metadata.createdAt,
      });
      modelIds.push(metadata.id);
    },
  });
  return { modelIds, results: results.rows };
}
