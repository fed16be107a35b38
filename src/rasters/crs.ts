/**
 * Coordinate reference systems: GeoKeys or EPSG codes → offline proj4 definitions, cached
 * proj4 transformers, and raster bounds in WGS 84.
 *
 * GeoKeys follow GeoTIFF 1.1 (OGC 19-008r4): §7.4 GeoKeyDirectory, Requirements class
 * "ProjectedCRSGeoKey" (3072) and "GeodeticCRSGeoKey" (2048), where 32767 means user-defined.
 */
import proj4 from 'proj4';

import { InvalidParameterError, UnknownCrsError } from '../errors.js';
import { makeProj4Offline } from './datum-approximations.js';
import { lookupEpsg } from './epsg-registry.js';
import { applyGeoTransform, invertGeoTransform } from './geo-transform.js';
import { geoKeysFromEsriCitation } from './esri-citation.js';
import { describeGeoKeys, normaliseGeoKeys, userDefinedCrs, USER_DEFINED } from './geokeys.js';
import type { Bounds, CrsInfo, GeoTransform } from './types.js';

/** proj4 definition of WGS 84 longitude/latitude (EPSG:4326), degrees. */
export const WGS84_PROJ4 = '+proj=longlat +datum=WGS84 +no_defs';

const SUPPORTED_KINDS = new Set(['CRS-PROJCRS', 'CRS-GEOGCRS', 'CRS-GEOG3DCRS', 'CRS-COMPOUNDCRS']);

/**
 * Resolves an EPSG code through the `epsg-index` registry. Grid-based datums are replaced by a
 * documented Helmert approximation (see datum-approximations.ts), recorded in `approximation`.
 * @throws UnknownCrsError for an unregistered code, a non-horizontal CRS, or a datum that
 *   needs a grid file with no known approximation (the message names the grid).
 */
export function crsFromEpsg(code: number): CrsInfo {
  const entry = Number.isInteger(code) ? lookupEpsg(code) : undefined;
  if (entry === undefined) {
    throw new UnknownCrsError(`EPSG:${code} is not in the EPSG registry (epsg-index)`, {
      epsg: code,
    });
  }
  if (!SUPPORTED_KINDS.has(entry.kind) || entry.proj4.trim() === '') {
    throw new UnknownCrsError(
      `EPSG:${code} (${entry.name}, ${entry.kind}) has no usable horizontal proj4 definition`,
      { epsg: code, kind: entry.kind },
    );
  }

  const offline = makeProj4Offline(entry.proj4);
  if ('missingGrid' in offline) {
    throw new UnknownCrsError(
      `EPSG:${code} (${entry.name}) needs the datum grid file ${offline.missingGrid}, which is ` +
        'not available offline and has no known approximation',
      { epsg: code, grid: offline.missingGrid },
    );
  }
  return {
    epsg: code,
    proj4: offline.proj4,
    name: entry.name,
    approximation: offline.approximation,
  };
}

/** Adds the projection keys an ESRI PE string citation implies, when the file has none. */
function withEsriProjection(keys: Record<string, unknown>): Record<string, unknown> {
  if (keys.ProjCoordTransGeoKey !== undefined || keys.ProjectionGeoKey !== undefined) return keys;
  const esri = geoKeysFromEsriCitation(keys.PCSCitationGeoKey);
  return esri === null ? keys : { ...keys, ...esri };
}

/**
 * Resolves the GeoKeys of a GeoTIFF (as parsed by geotiff.js, keyed by name such as
 * `ProjectedCSTypeGeoKey`, or by numeric id such as `"3072"`) to a CRS. EPSG codes go through
 * {@link crsFromEpsg}; user-defined projections (32767) are built from the projection keys for
 * Transverse Mercator, Mercator, Lambert Conformal Conic (1SP/2SP), Albers, Lambert Azimuthal
 * Equal Area, (polar/oblique) Stereographic, Equirectangular and Sinusoidal, including ESRI
 * files that carry the projection only as a "ESRI PE String" citation.
 * @throws UnknownCrsError naming the keys found when no supported CRS can be built.
 */
export function crsFromGeoKeys(geoKeys: Record<string, unknown>): CrsInfo {
  const keys = withEsriProjection(normaliseGeoKeys(geoKeys));
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  const model = keys.GTModelTypeGeoKey;

  try {
    if (typeof projected === 'number' && projected !== USER_DEFINED) return crsFromEpsg(projected);
    const isProjected =
      model === 1 || projected === USER_DEFINED || keys.ProjCoordTransGeoKey !== undefined;
    if (isProjected) return userDefinedCrs(keys, 'projected');
    if (typeof geographic === 'number' && geographic !== USER_DEFINED) {
      return crsFromEpsg(geographic);
    }
    if (model === 2) return userDefinedCrs(keys, 'geographic');
  } catch (error) {
    if (error instanceof UnknownCrsError) {
      throw new UnknownCrsError(`${error.message} (GeoKeys found: ${describeGeoKeys(keys)})`, {
        ...error.details,
        geoKeys: keys,
      });
    }
    throw error;
  }
  throw new UnknownCrsError(
    `GeoKeys do not define a supported CRS (found: ${describeGeoKeys(keys)})`,
    { geoKeys: keys },
  );
}

/** A coordinate transformer between two CRSs, on [x, y] pairs in each CRS's units. */
export interface Transformer {
  /** from → to. @throws InvalidParameterError when the result is not finite. */
  forward(point: readonly [number, number]): [number, number];
  /** to → from. @throws InvalidParameterError when the result is not finite. */
  inverse(point: readonly [number, number]): [number, number];
  /** from → to, or null when the point has no finite image (outside the projection domain). */
  tryForward(point: readonly [number, number]): [number, number] | null;
  /** to → from, or null when the point has no finite image. */
  tryInverse(point: readonly [number, number]): [number, number] | null;
}

const transformerCache = new Map<string, Transformer>();

function finiteOrNull(result: number[]): [number, number] | null {
  const [x, y] = result;
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  return [x, y];
}

function requireFinite(
  result: [number, number] | null,
  point: readonly [number, number],
  from: string,
  to: string,
): [number, number] {
  if (result !== null) return result;
  throw new InvalidParameterError(
    `cannot transform [${point[0]}, ${point[1]}] from "${from}" to "${to}": the result is not ` +
      'finite (point outside the projection domain?)',
    { point, from, to },
  );
}

/**
 * A transformer between two proj4 definitions, cached by the pair for the process.
 * @throws UnknownCrsError when proj4 cannot parse either definition.
 */
export function getTransformer(fromProj4: string, toProj4: string): Transformer {
  const cacheKey = `${fromProj4}\u0000${toProj4}`;
  const cached = transformerCache.get(cacheKey);
  if (cached !== undefined) return cached;

  let converter: proj4.Converter;
  try {
    converter = proj4(fromProj4, toProj4);
  } catch (error) {
    throw new UnknownCrsError(
      `proj4 cannot build a transformation from "${fromProj4}" to "${toProj4}": ${String(error)}`,
      { from: fromProj4, to: toProj4 },
    );
  }

  const tryForward = (p: readonly [number, number]): [number, number] | null =>
    finiteOrNull(converter.forward([p[0], p[1]]));
  const tryInverse = (p: readonly [number, number]): [number, number] | null =>
    finiteOrNull(converter.inverse([p[0], p[1]]));
  const transformer: Transformer = {
    tryForward,
    tryInverse,
    forward: (p) => requireFinite(tryForward(p), p, fromProj4, toProj4),
    inverse: (p) => requireFinite(tryInverse(p), p, toProj4, fromProj4),
  };
  transformerCache.set(cacheKey, transformer);
  return transformer;
}

/** Points per edge used by {@link boundsToWgs84}. */
export const EDGE_DENSIFY_POINTS = 21;

/** The geographic poles, [longitude, latitude] in degrees. */
const POLES: readonly (readonly [number, number])[] = [
  [0, 90],
  [0, -90],
];

/**
 * Bounds [west, south, east, north] in WGS 84 degrees of a raster, from its pixel-corner edges
 * densified to 21 points each (so curved edges of projected grids are enclosed). A grid that
 * contains a pole (e.g. a polar stereographic sea-ice grid) has no edge reaching it, so each
 * pole is also projected into the raster: when it falls inside (edges included), the bounds
 * extend to that pole and span −180..180 in longitude, as every meridian meets it there
 * (not done for longitude/latitude CRSs, where a pole is an edge row and is densified).
 * Limitation: a raster crossing the antimeridian without containing a pole gets west ≈ −180
 * and east ≈ 180 (the whole longitude range, conservative), not west > east.
 * @throws InvalidParameterError when an edge point cannot be transformed.
 */
export function boundsToWgs84(
  geoTransform: GeoTransform,
  width: number,
  height: number,
  crs: CrsInfo,
): Bounds {
  const transformer = getTransformer(crs.proj4, WGS84_PROJ4);
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const steps = EDGE_DENSIFY_POINTS - 1;
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    const edgePoints: [number, number][] = [
      [f * width, 0],
      [f * width, height],
      [0, f * height],
      [width, f * height],
    ];
    for (const [col, row] of edgePoints) {
      const [lon, lat] = transformer.forward(applyGeoTransform(geoTransform, col, row));
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  // In a longitude/latitude CRS a pole is a whole edge row, already densified above.
  const geographic = /\+proj=(longlat|latlong|lonlat|latlon)\b/.test(crs.proj4);
  for (const pole of geographic ? [] : POLES) {
    if (!containsLonLat(geoTransform, width, height, transformer, pole)) continue;
    [west, east] = [-180, 180];
    south = Math.min(south, pole[1]);
    north = Math.max(north, pole[1]);
  }
  return [west, south, east, north];
}

/** Whether a lon/lat projects inside the raster's pixel rectangle (edges included). */
function containsLonLat(
  geoTransform: GeoTransform,
  width: number,
  height: number,
  rasterToWgs84: Transformer,
  lonLat: readonly [number, number],
): boolean {
  const projected = rasterToWgs84.tryInverse(lonLat);
  if (projected === null) return false;
  const [col, row] = applyGeoTransform(invertGeoTransform(geoTransform), ...projected);
  return col >= 0 && col <= width && row >= 0 && row <= height;
}
