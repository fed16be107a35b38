/**
 * Band statistics and histograms over raster values, ignoring NaN (noData) and ±Infinity.
 * Memory stays bounded for any size: at most 1 Mi values are copied for an exact sort, and
 * larger inputs use a fixed 4096-bin histogram.
 */
import { InvalidParameterError } from '../errors.js';

/** Statistics of one band. Every field but the counts is NaN when no value is finite. */
export interface BandStatistics {
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (divides by n, as numpy's default and rio-tiler). */
  std: number;
  /** 2nd, 50th and 98th percentiles, numpy's default "linear" definition (rank p·(n−1)). */
  p2: number;
  median: number;
  p98: number;
  /** How the percentiles were found: an exact sort, or the 4096-bin histogram (error ≤ one bin width). */
  percentileMethod: 'exact' | 'histogram';
  /** Finite values counted. */
  validCount: number;
  /** All values, including NaN/Infinity. */
  totalCount: number;
}

/** At or below this many finite values, percentiles are exact (sorted Float32Array copy, 4 MiB). */
export const EXACT_PERCENTILE_LIMIT = 1 << 20;

/** Bins of the percentile histogram above EXACT_PERCENTILE_LIMIT. */
export const PERCENTILE_HISTOGRAM_BINS = 4096;

interface Moments {
  min: number;
  max: number;
  mean: number;
  count: number;
}

function firstMoments(values: Float32Array): Moments {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  return { min, max, mean: count > 0 ? sum / count : NaN, count };
}

/** Sum of squared deviations from the mean (a second pass, exact where a one-pass sum is not). */
function squaredDeviationSum(values: Float32Array, mean: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) sum += (v - mean) * (v - mean);
  }
  return sum;
}

/** Percentile p (0..100) of ascending values, linear between closest ranks. */
function sortedPercentile(sorted: Float32Array, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function exactPercentiles(values: Float32Array, count: number, ps: number[]): number[] {
  const finite = new Float32Array(count);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) finite[n++] = v;
  }
  finite.sort();
  return ps.map((p) => sortedPercentile(finite, p));
}

/**
 * Percentiles from a histogram over [min, max]: find the bin holding rank p·(n−1) and place the
 * value inside it assuming the bin's values are spread evenly across its width.
 */
function histogramPercentiles(values: Float32Array, moments: Moments, ps: number[]): number[] {
  const { min, max, count } = moments;
  const { counts, edges } = histogram(values, PERCENTILE_HISTOGRAM_BINS, [min, max]);
  const binWidth = edges[1]! - edges[0]!;
  return ps.map((p) => {
    const rank = (p / 100) * (count - 1);
    let before = 0;
    for (let bin = 0; bin < counts.length; bin++) {
      const inBin = counts[bin]!;
      if (rank < before + inBin) {
        const value = edges[bin]! + ((rank - before + 0.5) / inBin) * binWidth;
        return Math.min(max, Math.max(min, value));
      }
      before += inBin;
    }
    return max;
  });
}

/**
 * min, max, mean, population std, p2, median and p98 of the finite values, with counts. Percentiles are
 * exact up to EXACT_PERCENTILE_LIMIT finite values and from a 4096-bin histogram above it (so
 * 50 M pixels need no copy); `percentileMethod` says which.
 */
export function computeStatistics(values: Float32Array): BandStatistics {
  const moments = firstMoments(values);
  const { min, max, mean, count } = moments;
  if (count === 0) {
    const none = NaN;
    return {
      min: none,
      max: none,
      mean: none,
      std: none,
      p2: none,
      median: none,
      p98: none,
      percentileMethod: 'exact',
      validCount: 0,
      totalCount: values.length,
    };
  }

  const std = Math.sqrt(squaredDeviationSum(values, mean) / count);
  const exact = count <= EXACT_PERCENTILE_LIMIT;
  const [p2, median, p98] = exact
    ? exactPercentiles(values, count, [2, 50, 98])
    : histogramPercentiles(values, moments, [2, 50, 98]);

  return {
    min,
    max,
    mean,
    std,
    p2: p2!,
    median: median!,
    p98: p98!,
    percentileMethod: exact ? 'exact' : 'histogram',
    validCount: count,
    totalCount: values.length,
  };
}

/** [min, max] of the finite values, [NaN, NaN] when there are none. */
function finiteRange(values: Float32Array): [number, number] {
  const { min, max, count } = firstMoments(values);
  return count > 0 ? [min, max] : [NaN, NaN];
}

/** A histogram: counts[i] values fell in [edges[i], edges[i+1]) (the last bin is closed). */
export interface Histogram {
  counts: number[];
  /** bins + 1 bin edges, ascending; NaN when there is no finite value and no range was given. */
  edges: number[];
}

/**
 * Histogram of the finite values in `bins` equal bins over `range` (default: [min, max] of the
 * finite values; a zero-width range is widened to ±0.5 as numpy does). Values outside the range
 * are not counted. `bins` must be an integer in 1..65536.
 */
export function histogram(
  values: Float32Array,
  bins: number,
  range?: readonly [number, number],
): Histogram {
  if (!Number.isInteger(bins) || bins < 1 || bins > 65_536) {
    throw new InvalidParameterError(`histogram bins ${bins} is not an integer in 1..65536`, {
      bins,
    });
  }
  let [lo, hi] = range ?? finiteRange(values);
  if (range && !(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
    throw new InvalidParameterError(`histogram range [${lo}, ${hi}] is not finite and ascending`, {
      range,
    });
  }

  if (Number.isNaN(lo)) {
    return {
      counts: new Array<number>(bins).fill(0),
      edges: new Array<number>(bins + 1).fill(NaN),
    };
  }
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];

  const counts = new Float64Array(bins);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= lo && v <= hi)) continue;
    const bin = Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[bin] = counts[bin]! + 1;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  return { counts: Array.from(counts), edges };
}
