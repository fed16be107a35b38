/**
 * One open RasterReader per file, kept in a least-recently-used pool. A reader in use is never
 * closed under its user: eviction and `closePaths` close it when its last user releases it.
 */
import { openGeoTiff } from '../src/rasters/geotiff-reader.js';
import type { RasterReader } from '../src/rasters/types.js';
import type { Logger } from '../src/logger.js';

interface PoolEntry {
  reader: Promise<RasterReader>;
  users: number;
  retired: boolean;
}

/** LRU pool of open GeoTIFF readers keyed by absolute path. */
export class ReaderPool {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly maxOpen: number;
  private readonly logger: Logger;

  /** @param maxOpen readers kept open when idle (in-use readers may exceed it briefly). */
  constructor(logger: Logger, maxOpen = 64) {
    this.logger = logger;
    this.maxOpen = maxOpen;
  }

  /** Runs `fn` with the reader of `filePath`, opening it if needed. */
  async use<T>(filePath: string, fn: (reader: RasterReader) => Promise<T>): Promise<T> {
    const entry = this.acquire(filePath);
    try {
      return await fn(await entry.reader);
    } finally {
      this.release(filePath, entry);
    }
  }

  /** Closes (now, or when their users finish) the readers of the given files. */
  closePaths(filePaths: Iterable<string>): void {
    for (const filePath of filePaths) {
      const entry = this.entries.get(filePath);
      if (entry === undefined) continue;
      this.entries.delete(filePath);
      this.retire(filePath, entry);
    }
  }

  /** Closes every reader; used at shutdown. */
  async closeAll(): Promise<void> {
    const all = [...this.entries.entries()];
    this.entries.clear();
    await Promise.all(all.map(([filePath, entry]) => this.close(filePath, entry)));
  }

  private acquire(filePath: string): PoolEntry {
    let entry = this.entries.get(filePath);
    if (entry === undefined) {
      entry = { reader: openGeoTiff(filePath, { logger: this.logger }), users: 0, retired: false };
      const opened = entry;
      entry.reader.catch(() => {
        if (this.entries.get(filePath) === opened) this.entries.delete(filePath);
      });
    } else {
      this.entries.delete(filePath);
    }
    this.entries.set(filePath, entry);
    entry.users += 1;
    this.evictIdle();
    return entry;
  }

  private release(filePath: string, entry: PoolEntry): void {
    entry.users -= 1;
    if (entry.retired && entry.users === 0) void this.close(filePath, entry);
  }

  private evictIdle(): void {
    for (const [filePath, entry] of this.entries) {
      if (this.entries.size <= this.maxOpen) return;
      if (entry.users > 0) continue;
      this.entries.delete(filePath);
      this.retire(filePath, entry);
    }
  }

  private retire(filePath: string, entry: PoolEntry): void {
    entry.retired = true;
    if (entry.users === 0) void this.close(filePath, entry);
  }

  private async close(filePath: string, entry: PoolEntry): Promise<void> {
    try {
      const reader = await entry.reader;
      await reader.close();
    } catch (error) {
      this.logger.debug({ err: error, path: filePath }, 'reader close skipped');
    }
  }
}
