/**
 * Starting and stopping one backend: data directory, database, queue, app and HTTP server.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import type { Logger as PinoLogger } from 'pino';
import { createApp } from './app.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db.js';
import { JobQueue, registerJobType } from './jobs.js';
import { LruCache } from './lru.js';
import { productPaths } from './product-store.js';
import { ReaderPool } from './reader-pool.js';
import { distillJobType } from './distill-job.js';
import { retrieveJobType } from './retrieve-job.js';
import { sceneIds } from './scene-store.js';
import { Storage } from './storage.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Host to listen on; default 127.0.0.1. */
  host?: string;
  /** Data directory (created if missing). */
  dataDir: string;
  /** Largest upload per file, bytes; default 2 GiB. */
  maxUploadBytes?: number;
  /** Largest number of files per upload; default 40. */
  maxFiles?: number;
  /** pino level when no logger is given; default `info`. */
  logLevel?: string;
  logger?: PinoLogger;
  /** Bytes of encoded tiles kept in memory; default 64 MiB. */
  tileCacheBytes?: number;
  /** Folder of the built frontend; default `frontend/dist` of this repository. */
  frontendDir?: string;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Stops the queue (running jobs are re-queued), closes connections, readers and the database. */
  close(): Promise<void>;
}

const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const DEFAULT_TILE_CACHE_BYTES = 64 * 1024 * 1024;

/** Starts a backend and resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: options.logLevel ?? 'info' });
  const context = await createContext(options, logger);
  context.queue.start();

  const server = createServer(createApp(context));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await context.queue.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await context.readers.closeAll();
      context.db.close();
    })();
    return closing;
  };
  return { url: `http://${host}:${port}`, port, close };
}

/**
 * The shared state of one backend (storage, database, reader pool, job queue not started), as
 * {@link startServer} builds it; exported so tests can build the app without listening.
 */
export async function createContext(
  options: ServerOptions,
  logger: PinoLogger,
): Promise<AppContext> {
  const storage = new Storage(options.dataDir);
  await storage.init();
  const db = openDatabase(storage.dataDir);

  const known = new Set(sceneIds(db));
  const removed = await storage.sweepOrphans(known, new Set(productPaths(db)));
  if (removed > 0) logger.warn({ removed }, 'removed files no database row points to');

  const readers = new ReaderPool(logger);
  const jobTypes = {
    retrieve: registerJobType(retrieveJobType({ db, storage, readers })),
    distill: registerJobType(distillJobType({ db, storage })),
  };
  const queue = new JobQueue(db, jobTypes, logger);
  return {
    db,
    storage,
    logger,
    queue,
    readers,
    tileCache: new LruCache<Buffer>({
      maxSize: options.tileCacheBytes ?? DEFAULT_TILE_CACHE_BYTES,
      sizeOf: (png) => png.byteLength,
    }),
    uploadLimits: {
      maxFileBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      maxFiles: options.maxFiles ?? 40,
    },
    frontendDir: options.frontendDir ?? path.resolve(import.meta.dirname, '../frontend/dist'),
  };
}
