/**
 * Area of a zone in square metres, from its lon/lat lobes with @turf/area (spherical excess on
 * a sphere of radius 6 378 137 m; Chamberlain & Duquette 2007, JPL Publication 07-03).
 */
import { area } from '@turf/area';
import type { Ring, ZonePolygon } from './zone-types.js';

function ringAreaM2(ring: Ring): number {
  return area({ type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] });
}

/**
 * Σ shell lobe areas − Σ hole lobe areas over the zone's polygons (WGS 84 lon/lat degrees), so
 * a bow-tie's two lobes add up instead of cancelling. The lobes of one ring are disjoint (nested
 * lobes are dropped by simple-rings.ts), so a star counts the area of its outline once. Overlapping polygons of one MultiPolygon
 * are counted once per polygon (no polygon union is computed); the pixel rule unites them.
 */
export function zoneAreaM2(polygons: readonly ZonePolygon[]): number {
  let total = 0;
  for (const polygon of polygons) {
    for (const shell of polygon.shells) total += ringAreaM2(shell);
    for (const hole of polygon.holes) total -= ringAreaM2(hole);
  }
  return Math.max(0, total);
}
