/**
 * Moving-window regression slope of one raster on another, cov(x, y)/var(x) over the valid pixels
 * of an N×N window centred on each pixel, in O(width·height) time whatever N is: a sliding box
 * filter of the count and of the sums Σx, Σy, Σxy, Σx², kept per column while rows enter and
 * leave the window (memory O(width)). Values are centred on their global means before summing, so
 * the sums stay small and the running additions and subtractions keep their precision.
 *
 * Used for the split-window covariance–variance ratio of Du et al. 2015 / Ren et al. 2015
 * (water-vapour.ts). Windows are clipped at the raster edges (fewer pixels, no padding).
 */
import { InvalidParameterError } from '../errors.js';

/** Options of {@link windowCovarianceRatio}. */
export interface WindowCovarianceOptions {
  /** Window side in pixels, odd, ≥ 3. */
  windowPx: number;
  /** 1 where a pixel may enter the statistics (e.g. not water, not cloud); all pixels when absent. */
  validMask?: Uint8Array;
  /** Fewest valid pixels, as a fraction of the window's pixels inside the raster (default 0.5). */
  minValidFraction?: number;
  /** Smallest variance of x in K² for a result; flatter windows give NaN (default 1e-4). */
  minVarianceK2?: number;
}

const SUMS = 5; // count, Σx, Σy, Σxy, Σx²

function globalMean(values: Float32Array, other: Float32Array, mask?: Uint8Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v) || Number.isNaN(other[i]) || mask?.[i] === 0) continue;
    sum += v;
    count += 1;
  }
  return count === 0 ? 0 : sum / count;
}

/** The horizontal window sums of one row into `into` (SUMS values per column). */
function rowWindowSums(
  x: Float32Array,
  y: Float32Array,
  mask: Uint8Array | undefined,
  row: number,
  width: number,
  radius: number,
  means: [number, number],
  into: Float64Array,
): void {
  const base = row * width;
  const running = new Float64Array(SUMS);
  const add = (col: number, sign: number): void => {
    const i = base + col;
    const xv = (x[i] as number) - means[0];
    const yv = (y[i] as number) - means[1];
    if (Number.isNaN(xv) || Number.isNaN(yv) || mask?.[i] === 0) return;
    running[0] = (running[0] as number) + sign;
    running[1] = (running[1] as number) + sign * xv;
    running[2] = (running[2] as number) + sign * yv;
    running[3] = (running[3] as number) + sign * xv * yv;
    running[4] = (running[4] as number) + sign * xv * xv;
  };
  for (let col = 0; col < Math.min(radius, width); col++) add(col, 1);
  for (let col = 0; col < width; col++) {
    if (col + radius < width) add(col + radius, 1);
    if (col - radius - 1 >= 0) add(col - radius - 1, -1);
    into.set(running, col * SUMS);
  }
}

function checkInputs(
  x: Float32Array,
  y: Float32Array,
  width: number,
  height: number,
  options: WindowCovarianceOptions,
): void {
  const n = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidParameterError(
      `window covariance needs a positive size, got ${width}×${height}`,
    );
  }
  if (x.length !== n || y.length !== n || (options.validMask && options.validMask.length !== n)) {
    throw new InvalidParameterError(
      `window covariance inputs must have ${width}×${height} = ${n} pixels`,
      { x: x.length, y: y.length, mask: options.validMask?.length ?? null },
    );
  }
  const side = options.windowPx;
  if (!Number.isInteger(side) || side < 3 || side % 2 === 0) {
    throw new InvalidParameterError(`window side must be an odd integer ≥ 3, got ${side}`);
  }
}

/**
 * cov(x, y)/var(x) of the valid pixels in the N×N window around each pixel of a width×height
 * raster (row-major). NaN where the centre pixel's x or y is NaN, where the window has too few
 * valid pixels, or where var(x) is below the threshold.
 * @throws InvalidParameterError for mismatched lengths or a window side that is not odd ≥ 3.
 */
export function windowCovarianceRatio(
  x: Float32Array,
  y: Float32Array,
  width: number,
  height: number,
  options: WindowCovarianceOptions,
  out?: Float32Array,
): Float32Array {
  checkInputs(x, y, width, height, options);
  const radius = (options.windowPx - 1) / 2;
  const minFraction = options.minValidFraction ?? 0.5;
  const span = (centre: number, size: number): number =>
    Math.min(centre + radius, size - 1) - Math.max(centre - radius, 0) + 1;
  const minVariance = options.minVarianceK2 ?? 1e-4;
  const mask = options.validMask;
  const means: [number, number] = [globalMean(x, y, mask), globalMean(y, x, mask)];
  const result = out ?? new Float32Array(width * height);

  const columns = new Float64Array(width * SUMS);
  const rowSums = new Float64Array(width * SUMS);
  const addRow = (row: number, sign: number): void => {
    rowWindowSums(x, y, mask, row, width, radius, means, rowSums);
    for (let k = 0; k < columns.length; k++) {
      columns[k] = (columns[k] as number) + sign * (rowSums[k] as number);
    }
  };

  for (let row = 0; row < Math.min(radius, height); row++) addRow(row, 1);
  for (let row = 0; row < height; row++) {
    if (row + radius < height) addRow(row + radius, 1);
    if (row - radius - 1 >= 0) addRow(row - radius - 1, -1);
    const rowSpan = span(row, height);
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      const minCount = minFraction * rowSpan * span(col, width);
      const k = col * SUMS;
      const count = columns[k] as number;
      const sx = columns[k + 1] as number;
      const sy = columns[k + 2] as number;
      const centreMissing = Number.isNaN(x[i]) || Number.isNaN(y[i]);
      const varianceSum = (columns[k + 4] as number) - (sx * sx) / count;
      const covarianceSum = (columns[k + 3] as number) - (sx * sy) / count;
      const usable = !centreMissing && count >= minCount && varianceSum > minVariance * count;
      result[i] = usable ? covarianceSum / varianceSum : Number.NaN;
    }
  }
  return result;
}
