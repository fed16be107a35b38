import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../errors.js';
import { pointInZone } from './inside-rule.js';
import { splitAtRepeatedPositions } from './ring-touches.js';
import { countSelfIntersections } from './self-intersection.js';
import { checkSelfIntersections, MAX_SELF_INTERSECTIONS, simpleLobes } from './simple-rings.js';
import type { Position, Ring } from './zone-types.js';

/** The star polygon {n/k}: n points on the unit circle, joined every k-th, closed. */
function star(n: number, k: number): Ring {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i * k) / n;
    ring.push([Math.cos(angle), Math.sin(angle)]);
  }
  return [...ring, ring[0]!];
}

/** Planar area (shoelace) of a closed ring, unsigned. */
function shoelace(ring: Ring): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    twice += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  }
  return Math.abs(twice) / 2;
}

/** Area of the union of the lobes by the inside rule, sampled on a step × step lattice. */
function sampledUnionArea(lobes: Ring[], [x0, y0, x1, y1]: number[], step: number): number {
  const polygons = [{ shells: lobes, holes: [] }];
  let inside = 0;
  for (let y = y0! + step / 2; y < y1!; y += step) {
    for (let x = x0! + step / 2; x < x1!; x += step) if (pointInZone(polygons, x, y)) inside++;
  }
  return inside * step * step;
}

describe('self-intersecting rings split into disjoint simple lobes', () => {
  it('counts n(k − 1) self-intersections of star polygons: 14 for {7/3}, 499 499 for {1001/500}', () => {
    expect(countSelfIntersections(star(7, 3))).toBe(14);
    expect(countSelfIntersections(star(1001, 500))).toBe(499_499);
    expect(countSelfIntersections(star(7, 1))).toBe(0);
  });

  it('refuses a 1,001-vertex star before splitting it, in well under a second', () => {
    const started = performance.now();
    const call = (): void => checkSelfIntersections(star(1001, 500), 'zone 0, polygon 0, ring 0');
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(
      `zone 0, polygon 0, ring 0 crosses itself 499499 times; the limit is ${MAX_SELF_INTERSECTIONS}`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => checkSelfIntersections(star(9, 4), 'ring')).not.toThrow();
  });

  it('keeps only the outline of a pentagram (its inner pentagon nests inside): area 1.12257 R²', () => {
    const lobes = simpleLobes(star(5, 2));
    expect(lobes).toHaveLength(1);
    expect(lobes[0]).toHaveLength(11);
    // Outline of a regular pentagram of circumradius 1: 5 · r_inner · sin 36°, with
    // r_inner = cos 72° / cos 36°.
    const expected =
      (5 * Math.cos((2 * Math.PI) / 5) * Math.sin(Math.PI / 5)) / Math.cos(Math.PI / 5);
    expect(shoelace(lobes[0]!)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(1.12257, 5);
  });

  it('splits a bow-tie into its two triangles, each of area 1/4', () => {
    const lobes = simpleLobes([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(lobes.map(shoelace)).toEqual([0.25, 0.25]);
  });

  it('splits a figure-eight touching itself at a vertex into two loops, without turf', () => {
    const ring: Ring = [
      [0, 0],
      [1, 1],
      [2, 0],
      [2, 2],
      [1, 1],
      [0, 2],
      [0, 0],
    ];
    expect(splitAtRepeatedPositions(ring).map((loop) => loop.length)).toEqual([4, 4]);
    expect(simpleLobes(ring).map(shoelace)).toEqual([1, 1]);
  });

  it('splits the triple-point ring that hangs @turf/unkink-polygon into disjoint simple lobes', () => {
    // Three edges meet at (1.5, 1); turf 7.4 grows an output ring until V8 aborts the process.
    const ring: Ring = [
      [2, 0],
      [1, 2],
      [3, 3],
      [0, 1],
      [3, 1],
      [0, 2],
      [3, 0],
      [2, 0],
    ];
    const started = performance.now();
    const lobes = simpleLobes(ring);
    expect(performance.now() - started).toBeLessThan(100);
    expect(lobes.every((lobe) => countSelfIntersections(lobe) === 0)).toBe(true);
    const total = lobes.reduce((sum, lobe) => sum + shoelace(lobe), 0);
    expect(sampledUnionArea(lobes, [0, 0, 3, 3], 0.005)).toBeCloseTo(total, 2);
  });

  it('refuses rings that run along themselves or enclose nothing but spikes, naming them', () => {
    const overlapping: Ring = [
      [0, 0],
      [2, 0],
      [1, 0],
      [3, 0],
      [0, 0],
    ];
    expect(() => simpleLobes(overlapping, 'zone 4, polygon 0, ring 0')).toThrow(
      'zone 4, polygon 0, ring 0 runs along itself (two of its edges overlap on a line)',
    );
    const spikes: Ring = [
      [0, 0],
      [1, 1],
      [0, 0],
      [2, 0],
      [0, 0],
    ];
    expect(() => simpleLobes(spikes, 'zone 5, polygon 0, ring 1')).toThrow(
      'zone 5, polygon 0, ring 1 encloses no area once split into simple lobes',
    );
  });

  it('drops a spike walked out and back (A, B, A) before splitting: the square keeps area 1', () => {
    const ring: Ring = [
      [0, 0],
      [1, 0],
      [2, 0.5],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(simpleLobes(ring).map(shoelace)).toEqual([1]);
  });
});
