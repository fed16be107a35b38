/**
 * Statistics of one band over one zone mask, at full resolution, reading only the rows of the
 * window the zone covers, 256 rows at a time. Values are physical (stored·scale + offset); NaN
 * and ±Infinity (noData, fill values the caller masked) are not valid.
 */
import { CancelledError, LimitExceededError } from '../../errors.js';
import { computeStatistics } from '../../rasters/statistics.js';
import type { RasterReader } from '../../rasters/types.js';
import type { ZoneMask } from './rasterise.js';

/** Most pixels one zone may cover in one raster. */
export const MAX_ZONE_PIXELS = 100_000_000;

/** Rows read per window read. */
export const ZONE_BLOCK_ROWS = 256;

/** A band to summarise: the reader (noData and fill already NaN), its band, its scaling. */
export interface ZoneBandSource {
  reader: RasterReader;
  /** 0-based band index in the file. */
  bandIndex: number;
  scale: number;
  offset: number;
}

/**
 * Statistics of a band in a zone, in the band's physical unit. `count` is the valid pixels;
 * every other field is null when count is 0 (all noData, or the zone is off the raster).
 */
export interface ZoneBandStatistics {
  count: number;
  noDataCount: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Population standard deviation (divides by count). */
  std: number | null;
  median: number | null;
  p2: number | null;
  p98: number | null;
}

/**
 * Refuses a zone covering more than {@link MAX_ZONE_PIXELS} pixels.
 * @throws LimitExceededError naming the zone and its pixel count.
 */
export function checkZoneSize(mask: ZoneMask, zoneLabel: string): void {
  if (mask.pixelCount <= MAX_ZONE_PIXELS) return;
  throw new LimitExceededError(
    `zone ${zoneLabel} covers ${mask.pixelCount} pixels; the limit is ${MAX_ZONE_PIXELS}`,
    { pixelCount: mask.pixelCount, limit: MAX_ZONE_PIXELS },
  );
}

/** The zone's values (physical, NaN where not valid), in mask order: row by row, left to right. */
export async function zoneValues(
  source: ZoneBandSource,
  mask: ZoneMask,
  signal?: AbortSignal,
): Promise<Float32Array> {
  checkZoneSize(mask, 'request');
  const values = new Float32Array(mask.pixelCount);
  const { window } = mask;
  if (window === null) return values;

  let n = 0;
  let next = 0;
  for (let top = window.y; top < window.y + window.height; top += ZONE_BLOCK_ROWS) {
    if (signal?.aborted === true) throw new CancelledError();
    const rows = Math.min(ZONE_BLOCK_ROWS, window.y + window.height - top);
    const block = await source.reader.readWindow(
      { x: window.x, y: top, width: window.width, height: rows },
      { bandIndex: source.bandIndex, ...(signal === undefined ? {} : { signal }) },
    );
    for (; next < mask.rows.length && mask.rows[next]!.row < top + rows; next++) {
      const { row, columns } = mask.rows[next]!;
      const rowOffset = (row - top) * window.width - window.x;
      for (let i = 0; i + 1 < columns.length; i += 2) {
        for (let col = columns[i]!; col < columns[i + 1]!; col++) {
          values[n++] = (block[rowOffset + col] ?? Number.NaN) * source.scale + source.offset;
        }
      }
    }
  }
  return values;
}

/** Statistics of `values` (as from {@link zoneValues}); null statistics when none is valid. */
export function summariseZone(values: Float32Array): ZoneBandStatistics {
  const stats = computeStatistics(values);
  const noDataCount = values.length - stats.validCount;
  if (stats.validCount === 0) {
    const none = null;
    return {
      count: 0,
      noDataCount,
      min: none,
      max: none,
      mean: none,
      std: none,
      median: none,
      p2: none,
      p98: none,
    };
  }
  return {
    count: stats.validCount,
    noDataCount,
    min: stats.min,
    max: stats.max,
    mean: stats.mean,
    std: stats.std,
    median: stats.median,
    p2: stats.p2,
    p98: stats.p98,
  };
}
