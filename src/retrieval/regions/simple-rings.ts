/**
 * Self-intersecting rings split into simple lobes, so a bow-tie counts both its lobes (turf's
 * signed-area rule would make them cancel: Turfjs/turf #2383). Each ring is split on its own
 * (splitting a whole polygon would turn its holes into filled parts) by ring-touches.ts, which
 * replaces @turf/unkink-polygon (it hangs the process on some touching rings). Self-intersections
 * are found and counted by self-intersection.ts (not @turf/kinks, which is quadratic).
 *
 * A zone is the union of its lobes. The loops of one ring are simple and never cross one
 * another, but they nest (a pentagram gives its five tips and, among them, its pentagon; a ring
 * winding twice gives a loop inside a loop), so a lobe lying inside another lobe of the same ring
 * adds nothing to the union: it is dropped, and the lobes left are disjoint, so their areas add
 * up to the area of the union.
 */
import { InvalidParameterError } from '../../errors.js';
import { inSpans, ringSpans } from './inside-rule.js';
import { ringRunsAlongItself, simpleLoops, withoutSpikes } from './ring-touches.js';
import { countSelfIntersections } from './self-intersection.js';
import type { Ring, ZonePolygon } from './zone-types.js';

/**
 * Most self-intersections (intersecting pairs of non-adjacent segments) of one ring: enough for
 * the slips of real digitising, far below what made unkinking slow (a 1,001-vertex star has
 * 499 499 and took 20 s in @turf/unkink-polygon).
 */
export const MAX_SELF_INTERSECTIONS = 64;

/**
 * Refuses a ring crossing itself more than {@link MAX_SELF_INTERSECTIONS} times, before any
 * splitting. `where` names the ring, e.g. `zone 0 ('field'), polygon 0, ring 0`.
 * @throws InvalidParameterError naming the ring and its count.
 * @throws LimitExceededError from countSelfIntersections for a pathological ring.
 */
export function checkSelfIntersections(ring: Ring, where: string): void {
  const count = countSelfIntersections(ring);
  if (count <= MAX_SELF_INTERSECTIONS) return;
  throw new InvalidParameterError(
    `${where} crosses itself ${count} times; the limit is ${MAX_SELF_INTERSECTIONS} ` +
      'self-intersections per ring (simplify or split it)',
    { count, limit: MAX_SELF_INTERSECTIONS },
  );
}

/** Edge midpoints voted on by {@link nestedIn}. */
const NESTING_VOTES = 15;

/**
 * Whether `lobe` lies inside `other`: most of up to 15 of its edge midpoints, spread along it,
 * are (loops of one ring never cross and share no edge, so each vote agrees up to rounding).
 */
function nestedIn(lobe: Ring, other: Ring): boolean {
  const edges = lobe.length - 1;
  const votes = Math.min(NESTING_VOTES, edges);
  let inside = 0;
  for (let v = 0; v < votes; v++) {
    const i = Math.floor((v * edges) / votes);
    const [a, b] = [lobe[i]!, lobe[i + 1]!];
    const y = (a[1] + b[1]) / 2;
    if (inSpans(ringSpans(other, y), (a[0] + b[0]) / 2)) inside++;
  }
  return 2 * inside > votes;
}

/** The lobes not nested inside another lobe (lobes of one ring: nested or disjoint). */
export function outermostLobes(lobes: readonly Ring[]): Ring[] {
  if (lobes.length < 2) return [...lobes];
  return lobes.filter((lobe, i) => !lobes.some((other, k) => k !== i && nestedIn(lobe, other)));
}

function noArea(where: string): InvalidParameterError {
  return new InvalidParameterError(`${where} encloses no area once split into simple lobes`, {});
}

/**
 * The simple lobes of one closed ring (the ring itself when it neither crosses nor touches
 * itself): spikes removed, its simple loops (ring-touches.ts), nested loops dropped. `where`
 * names the ring.
 * @throws InvalidParameterError when the ring crosses itself more than
 *   {@link MAX_SELF_INTERSECTIONS} times, when two of its edges overlap along a line, or when no
 *   loop encloses an area.
 */
export function simpleLobes(posted: Ring, where = 'a ring'): Ring[] {
  if (countSelfIntersections(posted, 1) === 0) return [posted];
  const ring = withoutSpikes(posted);
  if (new Set(ring.map((p) => `${p[0]},${p[1]}`)).size < 3) throw noArea(where);
  if (countSelfIntersections(ring, 1) === 0) return [ring];
  checkSelfIntersections(ring, where);
  if (ringRunsAlongItself(ring)) {
    throw new InvalidParameterError(
      `${where} runs along itself (two of its edges overlap on a line); remove the overlap`,
      {},
    );
  }
  const lobes = outermostLobes(simpleLoops(ring));
  if (lobes.length === 0) throw noArea(where);
  return lobes;
}

/**
 * A polygon given as rings (outer first, then holes) as shells and holes made of simple lobes.
 * `where` names the polygon, e.g. `zone 0, polygon 1`.
 */
export function toZonePolygon(rings: readonly Ring[], where = 'a polygon'): ZonePolygon {
  const [outer, ...holes] = rings;
  return {
    shells: outer === undefined ? [] : simpleLobes(outer, `${where}, ring 0`),
    holes: holes.flatMap((hole, i) => simpleLobes(hole, `${where}, ring ${i + 1}`)),
  };
}
