/**
 * Posted GeoJSON (RFC 7946) → zones. Accepts a Polygon, a MultiPolygon, a Feature of either, or
 * a FeatureCollection whose every feature is one zone. Hostile input is refused with one
 * InvalidParameterError naming the first problem: other geometry types, empty geometries,
 * non-finite coordinates, out-of-range longitudes/latitudes (geographic CRS), rings with fewer
 * than 3 distinct positions, more than {@link MAX_ZONES} zones or {@link MAX_VERTICES} positions,
 * rings crossing themselves more than MAX_SELF_INTERSECTIONS times (simple-rings.ts). Every ring
 * is normalised once here: consecutive repeated positions dropped, an unclosed ring closed (its
 * first position repeated at the end, as most GIS readers do), so area, rasterisation and
 * lobe splitting all see clean rings. Cheap checks (vertices, self-intersections) all run before
 * the first ring is split into lobes.
 */
import { z } from 'zod';
import { InvalidParameterError, LimitExceededError } from '../../errors.js';
import { checkSelfIntersections, toZonePolygon } from './simple-rings.js';
import type { Position, Ring, Zone } from './zone-types.js';

/** Most zones (features) in one request. */
export const MAX_ZONES = 1000;

/** Most positions in all rings of all zones of one request. */
export const MAX_VERTICES = 100_000;

const positionSchema = z.array(z.number()).min(2).max(3);
const ringSchema = z.array(positionSchema).max(MAX_VERTICES);
const polygonCoordinatesSchema = z.array(ringSchema).min(1, 'a Polygon needs at least one ring');
const multiPolygonCoordinatesSchema = z
  .array(polygonCoordinatesSchema)
  .min(1, 'a MultiPolygon needs at least one polygon');

const geometrySchema = z.object({ type: z.string(), coordinates: z.unknown() });
const featureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: geometrySchema.nullable(),
});
const collectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()).max(MAX_ZONES, `at most ${MAX_ZONES} zones per request`),
});

/** Options of {@link parseZones}. */
export interface ParseZonesOptions {
  /** When true (EPSG:4326 and other lon/lat CRSs), x must be in −180..180 and y in −90..90. */
  geographic: boolean;
}

/** Parses with zod; a failure becomes one InvalidParameterError naming the first issue. */
function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [first] = result.error.issues;
  const path = [where, ...(first?.path ?? []).map(String)].join('.');
  const more = result.error.issues.length - 1;
  throw new InvalidParameterError(
    `${path}: ${first?.message ?? 'invalid'}${more > 0 ? ` (and ${more} more problems)` : ''}`,
    { path },
  );
}

/**
 * A normalised copy of a ring: positions checked (finite and, if geographic, in range),
 * consecutive repeats of a position dropped (common in digitised GeoJSON), closed when unclosed.
 * @throws InvalidParameterError when fewer than 3 distinct positions remain.
 */
function normalisedRing(raw: number[][], where: string, options: ParseZonesOptions): Ring {
  const ring: Position[] = [];
  raw.forEach((p, i) => {
    const position = checkedPosition(p, `${where}.${i}`, options);
    const previous = ring[ring.length - 1];
    const repeated =
      previous !== undefined && previous[0] === position[0] && previous[1] === position[1];
    if (!repeated) ring.push(position);
  });
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
    ring.push(first);
  }
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
  if (distinct < 3) {
    throw new InvalidParameterError(
      `${where}: ring has ${distinct} distinct positions; a ring needs at least 3`,
      { path: where },
    );
  }
  return ring;
}

function checkedPosition(raw: number[], where: string, options: ParseZonesOptions): Position {
  const x = raw[0] ?? Number.NaN;
  const y = raw[1] ?? Number.NaN;
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new InvalidParameterError(`${where}: position [${x}, ${y}] is not finite`, {
      path: where,
    });
  }
  if (options.geographic && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
    throw new InvalidParameterError(
      `${where}: position [${x}, ${y}] is outside longitude −180..180, latitude −90..90`,
      { path: where },
    );
  }
  return [x, y];
}

/** Rings of every polygon of a geometry (outer first), closed and checked. */
function geometryRings(geometry: unknown, where: string, options: ParseZonesOptions): Ring[][] {
  const { type, coordinates } = parseWith(geometrySchema, geometry, where);
  let polygons: number[][][][];
  if (type === 'Polygon') {
    polygons = [parseWith(polygonCoordinatesSchema, coordinates, `${where}.coordinates`)];
  } else if (type === 'MultiPolygon') {
    polygons = parseWith(multiPolygonCoordinatesSchema, coordinates, `${where}.coordinates`);
  } else {
    throw new InvalidParameterError(
      `${where}: geometry type '${type}' is not a zone; use Polygon or MultiPolygon`,
      { path: where, type },
    );
  }
  const prefix = type === 'Polygon' ? `${where}.coordinates` : null;
  return polygons.map((rings, p) =>
    rings.map((ring, r) =>
      normalisedRing(ring, `${prefix ?? `${where}.coordinates.${p}`}.${r}`, options),
    ),
  );
}

/** name / id of a feature: `properties.name`, else the feature's `id`, else `properties.id`. */
function featureLabels(feature: z.infer<typeof featureSchema>): Pick<Zone, 'name' | 'id'> {
  const properties = feature.properties ?? {};
  const rawId = feature.id ?? properties.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
  const rawName = properties.name;
  const name = typeof rawName === 'string' || typeof rawName === 'number' ? String(rawName) : null;
  return { name: name ?? (id === null ? null : String(id)), id };
}

function countVertices(zones: readonly Zone[]): number {
  return zones.reduce(
    (sum, zone) => sum + zone.rings.reduce((s, rings) => s + rings.flat().length, 0),
    0,
  );
}

/** A zone as named in messages: its index, and its name when it has one (`2 ('field')`). */
export function zoneLabel(zone: Pick<Zone, 'index' | 'name'>): string {
  return zone.name === null ? String(zone.index) : `${zone.index} ('${zone.name}')`;
}

/** Refuses any ring of any zone crossing itself too often (before any ring is split). */
function checkAllSelfIntersections(zones: readonly Zone[]): void {
  for (const zone of zones) {
    zone.rings.forEach((rings, p) =>
      rings.forEach((ring, r) =>
        checkSelfIntersections(ring, `zone ${zoneLabel(zone)}, polygon ${p}, ring ${r}`),
      ),
    );
  }
}

/** A feature (or bare geometry) as one zone, its polygons not yet split into lobes. */
function zoneOf(value: unknown, index: number, where: string, options: ParseZonesOptions): Zone {
  const type = (value as { type?: unknown } | null)?.type;
  if (type !== 'Feature') {
    const rings = geometryRings(value, where, options);
    return { index, name: null, id: null, rings, polygons: [] };
  }

  const feature = parseWith(featureSchema, value, where);
  if (feature.geometry === null) {
    throw new InvalidParameterError(`${where}.geometry: a zone feature needs a geometry`, {
      path: where,
    });
  }
  const rings = geometryRings(feature.geometry, `${where}.geometry`, options);
  return { index, ...featureLabels(feature), rings, polygons: [] };
}

/**
 * The zones of a posted GeoJSON object, in the order given.
 * @throws InvalidParameterError naming the first invalid member (path such as
 *   `geojson.features.2.geometry.coordinates.0`) and what is wrong with it.
 *   Also for a ring crossing itself more than MAX_SELF_INTERSECTIONS times, or one turf cannot
 *   split into simple lobes (both name the zone, polygon and ring).
 * @throws LimitExceededError past {@link MAX_ZONES} zones or {@link MAX_VERTICES} positions, or
 *   for a ring too complex for the self-intersection sweep.
 */
export function parseZones(geojson: unknown, options: ParseZonesOptions): Zone[] {
  const type = (geojson as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') {
    throw new InvalidParameterError('geojson: expected a GeoJSON object with a "type"', {});
  }

  let zones: Zone[];
  if (type === 'FeatureCollection') {
    const { features } = parseWith(collectionSchema, geojson, 'geojson');
    if (features.length === 0) {
      throw new InvalidParameterError('geojson.features: the FeatureCollection has no zone', {});
    }
    zones = features.map((f, i) => zoneOf(f, i, `geojson.features.${i}`, options));
  } else {
    zones = [zoneOf(geojson, 0, 'geojson', options)];
  }

  const vertices = countVertices(zones);
  if (vertices > MAX_VERTICES) {
    throw new LimitExceededError(
      `the zones have ${vertices} positions in all; the limit is ${MAX_VERTICES}`,
      { vertices, limit: MAX_VERTICES },
    );
  }
  checkAllSelfIntersections(zones);
  return zones.map((zone) => ({
    ...zone,
    polygons: zone.rings.map((rings, p) =>
      toZonePolygon(rings, `zone ${zoneLabel(zone)}, polygon ${p}`),
    ),
  }));
}
