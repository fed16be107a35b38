/**
 * Limits that bound the work and memory one TIFF may cost while it is parsed and decoded, so a
 * hostile or broken upload fails with a typed error instead of exhausting the server.
 */
import { LimitExceededError } from '../errors.js';

/** Parsing and decoding limits of one opened GeoTIFF. */
export interface DecodeLimits {
  /** Largest number of IFDs (images: full resolution, overviews, masks) in the chain. */
  maxIfds: number;
  /** Largest number of strips or tiles of one image. */
  maxBlocks: number;
  /** Largest decoded size of one strip or tile, in bytes. */
  maxBlockBytes: number;
  /** Longest time one window read may take, in milliseconds. */
  maxReadMs: number;
}

/** Defaults: 64 IFDs, 4 million blocks, 256 MiB per block, 60 s per read. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxIfds: 64,
  maxBlocks: 4_194_304,
  maxBlockBytes: 256 * 1024 * 1024,
  maxReadMs: 60_000,
};

/** A deadline of one read; {@link Deadline.check} throws once it has passed. */
export class Deadline {
  private readonly endMs: number;

  constructor(
    private readonly fileName: string,
    private readonly limitMs: number,
  ) {
    this.endMs = Date.now() + limitMs;
  }

  /** @throws LimitExceededError "<file>: a read took longer than N ms (limit)". */
  check(): void {
    if (Date.now() <= this.endMs) return;
    throw new LimitExceededError(
      `${this.fileName}: a window read took longer than the limit of ${this.limitMs} ms`,
      { file: this.fileName, maxReadMs: this.limitMs },
    );
  }
}
