/**
 * The client of the zonal-statistics routes: GeoJSON polygons posted to a scene (every band)
 * or a product, answered as JSON per zone or as CSV (one row per zone × band).
 */
import { jsonPost, request, requestJson } from './api-request.js';

/** What zonal statistics are computed over: a scene's bands or one product. */
export interface ZoneTarget {
  kind: 'scene' | 'product';
  id: string;
}

/** Statistics of one band in one zone; numbers are null when the zone has no valid pixel. */
export interface ZoneBandStatistics {
  count: number;
  noDataCount: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  median: number | null;
  unit: string | null;
}

/** One zone of a zonal-statistics answer. */
export interface ZoneStatistics {
  /** Position of the feature in the posted GeoJSON, from 0. */
  index: number;
  /** The feature's `name` property, null when it has none. */
  name: string | null;
  id: string | number | null;
  /** Pixels whose centre is in the zone and on the raster. */
  pixelCount: number;
  /** Of those, the pixels valid in every band. */
  validCount: number;
  /** By band name (`B4`, or the product kind `lst`). */
  bands: Record<string, ZoneBandStatistics>;
}

const zonalPath = (target: ZoneTarget, format: 'json' | 'csv'): string => {
  const base = target.kind === 'scene' ? 'scenes' : 'products';
  const query = format === 'csv' ? '?format=csv' : '';
  return `${base}/${encodeURIComponent(target.id)}/zonal-statistics${query}`;
};

/** Per-zone statistics of `geojson` (a FeatureCollection, Feature or geometry in WGS 84). */
export async function getZonalStatistics(
  target: ZoneTarget,
  geojson: unknown,
): Promise<ZoneStatistics[]> {
  const body = await requestJson<{ zones: ZoneStatistics[] }>(
    zonalPath(target, 'json'),
    jsonPost({ geojson }),
  );
  return body.zones;
}

/** The same statistics as CSV text in a Blob (`text/csv`), for a download link. */
export async function getZonalCsv(target: ZoneTarget, geojson: unknown): Promise<Blob> {
  const response = await request(zonalPath(target, 'csv'), jsonPost({ geojson }));
  return response.blob();
}
