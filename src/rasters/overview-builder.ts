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
