/**
 * The one rule that decides which points (pixel centres) are inside a zone, shared by the point
 * test and the scanline rasteriser:
 *
 * - a ring is tested by the crossing-number (even–odd) rule, with the usual half-open edge
 *   convention of the PNPOLY test (W. R. Franklin, 1970s; Haines 1994, "Point in polygon
 *   strategies", Graphics Gems IV): an edge counts for the horizontal line y when exactly one
 *   of its ends lies strictly above y, and a point is inside a span [xIn, xOut) — so a point on
 *   a left edge (smaller x) or a lower-y edge is in, one on a right edge or a higher-y edge is
 *   out. In pixel coordinates (rows grow downwards) that means a centre on a zone's west or north
 *   edge is in, on its east or south edge out; two zones sharing an edge never both count it;
 * - a polygon is the union of its shells minus the union of its holes;
 * - a zone is the union of its polygons: a point inside any polygon is inside (MultiPolygon
 *   parts may overlap, and a point on one part's boundary but inside another part is in).
 */
import type { Ring, ZonePolygon } from './zone-types.js';

/** Half-open x intervals [start, end), ascending and disjoint. Flat: [s0, e0, s1, e1, …]. */
export type Spans = number[];

/** Whether the edge from y1 to y2 counts for the line y: exactly one end strictly above y. */
export function edgeCrosses(y1: number, y2: number, y: number): boolean {
  return y1 > y !== y2 > y;
}

/** x where the edge (x1, y1)–(x2, y2) meets the line y (call only when it crosses). */
export function crossingX(x1: number, y1: number, x2: number, y2: number, y: number): number {
  return x1 + ((y - y1) / (y2 - y1)) * (x2 - x1);
}

/** Even–odd spans [x0, x1), [x2, x3), … from a ring's crossings with one line (sorted here). */
export function spansFromCrossings(crossings: number[]): Spans {
  crossings.sort((a, b) => a - b);
  const spans: Spans = [];
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const start = crossings[i]!;
    const end = crossings[i + 1]!;
    if (end > start) spans.push(start, end);
  }
  return spans;
}

/** Spans of one ring on the line y, by the even–odd rule. */
export function ringSpans(ring: Ring, y: number): Spans {
  const crossings: number[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    if (edgeCrosses(y1, y2, y)) crossings.push(crossingX(x1, y1, x2, y2, y));
  }
  return spansFromCrossings(crossings);
}

/** Union of span lists (each half-open), as one ascending, disjoint list. */
export function unionSpans(lists: readonly Spans[]): Spans {
  const pairs: [number, number][] = [];
  for (const list of lists) {
    for (let i = 0; i + 1 < list.length; i += 2) pairs.push([list[i]!, list[i + 1]!]);
  }
  pairs.sort((a, b) => a[0] - b[0]);

  const merged: Spans = [];
  for (const [start, end] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && start <= merged[last]!) {
      merged[last] = Math.max(merged[last]!, end);
    } else {
      merged.push(start, end);
    }
  }
  return merged;
}

/** `spans` minus `removed` (both ascending, disjoint, half-open). */
export function subtractSpans(spans: Spans, removed: Spans): Spans {
  const result: Spans = [];
  for (let i = 0; i + 1 < spans.length; i += 2) {
    let start = spans[i]!;
    const end = spans[i + 1]!;
    for (let j = 0; j + 1 < removed.length && start < end; j += 2) {
      const cutStart = removed[j]!;
      const cutEnd = removed[j + 1]!;
      if (cutEnd <= start || cutStart >= end) continue;
      if (cutStart > start) result.push(start, cutStart);
      start = cutEnd;
    }
    if (start < end) result.push(start, end);
  }
  return result;
}

/** Shell spans united, minus hole spans united: the spans of one polygon on one line. */
export function combinePolygonSpans(
  shellSpans: readonly Spans[],
  holeSpans: readonly Spans[],
): Spans {
  const shells = unionSpans(shellSpans);
  if (holeSpans.length === 0 || shells.length === 0) return shells;
  return subtractSpans(shells, unionSpans(holeSpans));
}

/** Spans of a polygon on the line y: its shells united, minus its holes united. */
export function polygonSpans(polygon: ZonePolygon, y: number): Spans {
  return combinePolygonSpans(
    polygon.shells.map((ring) => ringSpans(ring, y)),
    polygon.holes.map((ring) => ringSpans(ring, y)),
  );
}

/** Spans of a zone (the union of its polygons) on the horizontal line y. */
export function zoneSpans(polygons: readonly ZonePolygon[], y: number): Spans {
  return unionSpans(polygons.map((polygon) => polygonSpans(polygon, y)));
}

/** Whether x falls in one of the half-open spans. */
export function inSpans(spans: Spans, x: number): boolean {
  for (let i = 0; i + 1 < spans.length; i += 2) {
    if (x >= spans[i]! && x < spans[i + 1]!) return true;
  }
  return false;
}

/**
 * Whether the point (x, y) is inside the zone made of `polygons`, by the rule of this module
 * (the same spans the rasteriser counts pixel centres in).
 */
export function pointInZone(polygons: readonly ZonePolygon[], x: number, y: number): boolean {
  return inSpans(zoneSpans(polygons, y), x);
}
