/** Everything a route or job needs, created once per server. */
import type { Logger } from '../src/logger.js';
import type { Db } from './db.js';
import type { JobQueue } from './jobs.js';
import type { LruCache } from './lru.js';
import type { ReaderPool } from './reader-pool.js';
import type { Storage } from './storage.js';
import type { UploadLimits } from './upload.js';

/** The shared state of one backend process. */
export interface AppContext {
  db: Db;
  storage: Storage;
  queue: JobQueue;
  readers: ReaderPool;
  /** Encoded PNG tiles, bounded in bytes. */
  tileCache: LruCache<Buffer>;
  logger: Logger;
  uploadLimits: UploadLimits;
  /** Folder of the built frontend (served at `/` when it exists). */
  frontendDir: string;
}
