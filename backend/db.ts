/**
 * The SQLite database of one data directory (better-sqlite3, WAL), with schema migrations
 * keyed by `PRAGMA user_version`.
 */
import path from 'node:path';
import Database from 'better-sqlite3';

/** An open database handle. */
export type Db = Database.Database;

/**
 * Migrations in order; migration i brings the schema from version i to i + 1. Append only:
 * never edit a migration that has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scenes (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    sensor TEXT NOT NULL,
    level TEXT,
    scene_id TEXT,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    crs TEXT NOT NULL,
    geo_transform TEXT NOT NULL,
    bounds TEXT NOT NULL,
    metadata TEXT,
    warnings TEXT NOT NULL
  );
  CREATE TABLE bands (
    scene_id TEXT NOT NULL REFERENCES scenes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    band_index INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    description TEXT,
    position INTEGER NOT NULL,
    stats TEXT,
    PRIMARY KEY (scene_id, name)
  );
  CREATE TABLE products (
    id TEXT PRIMARY KEY,
    scene_id TEXT NOT NULL REFERENCES scenes(id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    method TEXT NOT NULL,
    parameters TEXT NOT NULL,
    inputs TEXT NOT NULL,
    notes TEXT NOT NULL,
    unit TEXT NOT NULL,
    path TEXT NOT NULL,
    stats TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX products_scene ON products(scene_id);
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    state TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    payload TEXT NOT NULL,
    result TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX jobs_state ON jobs(state, created_at);
  `,
  `
  CREATE TABLE models (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    method TEXT NOT NULL,
    scheme TEXT NOT NULL,
    class_name TEXT NOT NULL,
    sensor TEXT NOT NULL,
    teacher_id TEXT,
    job_id TEXT,
    parameter_count INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    manifest_path TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX models_created ON models(created_at);
  `,
];

/** Schema version this code expects. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating if needed) `<dataDir>/db.sqlite` in WAL mode with foreign keys on, and applies
 * pending migrations in one transaction each. Refuses a database newer than this code.
 */
export function openDatabase(dataDir: string): Db {
  const db = new Database(path.join(dataDir, 'db.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `database schema version ${current} is newer than this server's ${SCHEMA_VERSION}`,
    );
  }

  for (let version = current; version < SCHEMA_VERSION; version += 1) {
    const sql = MIGRATIONS[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Parses a JSON column, returning `fallback` for NULL. */
export function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}
