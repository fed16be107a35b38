/**
 * Geometry shared by the tile renderer and the point query: the inverse of a raster's
 * GeoTransform (CRS → pixel), lon/lat → pixel, and a raster's footprint in EPSG:3857.
 */
import { InvalidParameterError } from '../errors.js';
import { boundsToWgs84, getTransformer, WGS84_PROJ4 } from './crs.js';
import type { Transformer } from './crs.js';
import type { Bounds, GeoTransform, RasterInfo } from './types.js';
import { lonLatToMercator } from './web-mercator.js';

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

/** The cached transformer from WGS 84 lon/lat to a raster's CRS. */
export function lonLatToRasterCrs(info: RasterInfo): Transformer {
  return getTransformer(WGS84_PROJ4, info.crs.proj4);
}

/**
 * Continuous pixel coordinates [col, row] of a WGS 84 lon/lat in a raster, or null when the
 * point has no image in the raster's CRS. The result may lie outside the raster.
 */
export function lonLatToPixel(
  info: RasterInfo,
  lonDeg: number,
  latDeg: number,
): [number, number] | null {
  const projected = lonLatToRasterCrs(info).tryForward([lonDeg, latDeg]);
  if (projected === null) return null;
  return applyGeoTransform(invertGeoTransform(info.geoTransform), projected[0], projected[1]);
}

const mercatorBoundsCache = new WeakMap<RasterInfo, Bounds | null>();

/**
 * A raster's bounds [west, south, east, north] in EPSG:3857 metres (from its densified edges
 * in WGS 84, latitudes clamped to ±85.05°), cached per RasterInfo; null when an edge cannot be
 * transformed, in which case callers must not skip the raster.
 */
export function rasterBoundsMercator(info: RasterInfo): Bounds | null {
  if (mercatorBoundsCache.has(info)) return mercatorBoundsCache.get(info) ?? null;
  let bounds: Bounds | null = null;
  try {
    const [west, south, east, north] = boundsToWgs84(
      info.geoTransform,
      info.width,
      info.height,
      info.crs,
    );
    const [xWest, ySouth] = lonLatToMercator(west, south);
    const [xEast, yNorth] = lonLatToMercator(east, north);
    bounds = [xWest, ySouth, xEast, yNorth];
  } catch (error) {
    if (!(error instanceof InvalidParameterError)) throw error;
  }
  mercatorBoundsCache.set(info, bounds);
  return bounds;
}
