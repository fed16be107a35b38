import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidParameterError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import type { Db } from './db.js';
import { openDatabase } from './db.js';
import { getJob } from './job-store.js';
import type { JobType, JobView } from './jobs.js';
import { JobQueue, registerJobType } from './jobs.js';

const countSchema = z.object({ steps: z.number().int().positive(), failAt: z.number().optional() });

/** Counts to `steps`, one event-loop turn per step, failing at `failAt` when given. */
const countJob: JobType<z.infer<typeof countSchema>> = {
  payloadSchema: countSchema,
  async run(payload, context) {
    for (let step = 1; step <= payload.steps; step += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      context.signal.throwIfAborted();
      if (step === payload.failAt) throw new InvalidParameterError(`step ${step} is forbidden`);
      context.progress(step / payload.steps);
    }
    return { counted: payload.steps };
  },
};

function until(queue: JobQueue, id: string, state: string): Promise<JobView> {
  return new Promise((resolve) => {
    const onUpdate = (view: JobView): void => {
      if (view.id === id && view.state === state) {
        queue.off('update', onUpdate);
        resolve(view);
      }
    };
    queue.on('update', onUpdate);
  });
}

describe('the embedded job queue', () => {
  let dataDir: string;
  let db: Db;
  const queues: JobQueue[] = [];
  const makeQueue = (): JobQueue => {
    const queue = new JobQueue(db, { count: registerJobType(countJob) }, silentLogger, {
      progressIntervalMs: 0,
    });
    queues.push(queue);
    return queue;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rskd-jobs-'));
    db = openDatabase(dataDir);
  });

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop()));
    db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs a job to success with its result and progress 1', async () => {
    const queue = makeQueue();
    queue.start();
    const job = queue.enqueue('count', { steps: 4 });
    const done = await until(queue, job.id, 'succeeded');
    expect(done).toEqual({
      id: job.id,
      type: 'count',
      state: 'succeeded',
      progress: 1,
      result: { counted: 4 },
    });
  });

  it('fails a job with the code and message of its typed error', async () => {
    const queue = makeQueue();
    queue.start();
    const job = queue.enqueue('count', { steps: 5, failAt: 3 });
    const done = await until(queue, job.id, 'failed');
    expect(done.error).toEqual({ code: 'INVALID_PARAMETER', message: 'step 3 is forbidden' });
    expect(done.progress).toBeCloseTo(0.4, 6);
  });

  it('cancels a running job through its AbortSignal', async () => {
    const queue = makeQueue();
    queue.start();
    const job = queue.enqueue('count', { steps: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(queue.cancel(job.id).state).toBe('running');
    const done = await until(queue, job.id, 'cancelled');
    expect(done.error?.code).toBe('CANCELLED');
    expect(() => queue.cancel(job.id)).toThrow(`job '${job.id}' is already cancelled`);
  });

  it('refuses a payload its schema rejects', () => {
    const queue = makeQueue();
    expect(() => queue.enqueue('count', { steps: -1 })).toThrow(/steps/);
  });

  it('re-queues a job a crash left running, and fails it after three starts', async () => {
    const first = makeQueue();
    const retried = first.enqueue('count', { steps: 2 });
    const exhausted = first.enqueue('count', { steps: 2 });
    db.prepare(`UPDATE jobs SET state = 'running', attempts = 1 WHERE id = ?`).run(retried.id);
    db.prepare(`UPDATE jobs SET state = 'running', attempts = 3 WHERE id = ?`).run(exhausted.id);

    const second = makeQueue();
    const succeeded = until(second, retried.id, 'succeeded');
    second.start();
    await succeeded;
    expect(getJob(db, retried.id)?.attempts).toBe(2);
    expect(getJob(db, exhausted.id)).toMatchObject({
      state: 'failed',
      error: { code: 'INTERRUPTED', message: 'interrupted 3 times' },
    });
  });

  it('puts a job interrupted by a shutdown back in the queue without counting the start', async () => {
    const queue = makeQueue();
    queue.start();
    const job = queue.enqueue('count', { steps: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await queue.stop();
    expect(getJob(db, job.id)).toMatchObject({ state: 'queued', attempts: 0, progress: 0 });
  });
});
