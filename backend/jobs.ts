/**
 * The embedded durable job queue: job rows in SQLite, an in-process runner (concurrency 1 by
 * default), throttled progress writes, cancellation through AbortController, and recovery of
 * jobs a crash left running (re-queued, failed after `maxAttempts` starts).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { CancelledError, RskdError } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import type { Db } from './db.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { JobError, JobState, StoredJob } from './job-store.js';
import {
  claimNextJob,
  finishJob,
  FINAL_STATES,
  getJob,
  insertJob,
  jobsInState,
  requeueJob,
  updateProgress,
} from './job-store.js';

/** What a job handler receives besides its payload. */
export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** Reports progress in 0..1; writes are throttled by the queue. */
  progress(fraction: number): void;
  logger: Logger;
}

/** One job type: how to validate its payload and how to run it. */
export interface JobType<P> {
  payloadSchema: z.ZodType<P>;
  /** Does the work; returns the job's result (e.g. `{productId}`). */
  run(payload: P, context: JobContext): Promise<Record<string, unknown>>;
}

/** A job type with its payload type erased, as the queue stores it. */
export interface RegisteredJobType {
  payloadSchema: z.ZodType;
  run(payload: unknown, context: JobContext): Promise<Record<string, unknown>>;
}

/** The table of job types, by name (e.g. `retrieve`). */
export type JobTypeTable = Readonly<Record<string, RegisteredJobType>>;

/** Erases a job type's payload type; the queue parses every payload with the schema first. */
export function registerJobType<P>(jobType: JobType<P>): RegisteredJobType {
  return {
    payloadSchema: jobType.payloadSchema,
    run: (payload, context) => jobType.run(jobType.payloadSchema.parse(payload), context),
  };
}

/** A job as the API shows it. */
export interface JobView {
  id: string;
  type: string;
  state: JobState;
  /** 0..1. */
  progress: number;
  result?: Record<string, unknown>;
  error?: JobError;
}

/** Options of a {@link JobQueue}. */
export interface JobQueueOptions {
  /** Jobs run at the same time; default 1. */
  concurrency?: number;
  /** Starts after which a job interrupted by a crash is failed instead of re-queued; default 3. */
  maxAttempts?: number;
  /** Smallest interval between two progress writes of one job, ms; default 250. */
  progressIntervalMs?: number;
}

interface RunningJob {
  controller: AbortController;
  done: Promise<void>;
  shuttingDown: boolean;
}

/** The queue of one backend process. Emits `update` with a {@link JobView} on every change. */
export class JobQueue extends EventEmitter<{ update: [JobView] }> {
  private readonly running = new Map<string, RunningJob>();
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly progressIntervalMs: number;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly types: JobTypeTable,
    private readonly logger: Logger,
    options: JobQueueOptions = {},
  ) {
    super();
    this.concurrency = options.concurrency ?? 1;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.setMaxListeners(0);
  }

  /** Recovers jobs a crash left running, then starts taking queued jobs. */
  start(): void {
    for (const job of jobsInState(this.db, 'running')) {
      if (job.attempts >= this.maxAttempts) {
        const error = { code: 'INTERRUPTED', message: `interrupted ${job.attempts} times` };
        finishJob(this.db, job.id, 'failed', { error });
        this.logger.warn({ jobId: job.id, attempts: job.attempts }, 'job failed after restarts');
      } else {
        requeueJob(this.db, job.id, job.attempts);
        this.logger.info({ jobId: job.id, attempts: job.attempts }, 'job re-queued after restart');
      }
    }
    this.stopped = false;
    this.pump();
  }

  /**
   * Validates the payload against the type's schema, stores a queued job and returns it.
   * Throws ZodError for a bad payload and Error for an unknown type.
   */
  enqueue(type: string, payload: unknown): JobView {
    const jobType = this.types[type];
    if (jobType === undefined) throw new Error(`unknown job type '${type}'`);
    const valid = jobType.payloadSchema.parse(payload);

    const job = insertJob(this.db, randomUUID(), type, valid);
    this.logger.info({ jobId: job.id, type }, 'job queued');
    this.pump();
    return toView(job);
  }

  /** The job's current view; throws NotFoundError. */
  get(id: string): JobView {
    return toView(this.stored(id));
  }

  /** Whether the job is in a final state. */
  isFinal(view: JobView): boolean {
    return FINAL_STATES.has(view.state);
  }

  /**
   * Cancels a queued job at once, or aborts a running one (it ends `cancelled` when its handler
   * stops). Throws ConflictError for a job already in a final state.
   */
  cancel(id: string): JobView {
    const job = this.stored(id);
    if (FINAL_STATES.has(job.state)) {
      throw new ConflictError(`job '${id}' is already ${job.state}`, { id, state: job.state });
    }

    const running = this.running.get(id);
    if (running === undefined) {
      finishJob(this.db, id, 'cancelled', { error: cancelledError() });
      this.emitView(id);
    } else {
      running.controller.abort(new CancelledError());
    }
    return this.get(id);
  }

  /** Cancels every unfinished job whose payload matches `predicate`. */
  cancelWhere(predicate: (payload: unknown) => boolean): void {
    for (const state of ['queued', 'running'] as const) {
      for (const job of jobsInState(this.db, state)) {
        if (predicate(job.payload)) this.cancel(job.id);
      }
    }
  }

  /** Stops taking jobs, aborts running ones and waits; they are re-queued for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const running of this.running.values()) {
      running.shuttingDown = true;
      running.controller.abort(new CancelledError('the server is shutting down'));
    }
    await Promise.all([...this.running.values()].map((running) => running.done));
  }

  private stored(id: string): StoredJob {
    const job = getJob(this.db, id);
    if (job === null) throw new NotFoundError('job', id);
    return job;
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.concurrency) {
      const job = claimNextJob(this.db);
      if (job === null) return;
      this.launch(job);
    }
  }

  private launch(job: StoredJob): void {
    const running: RunningJob = {
      controller: new AbortController(),
      done: Promise.resolve(),
      shuttingDown: false,
    };
    this.running.set(job.id, running);
    running.done = this.execute(job, running).finally(() => {
      this.running.delete(job.id);
      this.pump();
    });
  }

  private async execute(job: StoredJob, running: RunningJob): Promise<void> {
    const logger = this.logger;
    const startedMs = Date.now();
    const jobType = this.types[job.type];
    logger.info({ jobId: job.id, type: job.type, attempt: job.attempts }, 'job started');
    this.emitView(job.id);

    try {
      if (jobType === undefined) throw new Error(`unknown job type '${job.type}'`);
      const context = this.contextFor(job, running.controller.signal);
      const result = await jobType.run(job.payload, context);
      running.controller.signal.throwIfAborted();

      finishJob(this.db, job.id, 'succeeded', { result });
      logger.info({ jobId: job.id, durationMs: Date.now() - startedMs, result }, 'job succeeded');
    } catch (error) {
      this.settleFailure(job, running, error, Date.now() - startedMs);
    }
    this.emitView(job.id);
  }

  private settleFailure(
    job: StoredJob,
    running: RunningJob,
    error: unknown,
    durationMs: number,
  ): void {
    const aborted = running.controller.signal.aborted;
    if (aborted && running.shuttingDown) {
      requeueJob(this.db, job.id, job.attempts - 1);
      this.logger.info({ jobId: job.id, durationMs }, 'job interrupted by shutdown, re-queued');
    } else if (aborted || error instanceof CancelledError) {
      finishJob(this.db, job.id, 'cancelled', { error: cancelledError() });
      this.logger.info({ jobId: job.id, durationMs }, 'job cancelled');
    } else {
      const jobError = toJobError(error);
      finishJob(this.db, job.id, 'failed', { error: jobError });
      const details = { jobId: job.id, durationMs, code: jobError.code };
      if (error instanceof RskdError) this.logger.warn(details, `job failed: ${jobError.message}`);
      else this.logger.error({ ...details, err: error }, 'job failed');
    }
  }

  private contextFor(job: StoredJob, signal: AbortSignal): JobContext {
    let lastWriteMs = 0;
    let lastQuarter = 0;
    const progress = (fraction: number): void => {
      const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      const quarter = Math.floor(clamped * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        this.logger.info({ jobId: job.id, progress: quarter / 4 }, 'job progress');
      }

      const nowMs = Date.now();
      if (nowMs - lastWriteMs < this.progressIntervalMs && clamped < 1) return;
      lastWriteMs = nowMs;
      updateProgress(this.db, job.id, clamped);
      this.emitView(job.id);
    };
    return { jobId: job.id, signal, progress, logger: this.logger };
  }

  private emitView(id: string): void {
    const job = getJob(this.db, id);
    if (job !== null) this.emit('update', toView(job));
  }
}

function toView(job: StoredJob): JobView {
  const view: JobView = { id: job.id, type: job.type, state: job.state, progress: job.progress };
  if (job.result !== null) view.result = job.result;
  if (job.error !== null) view.error = job.error;
  return view;
}

function cancelledError(): JobError {
  return { code: 'CANCELLED', message: 'the job was cancelled' };
}

function toJobError(error: unknown): JobError {
  if (error instanceof RskdError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'internal error while running the job; see the server log' };
}
