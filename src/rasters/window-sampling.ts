/**
 * Nearest-neighbour sampling of a full-resolution pixel window onto an output grid, from any
 * overview level, and the choice of that level.
 */
import type { PixelWindow } from './types.js';

/** Size of one level (0 = full resolution). */
export interface LevelSize {
  width: number;
  height: number;
}

/**
 * Index of the coarsest level whose pixels are not coarser than the output pixels, so
 * downsampled reads touch the fewest bytes without losing resolution (GDAL's rule).
 */
export function chooseLevel(
  levels: readonly LevelSize[],
  window: PixelWindow,
  outWidth: number,
  outHeight: number,
): number {
  const full = levels[0];
  if (full === undefined) return 0;
  const wantedDecimation = Math.min(window.width / outWidth, window.height / outHeight);
  let chosen = 0;
  levels.forEach((level, index) => {
    const decimation = Math.max(full.width / level.width, full.height / level.height);
    if (decimation <= wantedDecimation * (1 + 1e-9)) chosen = index;
  });
  return chosen;
}

/** Source column (or row) in a level of each output pixel; -1 where outside the level. */
export function nearestIndices(
  start: number,
  extent: number,
  outSize: number,
  levelScale: number,
  levelSize: number,
): Int32Array {
  const indices = new Int32Array(outSize);
  const step = extent / outSize;
  for (let i = 0; i < outSize; i++) {
    const index = Math.floor((start + (i + 0.5) * step) * levelScale);
    indices[i] = index >= 0 && index < levelSize ? index : -1;
  }
  return indices;
}

/** The [min, max] of the non-negative indices, or null when all are outside. */
export function indexRange(indices: Int32Array): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const index of indices) {
    if (index < 0) continue;
    if (index < min) min = index;
    if (index > max) max = index;
  }
  return min === Infinity ? null : [min, max];
}

/** True when `indices` are `first`, `first + 1`, … (no -1). */
function isRun(indices: Int32Array, first: number): boolean {
  for (let i = 0; i < indices.length; i++) if (indices[i] !== first + i) return false;
  return true;
}

/**
 * Output values gathered from a region buffer by column/row indices; NaN where index = -1 or
 * outside the region. Returns `region` itself when the indices select it exactly (a read at
 * full resolution), so do not modify `region` afterwards.
 */
export function gather(
  region: Float32Array,
  regionX: number,
  regionY: number,
  regionWidth: number,
  cols: Int32Array,
  rows: Int32Array,
): Float32Array {
  const colsRun = isRun(cols, regionX);
  if (colsRun && cols.length === regionWidth && isRun(rows, regionY)) {
    if (region.length === regionWidth * rows.length) return region;
  }
  const outWidth = cols.length;
  const out = new Float32Array(outWidth * rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const at = r * outWidth;
    const rowBase = (row - regionY) * regionWidth - regionX;
    if (row < 0 || rowBase + regionX < 0 || rowBase + regionX >= region.length) {
      out.fill(NaN, at, at + outWidth);
    } else if (colsRun && outWidth <= regionWidth) {
      out.set(region.subarray(rowBase + regionX, rowBase + regionX + outWidth), at);
    } else {
      for (let c = 0; c < outWidth; c++) {
        const col = cols[c]!;
        out[at + c] = col < 0 ? NaN : (region[rowBase + col] ?? NaN);
      }
    }
  }
  return out;
}
