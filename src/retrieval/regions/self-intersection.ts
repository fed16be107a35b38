/**
 * Whether a closed ring crosses or touches itself, by a sweep over the segments' x-extents (a
 * sort-and-sweep broad phase, then an exact orientation test on candidate pairs). @turf/kinks
 * tests every pair of segments, which is quadratic: 100 000 positions would take minutes.
 */
import { LimitExceededError } from '../../errors.js';
import type { Position, Ring } from './zone-types.js';

/** Most candidate segment pairs tested for one ring before the ring is refused as too complex. */
export const MAX_PAIR_TESTS = 20_000_000;

/** Sign of the turn a → b → c: positive counter-clockwise, 0 collinear. */
function orientation(a: Position, b: Position, c: Position): number {
  const value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** Whether c, collinear with a–b, lies within the segment's bounding box. */
function onSegment(a: Position, b: Position, c: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= c[0] &&
    c[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= c[1] &&
    c[1] <= Math.max(a[1], b[1])
  );
}

/** Whether segments p1–p2 and q1–q2 share a point (crossing or touching). */
export function segmentsIntersect(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(p1, p2, q1)) ||
    (o2 === 0 && onSegment(p1, p2, q2)) ||
    (o3 === 0 && onSegment(q1, q2, p1)) ||
    (o4 === 0 && onSegment(q1, q2, p2))
  );
}

/**
 * Calls `visit(i, k)` for every pair of non-adjacent segments i–(i+1), k–(k+1) of the closed ring
 * that share a point, until `visit` returns false.
 * @throws LimitExceededError when more than {@link MAX_PAIR_TESTS} candidate pairs overlap in
 *   x (a pathological ring), naming the ring's size.
 */
export function forEachSelfIntersection(
  ring: Ring,
  visit: (i: number, k: number) => boolean,
): void {
  const segments = ring.length - 1;
  const order = Array.from({ length: segments }, (_, i) => i);
  const minX = (i: number): number => Math.min(ring[i]![0], ring[i + 1]![0]);
  const maxX = (i: number): number => Math.max(ring[i]![0], ring[i + 1]![0]);
  order.sort((a, b) => minX(a) - minX(b));

  let tests = 0;
  for (let a = 0; a < order.length; a++) {
    const i = order[a]!;
    const right = maxX(i);
    for (let b = a + 1; b < order.length && minX(order[b]!) <= right; b++) {
      const k = order[b]!;
      const gap = Math.abs(i - k);
      if (gap === 1 || gap === segments - 1) continue;
      if (++tests > MAX_PAIR_TESTS) {
        throw new LimitExceededError(
          `a ring of ${ring.length} positions is too complex to check for self-intersections ` +
            `(more than ${MAX_PAIR_TESTS} overlapping segment pairs); simplify it`,
          { positions: ring.length, limit: MAX_PAIR_TESTS },
        );
      }
      if (!segmentsIntersect(ring[i]!, ring[i + 1]!, ring[k]!, ring[k + 1]!)) continue;
      if (!visit(Math.min(i, k), Math.max(i, k))) return;
    }
  }
}

/**
 * Pairs of non-adjacent segments of the closed ring that share a point, counting at most
 * `stopAfter` of them (the sweep stops there). A proper crossing counts 1; a crossing through a
 * vertex, or a vertex touching another edge, counts 2 (both segments at the vertex touch).
 * @throws LimitExceededError as {@link forEachSelfIntersection}.
 */
export function countSelfIntersections(ring: Ring, stopAfter = Infinity): number {
  let found = 0;
  forEachSelfIntersection(ring, () => ++found < stopAfter);
  return found;
}

/**
 * Whether segments p1–p2 and q1–q2 cross at one point interior to both (no end of either on the
 * other, not collinear): the only kind of self-intersection handed to turf.
 */
export function segmentsCrossProperly(
  p1: Position,
  p2: Position,
  q1: Position,
  q2: Position,
): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  return o1 * o2 === -1 && o3 * o4 === -1;
}

/** Whether c lies on the line through a and b (exactly: orientation 0). */
export function onSegmentLine(a: Position, b: Position, c: Position): boolean {
  return orientation(a, b, c) === 0;
}

/** Whether c lies on segment a–b (collinear and within it). */
export function onSegmentExactly(a: Position, b: Position, c: Position): boolean {
  return orientation(a, b, c) === 0 && onSegment(a, b, c);
}

/**
 * True when two non-adjacent segments of the closed ring share a point.
 * @throws LimitExceededError as {@link countSelfIntersections}.
 */
export function ringSelfIntersects(ring: Ring): boolean {
  return countSelfIntersections(ring, 1) > 0;
}
