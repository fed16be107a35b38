/**
 * Per-pixel inputs of the LST algorithms that take either an array (one value per pixel) or a
 * single value for the whole image (a constant water vapour, a scene-wide transmittance).
 */
import { InvalidParameterError } from '../errors.js';

/** A per-pixel array or one value for every pixel. */
export type PixelValues = Float32Array | number;

/** The value at pixel `i`: the array's element, or the single value. */
export function pixelValueAt(values: PixelValues, i: number): number {
  return typeof values === 'number' ? values : (values[i] as number);
}

/**
 * Checks that every per-pixel array among the named `inputs` has `length` pixels (single
 * values always fit).
 * @throws InvalidParameterError `<label> input <name> has <n> pixels, expected <length>`.
 */
export function checkPixelLengths(
  label: string,
  inputs: Iterable<readonly [name: string, values: PixelValues]>,
  length: number,
): void {
  for (const [name, values] of inputs) {
    if (typeof values !== 'number' && values.length !== length) {
      throw new InvalidParameterError(
        `${label} input ${name} has ${values.length} pixels, expected ${length}`,
        { name, length: values.length, expected: length },
      );
    }
  }
}
