/**
 * The bounded read behind band statistics and histograms: the whole raster at a reduced size
 * (long side at most a limit), served from the coarsest overview fine enough for that size, and
 * a description of which level was read and whether every pixel was counted.
 */
import type { RasterInfo, RasterReader } from './types.js';
import { chooseLevel } from './window-sampling.js';

/** Default long side, in pixels, of a statistics read (1024² ≈ 1 M values, exact percentiles). */
export const STATISTICS_MAX_SIDE_PX = 1024;

/** Which pixels a statistics read used. */
export interface StatisticsRead {
  /** Overview level read: 0 = full resolution, 1.. = the file's internal overviews. */
  level: number;
  /** Size of the values read (the output grid). */
  width: number;
  height: number;
  /** Size of the level read. */
  levelWidth: number;
  levelHeight: number;
  /** True when every full-resolution pixel was counted (level 0 read at its own size). */
  fullResolution: boolean;
  /** True when the output grid is smaller than the level, so pixels were sampled (nearest). */
  sampled: boolean;
}

/**
 * Output size of a statistics read: the size of the finest level (full resolution or an
 * overview) whose long side fits in `maxSidePx`, so that level is read pixel for pixel; when no
 * level fits, the full raster scaled down to `maxSidePx` (pixels sampled by nearest neighbour).
 */
export function planStatisticsRead(
  info: Pick<RasterInfo, 'width' | 'height' | 'overviews'>,
  maxSidePx = STATISTICS_MAX_SIDE_PX,
): StatisticsRead {
  const levels = [{ width: info.width, height: info.height }, ...info.overviews];
  const fitting = levels.find((level) => Math.max(level.width, level.height) <= maxSidePx);
  const factor = Math.max(info.width, info.height) / maxSidePx;
  const width = fitting?.width ?? Math.max(1, Math.round(info.width / factor));
  const height = fitting?.height ?? Math.max(1, Math.round(info.height / factor));

  const window = { x: 0, y: 0, width: info.width, height: info.height };
  const level = chooseLevel(levels, window, width, height);
  const read = levels[level]!;
  return {
    level,
    width,
    height,
    levelWidth: read.width,
    levelHeight: read.height,
    fullResolution: level === 0 && width === info.width && height === info.height,
    sampled: width < read.width || height < read.height,
  };
}

/** Reads band `bandIndex` of the whole raster as planned by {@link planStatisticsRead}. */
export async function readForStatistics(
  reader: RasterReader,
  bandIndex: number,
  options: { maxSidePx?: number; signal?: AbortSignal } = {},
): Promise<{ values: Float32Array; read: StatisticsRead }> {
  const { info } = reader;
  const read = planStatisticsRead(info, options.maxSidePx);
  const values = await reader.readWindow(
    { x: 0, y: 0, width: info.width, height: info.height },
    {
      bandIndex,
      outWidth: read.width,
      outHeight: read.height,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  return { values, read };
}
