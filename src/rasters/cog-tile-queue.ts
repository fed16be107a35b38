/**
 * A bound on the tiles being compressed and written at once while a COG is streamed: the main
 * thread converts and predicts the next tiles while node:zlib compresses earlier ones on the
 * libuv thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise).
 */

/**
 * Tiles in flight across every level of one write (twice the default pool). Each holds a raw
 * tile and its output; 16 measured 39 MiB of buffers at the peak of a 4096² write, 8 25 MiB.
 */
export const TILES_IN_FLIGHT = 8;

/** Ordered pending tile writes with at most `limit` outstanding. */
export class TileQueue {
  private readonly pending: Promise<void>[] = [];

  constructor(private readonly limit: number = TILES_IN_FLIGHT) {}

  /**
   * Adds a pending tile write; waits (oldest first) while more than `limit` are pending.
   * Rethrows the first failure met while waiting.
   */
  async add(task: Promise<void>): Promise<void> {
    // Marks the rejection as handled now; it is rethrown when the task is awaited below.
    task.catch(() => undefined);
    this.pending.push(task);
    while (this.pending.length > this.limit) await this.pending.shift();
  }

  /** Waits for every pending write, oldest first; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.pending.shift();
  }

  /** Waits for every pending write to end, failed or not (before closing the files). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.pending.splice(0));
  }
}
