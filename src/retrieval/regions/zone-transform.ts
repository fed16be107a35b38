/**
 * Zones carried from their CRS into a raster's pixel space (continuous [col, row], pixel (0, 0)
 * the top-left corner, centres at +0.5) and into WGS 84 lon/lat for their area. Edges are
 * densified before reprojection so the curved image of a straight edge stays honest. proj4 is
 * used directly (src/rasters/crs.ts pulls a Node-only registry loader).
 */
import proj4 from 'proj4';
import { InvalidParameterError, UnknownCrsError } from '../../errors.js';
import type { Position, Ring, ZonePolygon } from './zone-types.js';

/** Longest edge, in pixels, left between reprojected vertices. */
export const DENSIFY_STEP_PX = 4;

/** Most pieces one edge is cut into. */
export const MAX_EDGE_PIECES = 1024;

/** Pieces per edge when reprojecting to lon/lat for the area. */
export const AREA_EDGE_PIECES = 16;

/** Most positions of all reprojected rings of one zone. */
export const MAX_REPROJECTED_POSITIONS = 2_000_000;

/** proj4 definition of WGS 84 longitude/latitude, degrees. */
export const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';

/** Affine pixel → CRS transform in GDAL order (see src/rasters/types.ts GeoTransform). */
export type AffineTransform = readonly [number, number, number, number, number, number];

/** A raster grid: its CRS and its pixel → CRS transform. */
export interface RasterGrid {
  proj4: string;
  geoTransform: AffineTransform;
  width: number;
  height: number;
}

type Project = (p: Position) => Position | null;

function converter(fromProj4: string, toProj4: string): Project {
  if (fromProj4 === toProj4) return (p) => p;
  let convert: proj4.Converter;
  try {
    convert = proj4(fromProj4, toProj4);
  } catch (error) {
    throw new UnknownCrsError(`proj4 cannot transform "${fromProj4}" to "${toProj4}"`, {
      from: fromProj4,
      to: toProj4,
      reason: String(error),
    });
  }
  return (p) => {
    const [x, y] = convert.forward([p[0], p[1]]);
    return x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)
      ? [x, y]
      : null;
  };
}

function crsToPixel(geoTransform: AffineTransform): (p: Position) => Position {
  const [t0, t1, t2, t3, t4, t5] = geoTransform;
  const det = t1 * t5 - t2 * t4;
  if (!Number.isFinite(det) || det === 0) {
    throw new InvalidParameterError(`geoTransform [${geoTransform.join(', ')}] is singular`, {});
  }
  return ([x, y]) => {
    const dx = x - t0;
    const dy = y - t3;
    return [(t5 * dx - t2 * dy) / det, (t1 * dy - t4 * dx) / det];
  };
}

function projectOrThrow(project: Project, p: Position): Position {
  const result = project(p);
  if (result !== null) return result;
  throw new InvalidParameterError(
    `zone position [${p[0]}, ${p[1]}] has no image in the raster's CRS (outside its domain)`,
    { position: p },
  );
}

type PiecesOf = (a: Position, b: Position) => number;

/** A ring reprojected vertex by vertex, edge i cut into `pieces[i]` pieces. */
function reprojectRing(ring: Ring, project: Project, pieces: readonly number[]): Ring {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    const n = pieces[i]!;
    for (let s = 0; s < n; s++) {
      const f = s / n;
      out.push(projectOrThrow(project, [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]));
    }
  }
  out.push(out[0]!);
  return out;
}

/**
 * Pieces of every edge of every ring, checked against {@link MAX_REPROJECTED_POSITIONS} before
 * any position is densified (`what` names the zone in the message).
 */
function plannedPieces(rings: readonly Ring[], piecesOf: PiecesOf, what: string): number[][] {
  let total = 0;
  const plan = rings.map((ring) => {
    const pieces: number[] = [];
    for (let i = 0; i + 1 < ring.length; i++) pieces.push(piecesOf(ring[i]!, ring[i + 1]!));
    total += pieces.reduce((sum, n) => sum + n, 0) + 1;
    return pieces;
  });
  if (total > MAX_REPROJECTED_POSITIONS) {
    throw new InvalidParameterError(
      `${what} needs ${total} positions once densified, more than ${MAX_REPROJECTED_POSITIONS}; ` +
        'split it or simplify it',
      { positions: total, limit: MAX_REPROJECTED_POSITIONS },
    );
  }
  return plan;
}

function reprojectPolygons(
  polygons: readonly ZonePolygon[],
  project: Project,
  piecesOf: PiecesOf,
  what: string,
): ZonePolygon[] {
  const rings = polygons.flatMap((polygon) => [...polygon.shells, ...polygon.holes]);
  const plan = plannedPieces(rings, piecesOf, what);
  let next = 0;
  const ring = (r: Ring): Ring => reprojectRing(r, project, plan[next++]!);
  return polygons.map((polygon) => ({
    shells: polygon.shells.map(ring),
    holes: polygon.holes.map(ring),
  }));
}

/**
 * Zone polygons in the continuous pixel space of `grid`. Within one CRS the affine map keeps
 * edges straight, so none is cut; across CRSs each edge is cut into pieces of at most
 * {@link DENSIFY_STEP_PX} pixels (up to {@link MAX_EDGE_PIECES}) before projecting.
 * `what` names the zone in messages (e.g. `zone 2 ('field')`).
 * @throws InvalidParameterError when a position has no image in the raster's CRS, or when the
 *   densified rings would hold more than {@link MAX_REPROJECTED_POSITIONS} positions (checked
 *   before any position is densified).
 */
export function polygonsToPixels(
  polygons: readonly ZonePolygon[],
  zoneProj4: string,
  grid: RasterGrid,
  what = 'a zone',
): ZonePolygon[] {
  const toCrs = converter(zoneProj4, grid.proj4);
  const toPixel = crsToPixel(grid.geoTransform);
  const project: Project = (p) => {
    const projected = toCrs(p);
    return projected === null ? null : toPixel(projected);
  };
  if (zoneProj4 === grid.proj4) return reprojectPolygons(polygons, project, () => 1, what);

  const piecesOf = (a: Position, b: Position): number => {
    const pa = project(a);
    const pb = project(b);
    if (pa === null || pb === null) return MAX_EDGE_PIECES;
    const lengthPx = Math.hypot(pb[0] - pa[0], pb[1] - pa[1]);
    return Math.min(MAX_EDGE_PIECES, Math.max(1, Math.ceil(lengthPx / DENSIFY_STEP_PX)));
  };
  return reprojectPolygons(polygons, project, piecesOf, what);
}

/**
 * Zone polygons in WGS 84 lon/lat degrees (for their area), edges cut into 16 pieces.
 * @throws InvalidParameterError as {@link polygonsToPixels}.
 */
export function polygonsToLonLat(
  polygons: readonly ZonePolygon[],
  zoneProj4: string,
  what = 'a zone',
): ZonePolygon[] {
  if (zoneProj4 === WGS84_LONLAT) return [...polygons];
  const project = converter(zoneProj4, WGS84_LONLAT);
  return reprojectPolygons(polygons, project, () => AREA_EDGE_PIECES, what);
}
