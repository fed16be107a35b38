/**
 * Reduced-resolution levels for internal overviews: each level halves the previous one
 * (rounding up) by averaging the valid (non-NaN) values of each 2×2 block, as GDAL's
 * AVERAGE resampling does; a block with no valid value stays NaN.
 */

/** One band at one level. */
export interface BandLevel {
  width: number;
  height: number;
  values: Float32Array;
}

/** The level of half the size (ceil) of `level`. */
export function halveLevel(level: BandLevel, isMissing: (value: number) => boolean): BandLevel {
  const width = Math.ceil(level.width / 2);
  const height = Math.ceil(level.height / 2);
  const values = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      let sum = 0;
      let count = 0;
      for (let dy = 0; dy < 2; dy++) {
        const sourceRow = 2 * row + dy;
        if (sourceRow >= level.height) continue;
        for (let dx = 0; dx < 2; dx++) {
          const sourceCol = 2 * col + dx;
          if (sourceCol >= level.width) continue;
          const value = level.values[sourceRow * level.width + sourceCol] ?? NaN;
          if (isMissing(value)) continue;
          sum += value;
          count++;
        }
      }
      values[row * width + col] = count === 0 ? NaN : sum / count;
    }
  }
  return { width, height, values };
}

/** Sizes of the overview levels: halve until both sides fit in one tile. */
export function overviewSizes(
  width: number,
  height: number,
  tileSizePx: number,
): { width: number; height: number }[] {
  const sizes: { width: number; height: number }[] = [];
  let w = width;
  let h = height;
  while (w > tileSizePx || h > tileSizePx) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    sizes.push({ width: w, height: h });
  }
  return sizes;
}

/**
 * How an overview pixel summarises its 2×2 block: `average` of the valid values (GDAL's
 * AVERAGE, for continuous data), `mode` (the most frequent valid value, the first one on a tie:
 * for classes), `nearest` (the top-left pixel, missing or not).
 */
export type OverviewResampling = 'average' | 'nearest' | 'mode';

function modeOf(values: readonly number[]): number {
  let best = NaN;
  let bestCount = 0;
  for (const candidate of values) {
    let count = 0;
    for (const value of values) if (value === candidate) count++;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** How {@link halveRowPair} treats values. */
export interface HalvingOptions {
  resampling: OverviewResampling;
  /** A stored noData value left out like NaN; NaN when there is none. */
  noData: number;
  /** Round averages half up, as integer samples need. */
  roundToInteger: boolean;
}

/**
 * One row of the next overview level from two rows of `width` values (`lower` null when the
 * level has an odd height and `upper` is its last row). Missing values (NaN, and `noData`) are
 * skipped; a block with no valid value gives NaN.
 */
export function halveRowPair(
  upper: Float32Array,
  lower: Float32Array | null,
  width: number,
  options: HalvingOptions,
): Float32Array {
  const out = new Float32Array(Math.ceil(width / 2));
  if (options.resampling === 'average') averageRows(upper, lower, width, out, options);
  else if (options.resampling === 'nearest') nearestRow(upper, width, out, options.noData);
  else modeRows(upper, lower, width, out, options.noData);
  return out;
}

/**
 * Averages of the valid values of each 2×2 block, summed in double in the order upper left,
 * upper right, lower left, lower right (`lower` null: the upper pair only).
 */
function averageRows(
  upper: Float32Array,
  lower: Float32Array | null,
  width: number,
  out: Float32Array,
  options: HalvingOptions,
): void {
  const { noData, roundToInteger } = options;
  const outWidth = out.length;
  const below = lower ?? upper;
  const hasLower = lower !== null;
  for (let col = 0; col < outWidth; col++) {
    const x = 2 * col;
    const right = x + 1 < width;
    let sum = 0;
    let count = 0;
    const a = upper[x]!;
    if (a === a && a !== noData) {
      sum += a;
      count++;
    }
    const b = right ? upper[x + 1]! : NaN;
    if (b === b && b !== noData) {
      sum += b;
      count++;
    }
    const c = hasLower ? below[x]! : NaN;
    if (c === c && c !== noData) {
      sum += c;
      count++;
    }
    const d = hasLower && right ? below[x + 1]! : NaN;
    if (d === d && d !== noData) {
      sum += d;
      count++;
    }
    if (count === 0) out[col] = NaN;
    else out[col] = roundToInteger ? Math.floor(sum / count + 0.5) : sum / count;
  }
}

function nearestRow(upper: Float32Array, width: number, out: Float32Array, noData: number) {
  for (let col = 0; col < out.length; col++) {
    const value = upper[2 * col]!;
    out[col] = value === noData ? NaN : value;
  }
}

/** The most frequent valid value of each block, the first one (in reading order) on a tie. */
function modeRows(
  upper: Float32Array,
  lower: Float32Array | null,
  width: number,
  out: Float32Array,
  noData: number,
): void {
  const block: number[] = [];
  const rows = lower === null ? [upper] : [upper, lower];
  for (let col = 0; col < out.length; col++) {
    block.length = 0;
    for (const row of rows) {
      for (let dx = 0; dx < 2 && 2 * col + dx < width; dx++) {
        const value = row[2 * col + dx]!;
        if (value === value && value !== noData) block.push(value);
      }
    }
    out[col] = block.length === 0 ? NaN : modeOf(block);
  }
}
