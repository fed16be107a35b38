/**
 * Self-intersecting rings split into simple lobes, so a bow-tie counts both its lobes (turf's
 * signed-area rule would make them cancel: Turfjs/turf #2383). Each ring is unkinked on its own
 * with @turf/unkink-polygon (simplepolygon, Claeys 2016): unkinking a whole polygon would turn
 * its holes into filled parts. Self-intersections are found and counted by self-intersection.ts
 * (not @turf/kinks, which is quadratic).
 *
 * A zone is the union of its lobes. simplepolygon's output rings are simple and never cross one
 * another, but they nest (a pentagram gives its outline and, inside it, its pentagon), so a lobe
 * lying inside another lobe of the same ring adds nothing to the union: it is dropped, and the
 * lobes left are disjoint, so their areas add up to the area of the union.
 */
import { unkinkPolygon } from '@turf/unkink-polygon';
import { InvalidParameterError } from '../../errors.js';
import { inSpans, ringSpans } from './inside-rule.js';
import { countSelfIntersections } from './self-intersection.js';
import type { Position, Ring, ZonePolygon } from './zone-types.js';

/**
 * Most self-intersections (intersecting pairs of non-adjacent segments) of one ring: enough for
 * the slips of real digitising, far below what makes unkinking slow (a 1,001-vertex star has
 * about 500 000 and took 20 s to unkink).
 */
export const MAX_SELF_INTERSECTIONS = 64;

/**
 * Refuses a ring crossing itself more than {@link MAX_SELF_INTERSECTIONS} times, before any
 * unkinking. `where` names the ring, e.g. `zone 0 ('field'), polygon 0, ring 0`.
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

/** The ring cut into closed loops at every position it visits twice; loops of < 3 dropped. */
export function splitAtRepeatedPositions(ring: Ring): Ring[] {
  const loops: Ring[] = [];
  const stack: Position[] = [];
  const depth = new Map<string, number>();
  const keep = (loop: Position[]): void => {
    if (loop.length >= 3) loops.push([...loop, loop[0]!]);
  };
  for (const position of ring.slice(0, -1)) {
    const key = `${position[0]},${position[1]}`;
    const at = depth.get(key);
    if (at === undefined) {
      depth.set(key, stack.length);
      stack.push(position);
      continue;
    }
    const loop = stack.splice(at);
    for (const p of loop.slice(1)) depth.delete(`${p[0]},${p[1]}`);
    stack.push(position);
    keep(loop);
  }
  keep(stack);
  return loops;
}

function unkinked(ring: Ring, where: string): Ring[] {
  const polygon = { type: 'Polygon' as const, coordinates: [ring.map((p) => [p[0], p[1]])] };
  let features;
  try {
    features = unkinkPolygon(polygon).features;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidParameterError(`${where} cannot be split into simple lobes: ${reason}`, {
      reason,
    });
  }
  const lobes: Ring[] = [];
  for (const feature of features) {
    const outer = feature.geometry.coordinates[0];
    if (outer === undefined || outer.length < 4) continue;
    lobes.push(outer.map((p): Position => [p[0] ?? Number.NaN, p[1] ?? Number.NaN]));
  }
  return lobes;
}

/**
 * Whether `lobe` lies inside `other`: the midpoint of its first edge is (simplepolygon's lobes
 * never cross and share no edge piece, so that midpoint is off `other`'s boundary).
 */
function nestedIn(lobe: Ring, other: Ring): boolean {
  const [a, b] = lobe;
  if (a === undefined || b === undefined) return false;
  const x = (a[0] + b[0]) / 2;
  const y = (a[1] + b[1]) / 2;
  return inSpans(ringSpans(other, y), x);
}

/** The lobes not nested inside another lobe (lobes of one unkinking: nested or disjoint). */
export function outermostLobes(lobes: readonly Ring[]): Ring[] {
  if (lobes.length < 2) return [...lobes];
  return lobes.filter((lobe, i) => !lobes.some((other, k) => k !== i && nestedIn(lobe, other)));
}

/**
 * The simple lobes of one closed ring (the ring itself when it does not cross itself): cut at
 * repeated positions, each loop unkinked, nested lobes dropped. `where` names the ring.
 * @throws InvalidParameterError when turf cannot unkink a loop.
 */
export function simpleLobes(ring: Ring, where = 'a ring'): Ring[] {
  if (countSelfIntersections(ring, 1) === 0) return [ring];
  return splitAtRepeatedPositions(ring).flatMap((loop) =>
    countSelfIntersections(loop, 1) === 0 ? [loop] : outermostLobes(unkinked(loop, where)),
  );
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
