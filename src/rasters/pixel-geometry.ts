/**
 * Geometry shared by the tile renderer and the point query: lon/lat → pixel, and a raster's
 * footprint in EPSG:3857 (GeoTransform algebra lives in geo-transform.ts).
 */
import { InvalidParameterError } from '../errors.js';
import { boundsToWgs84, getTransformer, WGS84_PROJ4 } from './crs.js';
import { applyGeoTransform, invertGeoTransform } from './geo-transform.js';
import type { Transformer } from './crs.js';
import type { Bounds, RasterInfo } from './types.js';
import { lonLatToMercator } from './web-mercator.js';

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
 * A raster's bounds [west, south, east, north] in EPSG:3857 metres (from its WGS 84 bounds,
 * which reach ±90° for grids containing a pole; latitudes clamped to ±85.05°, so finite), cached per RasterInfo; null when an edge cannot be
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
