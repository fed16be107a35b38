/**
 * Rows of the `models` table: every trained model of the registry (teachers and students),
 * its metadata and where its files are (`<dataDir>/models/<id>.json` + `.weights.bin`).
 */
import type { ModelMetadata } from '../src/models/serialize.js';
import type { Db } from './db.js';
import { parseJson } from './db.js';

/** A registered model. */
export interface StoredModel {
  id: string;
  name: string;
  /** Distillation method id, `none` or `teacher`. */
  method: string;
  scheme: string;
  className: string;
  sensor: string;
  teacherId: string | null;
  /** The distill job that trained it. */
  jobId: string | null;
  parameterCount: number;
  metadata: ModelMetadata;
  manifestPath: string;
  createdAt: string;
}

interface ModelRow {
  id: string;
  name: string;
  method: string;
  scheme: string;
  class_name: string;
  sensor: string;
  teacher_id: string | null;
  job_id: string | null;
  parameter_count: number;
  metadata: string;
  manifest_path: string;
  created_at: string;
}

function fromRow(row: ModelRow): StoredModel {
  return {
    id: row.id,
    name: row.name,
    method: row.method,
    scheme: row.scheme,
    className: row.class_name,
    sensor: row.sensor,
    teacherId: row.teacher_id,
    jobId: row.job_id,
    parameterCount: row.parameter_count,
    metadata: parseJson<ModelMetadata>(row.metadata, {} as ModelMetadata),
    manifestPath: row.manifest_path,
    createdAt: row.created_at,
  };
}

/** Inserts a model row. */
export function insertModel(db: Db, model: StoredModel): void {
  db.prepare(
    `INSERT INTO models (id, name, method, scheme, class_name, sensor, teacher_id, job_id,
       parameter_count, metadata, manifest_path, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    model.id,
    model.name,
    model.method,
    model.scheme,
    model.className,
    model.sensor,
    model.teacherId,
    model.jobId,
    model.parameterCount,
    JSON.stringify(model.metadata),
    model.manifestPath,
    model.createdAt,
  );
}

/** One model, or null. */
export function getModel(db: Db, id: string): StoredModel | null {
  const row = db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  return row === undefined ? null : fromRow(row);
}

/** Every model, newest first. */
export function listModels(db: Db): StoredModel[] {
  const rows = db.prepare('SELECT * FROM models ORDER BY created_at DESC, id').all() as ModelRow[];
  return rows.map(fromRow);
}
