/**
 * Statistics of a product raster as the product row stores them: the raster statistics of
 * src/rasters/statistics.ts plus the median, which the page lists beside p2–p98.
 */
import {
  computeStatistics,
  EXACT_PERCENTILE_LIMIT,
  histogram,
  PERCENTILE_HISTOGRAM_BINS,
} from '../src/rasters/statistics.js';
import type { ProductStats } from './product-store.js';

/**
 * min, max, mean, std, p2, p98, median and counts of the finite values, in their unit. The
 * median follows numpy's default "linear" definition (rank 0.5·(n−1)); it is exact up to
 * EXACT_PERCENTILE_LIMIT finite values and from a 4096-bin histogram above (error ≤ one bin).
 * NaN when there is no finite value.
 */
export function productStatistics(values: Float32Array): ProductStats {
  const { min, max, mean, std, p2, p98, validCount, totalCount } = computeStatistics(values);
  const stats = { min, max, mean, std, p2, p98, validCount, totalCount };
  if (validCount === 0) return { ...stats, median: Number.NaN };
  const median =
    validCount <= EXACT_PERCENTILE_LIMIT
      ? exactMedian(values, validCount)
      : histogramMedian(values, validCount, min, max);
  return { ...stats, median };
}

function exactMedian(values: Float32Array, validCount: number): number {
  const finite = new Float32Array(validCount);
  let n = 0;
  for (const value of values) {
    if (Number.isFinite(value)) finite[n++] = value;
  }
  finite.sort();

  const rank = 0.5 * (validCount - 1);
  const low = Math.floor(rank);
  const high = Math.min(validCount - 1, low + 1);
  return finite[low]! + (finite[high]! - finite[low]!) * (rank - low);
}

/** The median from a histogram over [min, max], values spread evenly inside their bin. */
function histogramMedian(
  values: Float32Array,
  validCount: number,
  min: number,
  max: number,
): number {
  const { counts, edges } = histogram(values, PERCENTILE_HISTOGRAM_BINS, [min, max]);
  const binWidth = edges[1]! - edges[0]!;
  const rank = 0.5 * (validCount - 1);
  let before = 0;
  for (let bin = 0; bin < counts.length; bin += 1) {
    const inBin = counts[bin]!;
    if (rank < before + inBin) {
      const value = edges[bin]! + ((rank - before + 0.5) / inBin) * binWidth;
      return Math.min(max, Math.max(min, value));
    }
    before += inBin;
  }
  return max;
}
