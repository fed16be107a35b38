/**
 * Shapes of zones (regions of interest) after GeoJSON parsing: plain coordinate arrays, so the
 * rasteriser and the statistics never depend on GeoJSON typing.
 */

/** A position [x, y] in the units of its CRS (degrees for EPSG:4326: longitude, latitude). */
export type Position = readonly [number, number];

/** A closed ring: the last position repeats the first; at least 4 positions. */
export type Ring = readonly Position[];

/**
 * One polygon of a zone, after self-intersections are removed. `shells` are the simple lobes
 * of its outer ring (one for a simple ring, two for a bow-tie), united; `holes` are the simple
 * lobes of its interior rings, united and subtracted from the shells.
 */
export interface ZonePolygon {
  shells: Ring[];
  holes: Ring[];
}

/** One zone: a feature of the posted GeoJSON, whose polygons are united. */
export interface Zone {
  /** 0-based position of the zone in the request. */
  index: number;
  /** `properties.name` (or the feature's `id`, or `properties.id`) as a string; null if none. */
  name: string | null;
  /** The feature's `id` (or `properties.id`), as given; null if none. */
  id: string | number | null;
  /** Polygons as posted (each outer ring first, then its holes), in the zone CRS. */
  rings: Ring[][];
  /** The same polygons with self-intersecting rings split into simple lobes. */
  polygons: ZonePolygon[];
}
