/**
 * Column access and error figures for row-major prediction matrices (rows × targets, as the
 * engine's `predictSplit` and `TabularSplit.targets` hold them), for notebooks comparing a
 * teacher and a student. Written in TypeScript 5.0 syntax, which tslab parses.
 */

/**
 * Column `column` of a row-major matrix `width` values wide, as a new array.
 * @throws RangeError when the length is not a multiple of `width` or the column is outside it.
 */
export function matrixColumn(values: Float32Array, width: number, column: number): Float32Array {
  if (!(width >= 1) || values.length % width !== 0) {
    throw new RangeError(`matrix of ${values.length} values is not ${width} columns wide`);
  }
  if (!Number.isInteger(column) || column < 0 || column >= width) {
    throw new RangeError(`column ${column} is outside a ${width}-column matrix`);
  }
  const rows = values.length / width;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = values[r * width + column] as number;
  return out;
}

/** Element-wise `estimate − truth`, as a new array (NaN where either is not finite). */
export function differences(estimate: ArrayLike<number>, truth: ArrayLike<number>): Float32Array {
  if (estimate.length !== truth.length) {
    throw new RangeError(`estimate has ${estimate.length} rows, truth ${truth.length}`);
  }
  const out = new Float32Array(truth.length);
  for (let i = 0; i < truth.length; i++) {
    const difference = (estimate[i] as number) - (truth[i] as number);
    out[i] = Number.isFinite(difference) ? difference : Number.NaN;
  }
  return out;
}

/** Mean of |estimate − truth| over the rows where both are finite; NaN when there are none. */
export function meanAbsoluteError(estimate: ArrayLike<number>, truth: ArrayLike<number>): number {
  const errors = differences(estimate, truth);
  let count = 0;
  let sum = 0;
  for (const error of errors) {
    if (Number.isNaN(error)) continue;
    count += 1;
    sum += Math.abs(error);
  }
  return count === 0 ? Number.NaN : sum / count;
}
