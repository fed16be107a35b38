/** A small least-recently-used cache bounded by a total size (bytes, or entry count). */

/** Options of an {@link LruCache}. */
export interface LruOptions<V> {
  /** Largest total size kept; an entry larger than this is not stored at all. */
  maxSize: number;
  /** Size of one value (e.g. its byte length); 1 per entry when omitted. */
  sizeOf?: (value: V) => number;
  /** Called for each value removed, by eviction, `delete`, `deletePrefix` or `clear`. */
  onEvict?: (key: string, value: V) => void;
}

/** LRU cache keyed by strings; a `Map` keeps insertion order, so the first key is the oldest. */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private readonly options: LruOptions<V>;
  private totalSize = 0;

  constructor(options: LruOptions<V>) {
    this.options = options;
  }

  /** Current total size of the kept values. */
  get size(): number {
    return this.totalSize;
  }

  /** The value for `key`, marked as most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value, evicting the oldest entries until the total fits. */
  set(key: string, value: V): void {
    this.delete(key);
    const size = this.options.sizeOf?.(value) ?? 1;
    if (size > this.options.maxSize) return;

    this.entries.set(key, { value, size });
    this.totalSize += size;
    while (this.totalSize > this.options.maxSize) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.delete(oldest.value);
    }
  }

  /** Removes one entry (calling `onEvict`); returns whether it was present. */
  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.totalSize -= entry.size;
    this.options.onEvict?.(key, entry.value);
    return true;
  }

  /** Removes every entry whose key starts with `prefix`; returns how many. */
  deletePrefix(prefix: string): number {
    const keys = [...this.entries.keys()].filter((key) => key.startsWith(prefix));
    keys.forEach((key) => this.delete(key));
    return keys.length;
  }

  /** Removes every entry (calling `onEvict` for each). */
  clear(): void {
    [...this.entries.keys()].forEach((key) => this.delete(key));
  }
}
