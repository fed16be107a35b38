/**
 * Self-intersecting rings split into simple lobes, so a bow-tie counts both its lobes (turf's
 * signed-area rule would make them cancel: Turfjs/turf #2383). Each ring is unkinked on its own
 * with @turf/unkink-polygon (simplepolygon, Claeys 2016): unkinking a whole polygon would turn
 * its holes into filled parts. Self-intersections are found by self-intersection.ts (not
 * @turf/kinks, which is quadratic).
 */
import { unkinkPolygon } from '@turf/unkink-polygon';
import { ringSelfIntersects } from './self-intersection.js';
import type { Position, Ring, ZonePolygon } from './zone-types.js';

/** The simple lobes of one closed ring (the ring itself when it does not cross itself). */
export function simpleLobes(ring: Ring): Ring[] {
  if (!ringSelfIntersects(ring)) return [ring];
  const polygon = { type: 'Polygon' as const, coordinates: [ring.map((p) => [p[0], p[1]])] };

  const lobes: Ring[] = [];
  for (const feature of unkinkPolygon(polygon).features) {
    const outer = feature.geometry.coordinates[0];
    if (outer === undefined || outer.length < 4) continue;
    lobes.push(outer.map((p): Position => [p[0] ?? Number.NaN, p[1] ?? Number.NaN]));
  }
  return lobes;
}

/** A polygon given as rings (outer first, then holes) as shells and holes made of simple lobes. */
export function toZonePolygon(rings: readonly Ring[]): ZonePolygon {
  const [outer, ...holes] = rings;
  return {
    shells: outer === undefined ? [] : simpleLobes(outer),
    holes: holes.flatMap(simpleLobes),
  };
}
