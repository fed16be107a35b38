/**
 * Statistics and histogram of a layer (scene band, product or expression) in physical units,
 * from a read bounded in size (see src/rasters/statistics-read.ts), and the query of its route.
 */
import { z } from 'zod';
import type { Histogram } from '../src/rasters/statistics.js';
import { computeStatistics, histogram } from '../src/rasters/statistics.js';
import type { StatisticsRead } from '../src/rasters/statistics-read.js';
import { readForStatistics } from '../src/rasters/statistics-read.js';
import { toPhysical } from './band-values.js';
import type { AppContext } from './context.js';
import type { Layer } from './layers.js';

/** Most histogram bins a request may ask for. */
export const MAX_HISTOGRAM_BINS = 1024;

/** Query of statistics requests: the number of histogram bins (default 10, as rio-tiler). */
export const statisticsQuerySchema = z.object({
  bins: z.coerce.number().int().min(1).max(MAX_HISTOGRAM_BINS).default(10),
});

/** Statistics of a layer as the API answers them; numbers are null when no pixel is valid. */
export interface LayerStatistics {
  name: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Population standard deviation. */
  std: number | null;
  p2: number | null;
  median: number | null;
  p98: number | null;
  /** Values counted (finite) and read (all) in the bounded read. */
  validCount: number;
  totalCount: number;
  /** `exact`: sorted values; `histogram`: 4096-bin estimate (only above 1 Mi values). */
  percentileMethod: 'exact' | 'histogram';
  /** `bins` equal bins over [min, max]; counts[i] covers [edges[i], edges[i+1]). */
  histogram: { edges: (number | null)[]; counts: number[] };
  /** Which overview level and output size were read, and whether every pixel was counted. */
  read: StatisticsRead;
}

/** Parses `bins` (1..1024, default 10). */
export function parseStatisticsQuery(query: unknown): { bins: number } {
  return statisticsQuerySchema.parse(query);
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** Statistics and a `bins`-bin histogram of a layer's physical values over a bounded read. */
export async function layerStatistics(
  context: AppContext,
  layer: Layer,
  bins: number,
): Promise<LayerStatistics> {
  return layer.withSource(context.readers, async ({ reader, bandIndex, rule }) => {
    const { values: raw, read } = await readForStatistics(reader, bandIndex);
    const values = toPhysical(raw, rule);
    const stats = computeStatistics(values);
    const counts: Histogram = histogram(values, bins);

    return {
      name: layer.name,
      unit: rule.unit,
      min: finiteOrNull(stats.min),
      max: finiteOrNull(stats.max),
      mean: finiteOrNull(stats.mean),
      std: finiteOrNull(stats.std),
      p2: finiteOrNull(stats.p2),
      median: finiteOrNull(stats.median),
      p98: finiteOrNull(stats.p98),
      validCount: stats.validCount,
      totalCount: stats.totalCount,
      percentileMethod: stats.percentileMethod,
      histogram: { edges: counts.edges.map(finiteOrNull), counts: counts.counts },
      read,
    };
  });
}
