/** Rows of the `jobs` table: the durable state of the embedded queue. */
import type { Db } from './db.js';
import { parseJson } from './db.js';

/** Lifecycle of a job. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** States a job never leaves. */
export const FINAL_STATES: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

/** The error of a failed job, as the API shows it. */
export interface JobError {
  code: string;
  message: string;
}

/** A job as stored. */
export interface StoredJob {
  id: string;
  type: string;
  state: JobState;
  /** 0..1. */
  progress: number;
  payload: unknown;
  result: Record<string, unknown> | null;
  error: JobError | null;
  createdAt: string;
  updatedAt: string;
  /** How many times a runner has started this job. */
  attempts: number;
}

interface JobRow {
  id: string;
  type: string;
  state: JobState;
  progress: number;
  payload: string;
  result: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  attempts: number;
}

const now = (): string => new Date().toISOString();

/** Inserts a queued job. */
export function insertJob(db: Db, id: string, type: string, payload: unknown): StoredJob {
  const at = now();
  db.prepare(
    `INSERT INTO jobs (id, type, state, progress, payload, created_at, updated_at, attempts)
     VALUES (?, ?, 'queued', 0, ?, ?, ?, 0)`,
  ).run(id, type, JSON.stringify(payload), at, at);
  const job = getJob(db, id);
  if (job === null) throw new Error(`job ${id} vanished after insert`);
  return job;
}

/** The job with this id, or null. */
export function getJob(db: Db, id: string): StoredJob | null {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row === undefined ? null : toJob(row);
}

/** Marks the oldest queued job running (attempts + 1) and returns it; null when none. */
export function claimNextJob(db: Db): StoredJob | null {
  const row = db
    .prepare(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, updated_at = ?
       WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY created_at, rowid LIMIT 1)
       RETURNING *`,
    )
    .get(now()) as JobRow | undefined;
  return row === undefined ? null : toJob(row);
}

/** Writes a running job's progress (0..1). */
export function updateProgress(db: Db, id: string, progress: number): void {
  db.prepare(`UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ? AND state = 'running'`).run(
    progress,
    now(),
    id,
  );
}

/** Moves a job to a final state with its result or error. */
export function finishJob(
  db: Db,
  id: string,
  state: 'succeeded' | 'failed' | 'cancelled',
  outcome: { result?: Record<string, unknown>; error?: JobError },
): void {
  db.prepare(
    `UPDATE jobs SET state = ?, result = ?, error = ?, updated_at = ?,
       progress = CASE WHEN ? = 'succeeded' THEN 1 ELSE progress END
     WHERE id = ?`,
  ).run(
    state,
    outcome.result === undefined ? null : JSON.stringify(outcome.result),
    outcome.error === undefined ? null : JSON.stringify(outcome.error),
    now(),
    state,
    id,
  );
}

/** Puts a job back in the queue (after a crash or a shutdown), keeping its attempts. */
export function requeueJob(db: Db, id: string, attempts: number): void {
  db.prepare(
    `UPDATE jobs SET state = 'queued', progress = 0, attempts = ?, updated_at = ? WHERE id = ?`,
  ).run(attempts, now(), id);
}

/** Jobs in one state, oldest first. */
export function jobsInState(db: Db, state: JobState): StoredJob[] {
  const rows = db
    .prepare('SELECT * FROM jobs WHERE state = ? ORDER BY created_at, rowid')
    .all(state) as JobRow[];
  return rows.map(toJob);
}

function toJob(row: JobRow): StoredJob {
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    progress: row.progress,
    payload: JSON.parse(row.payload) as unknown,
    result: parseJson<Record<string, unknown> | null>(row.result, null),
    error: parseJson<JobError | null>(row.error, null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attempts: row.attempts,
  };
}
