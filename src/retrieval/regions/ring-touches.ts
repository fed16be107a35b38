/**
 * A self-intersecting ring cut into simple loops, without turf. @turf/unkink-polygon 7.4 refuses
 * any repeated vertex and, given three edges through one point or a vertex lying on another
 * edge, walks forever while its output ring grows until the process dies (reproduced with
 * [[2,0],[1,2],[3,3],[0,1],[3,1],[0,2],[3,0]]); so rings are split here: every point where the
 * ring meets itself becomes a vertex, and the ring is cut at every position it visits twice.
 */
import {
  forEachSelfIntersection,
  onSegmentExactly,
  onSegmentLine,
  segmentsCrossProperly,
} from './self-intersection.js';
import type { Position, Ring } from './zone-types.js';

const keyOf = (p: Position): string => `${p[0]},${p[1]}`;

/** A half-edge at a repeated position: the edge arriving at visit j (in) or leaving it (out). */
interface HalfEdge {
  visit: number;
  out: boolean;
  angle: number;
}

/** Ins matched to outs without crossing, going round from `start` (a stack, like brackets). */
function matchFrom(around: readonly HalfEdge[], start: number): [number, number][] {
  const pairs: [number, number][] = [];
  const stack: HalfEdge[] = [];
  for (let s = 0; s < around.length; s++) {
    const edge = around[(start + s) % around.length]!;
    const top = stack[stack.length - 1];
    if (top === undefined || top.out === edge.out) {
      stack.push(edge);
      continue;
    }
    stack.pop();
    pairs.push(edge.out ? [top.visit, edge.visit] : [edge.visit, top.visit]);
  }
  return pairs;
}

/**
 * How the ring leaves a position it visits at `visits`: pairs [in visit, out visit]. The edges
 * there are sorted by angle and matched without crossing, so no two loops cross at that point;
 * of those matchings the one leaving fewest visits by their own outgoing edge is kept (a
 * crossing, or a touch, then splits into two loops, as the oriented smoothing of Seifert 1935).
 */
function matchAt(positions: readonly Position[], visits: readonly number[]): [number, number][] {
  const n = positions.length;
  const angle = (from: Position, to: Position): number =>
    Math.atan2(to[1] - from[1], to[0] - from[0]);
  const around = visits
    .flatMap((j): HalfEdge[] => [
      { visit: j, out: false, angle: angle(positions[j]!, positions[(j + n - 1) % n]!) },
      { visit: j, out: true, angle: angle(positions[j]!, positions[(j + 1) % n]!) },
    ])
    .sort((p, q) => p.angle - q.angle);
  let best: [number, number][] = [];
  let bestSelf = Infinity;
  for (let start = 0; start < around.length; start++) {
    const pairs = matchFrom(around, start);
    const self = pairs.filter(([i, o]) => i === o).length;
    if (self < bestSelf) [best, bestSelf] = [pairs, self];
  }
  return best;
}

/**
 * The ring cut into closed loops at every position it visits more than once, matched as by
 * {@link matchAt}: the loops never cross one another. Loops of fewer than 3 distinct positions
 * are dropped.
 */
export function splitAtRepeatedPositions(ring: Ring): Ring[] {
  const positions = ring.slice(0, -1);
  const next = positions.map((_, j) => (j + 1) % positions.length);
  const visits = new Map<string, number[]>();
  positions.forEach((p, j) => visits.set(keyOf(p), [...(visits.get(keyOf(p)) ?? []), j]));
  for (const at of visits.values()) {
    if (at.length < 2) continue;
    for (const [arrive, leave] of matchAt(positions, at)) {
      next[arrive] = (leave + 1) % positions.length;
    }
  }

  const seen = new Uint8Array(positions.length);
  const loops: Ring[] = [];
  for (let start = 0; start < positions.length; start++) {
    const loop: Position[] = [];
    for (let j = start; seen[j] === 0; j = next[j]!) {
      seen[j] = 1;
      loop.push(positions[j]!);
    }
    if (new Set(loop.map(keyOf)).size >= 3) loops.push([...loop, loop[0]!]);
  }
  return loops;
}

/** Where segments p1–p2 and q1–q2 cross (call only when they cross properly). */
function crossingPoint(p1: Position, p2: Position, q1: Position, q2: Position): Position {
  const rx = p2[0] - p1[0];
  const ry = p2[1] - p1[1];
  const sx = q2[0] - q1[0];
  const sy = q2[1] - q1[1];
  const t = ((q1[0] - p1[0]) * sy - (q1[1] - p1[1]) * sx) / (rx * sy - ry * sx);
  return [p1[0] + t * rx, p1[1] + t * ry];
}

/** Crossing points closer than this share one position (relative to the ring's largest |x|, |y|). */
export const SNAP_RELATIVE = 1e-10;

/**
 * Snaps a computed crossing point onto an end of its two edges or onto a crossing point already
 * found, when closer than `tolerance`: three edges through one point would otherwise give
 * two crossing points a rounding error apart, and loops that cross there.
 */
function snapped(x: Position, candidates: readonly Position[], tolerance: number): Position {
  for (const c of candidates) {
    if (Math.abs(c[0] - x[0]) <= tolerance && Math.abs(c[1] - x[1]) <= tolerance) return c;
  }
  return x;
}

/**
 * Points where the ring meets itself away from an edge's ends, by edge index: crossing points
 * (inserted into both edges) and vertices lying on another edge (inserted into that edge).
 */
function meetingPoints(ring: Ring): Map<number, Position[]> {
  const scale = ring.reduce((m, p) => Math.max(m, Math.abs(p[0]), Math.abs(p[1])), 0);
  const tolerance = SNAP_RELATIVE * Math.max(scale, Number.MIN_VALUE);
  const crossings: Position[] = [];
  const inserts = new Map<number, Position[]>();
  const insert = (edge: number, p: Position): void => {
    const a = ring[edge]!;
    const b = ring[edge + 1]!;
    if (keyOf(p) === keyOf(a) || keyOf(p) === keyOf(b)) return;
    inserts.set(edge, [...(inserts.get(edge) ?? []), p]);
  };
  forEachSelfIntersection(ring, (i, k) => {
    const [p1, p2, q1, q2] = [ring[i]!, ring[i + 1]!, ring[k]!, ring[k + 1]!];
    if (segmentsCrossProperly(p1, p2, q1, q2)) {
      const x = snapped(crossingPoint(p1, p2, q1, q2), [p1, p2, q1, q2, ...crossings], tolerance);
      if (!crossings.includes(x)) crossings.push(x);
      insert(i, x);
      insert(k, x);
      return true;
    }
    for (const [edge, a, b, ends] of [
      [i, p1, p2, [q1, q2]],
      [k, q1, q2, [p1, p2]],
    ] as const) {
      for (const p of ends) if (onSegmentExactly(a, b, p)) insert(edge, p);
    }
    return true;
  });
  return inserts;
}

/** The ring with every point where it meets itself inserted as a vertex of the edges there. */
export function withMeetingsAsVertices(ring: Ring): Ring {
  const inserts = meetingPoints(ring);
  if (inserts.size === 0) return ring;
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    out.push(a);
    const along = (p: Position): number => Math.hypot(p[0] - a[0], p[1] - a[1]);
    const points = [...new Map((inserts.get(i) ?? []).map((p) => [keyOf(p), p])).values()];
    out.push(...points.sort((p, q) => along(p) - along(q)));
  }
  out.push(ring[0]!);
  return out;
}

/** Whether segments p1–p2 and q1–q2 (known to intersect) lie on one line and share a stretch. */
function overlapAlongLine(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  if (!onSegmentLine(p1, p2, q1) || !onSegmentLine(p1, p2, q2)) return false;
  const axis = Math.abs(p2[0] - p1[0]) >= Math.abs(p2[1] - p1[1]) ? 0 : 1;
  const [pa, pb, qa, qb] = [p1[axis], p2[axis], q1[axis], q2[axis]];
  return (
    Math.min(Math.max(pa, pb), Math.max(qa, qb)) > Math.max(Math.min(pa, pb), Math.min(qa, qb))
  );
}

/**
 * The closed ring without spikes: an edge walked out and straight back (A, B, A) is removed,
 * repeatedly and across the ring's seam. A spike encloses no area; left in, its position visited
 * twice with edges in one direction would confuse the cutting into loops.
 */
export function withoutSpikes(ring: Ring): Ring {
  const same = (p: Position | undefined, q: Position | undefined): boolean =>
    p !== undefined && q !== undefined && p[0] === q[0] && p[1] === q[1];
  const stack: Position[] = [];
  for (const p of ring.slice(0, -1)) {
    if (same(stack[stack.length - 2], p)) stack.pop();
    else if (!same(stack[stack.length - 1], p)) stack.push(p);
  }
  for (;;) {
    if (stack.length > 1 && same(stack[stack.length - 1], stack[0])) stack.pop();
    else if (stack.length > 2 && same(stack[stack.length - 1], stack[1])) {
      stack.shift();
      stack.pop();
    } else if (stack.length > 2 && same(stack[stack.length - 2], stack[0])) {
      stack.splice(-2);
    } else break;
  }
  return stack.length === 0 ? [] : [...stack, stack[0]!];
}

/**
 * Whether two edges of the ring overlap along a line (not just at a point): non-adjacent edges
 * on one line sharing a stretch, or an edge doubling back over the one before it.
 */
export function ringRunsAlongItself(ring: Ring): boolean {
  for (let i = 0; i + 2 < ring.length; i++) {
    const [a, b, c] = [ring[i]!, ring[i + 1]!, ring[i + 2]!];
    const backwards = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0;
    if (onSegmentLine(a, b, c) && backwards) return true;
  }
  let overlaps = false;
  forEachSelfIntersection(ring, (i, k) => {
    overlaps = overlapAlongLine(ring[i]!, ring[i + 1]!, ring[k]!, ring[k + 1]!);
    return !overlaps;
  });
  return overlaps;
}

/**
 * The simple loops of a closed ring: every crossing and touch made a vertex, then the ring cut
 * at every position it visits twice. At a crossing this joins each incoming strand to the other
 * outgoing strand, the orientation-keeping smoothing of Seifert's algorithm (Seifert 1935), which
 * is also what simplepolygon does (Claeys 2016): the loops are simple, never cross one another
 * (they meet only at crossing points) and share no edge, but may nest. Call it only for rings
 * that do not run along themselves ({@link ringRunsAlongItself}).
 */
export function simpleLoops(ring: Ring): Ring[] {
  return splitAtRepeatedPositions(withMeetingsAsVertices(ring));
}
