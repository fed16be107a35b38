/**
 * GDAL GeoTransform algebra: applying a transform to a point and inverting it (pixel ↔ CRS).
 * GDAL data model: X = t0 + col·t1 + row·t2, Y = t3 + col·t4 + row·t5, pixel (0, 0) being the
 * top-left corner of the top-left pixel.
 */
import { InvalidParameterError } from '../errors.js';
import type { GeoTransform } from './types.js';

/**
 * Inverse of a GDAL GeoTransform: the returned transform maps CRS (X, Y) to continuous pixel
 * (col, row) coordinates with the same layout, col = i0 + X·i1 + Y·i2, row = i3 + X·i4 + Y·i5.
 * Pixel (0, 0) is the top-left corner of the top-left pixel; its centre is (0.5, 0.5).
 * @throws InvalidParameterError for a singular transform (zero pixel size).
 */
export function invertGeoTransform(geoTransform: GeoTransform): GeoTransform {
  const [t0, t1, t2, t3, t4, t5] = geoTransform;
  const det = t1 * t5 - t2 * t4;
  if (!Number.isFinite(det) || det === 0) {
    throw new InvalidParameterError(
      `geoTransform [${geoTransform.join(', ')}] is not invertible (zero pixel size?)`,
      { geoTransform },
    );
  }
  const i1 = t5 / det;
  const i2 = -t2 / det;
  const i4 = -t4 / det;
  const i5 = t1 / det;
  return [-(i1 * t0 + i2 * t3), i1, i2, -(i4 * t0 + i5 * t3), i4, i5];
}

/** Applies a GeoTransform (or an inverted one) to a point. */
export function applyGeoTransform(transform: GeoTransform, a: number, b: number): [number, number] {
  const [t0, t1, t2, t3, t4, t5] = transform;
  return [t0 + a * t1 + b * t2, t3 + a * t4 + b * t5];
}
