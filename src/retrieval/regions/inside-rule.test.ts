import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../test/helpers/shared-data.js';
import { parseZones } from './geojson-zones.js';
import { pointInZone, subtractSpans, unionSpans, zoneSpans } from './inside-rule.js';
import type { ZonePolygon } from './zone-types.js';

const square = (x0: number, y0: number, x1: number, y1: number): ZonePolygon => ({
  shells: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
  holes: [],
});

describe('the inside rule (crossing number, half-open edges, parts united)', () => {
  it('puts B13 point (2, 1) in the union although it is on part A’s east edge (Turf #3050)', () => {
    const text = readFileSync(
      sharedDataFile('reported-faults/b13_overlapping_multipolygon_point.geojson'),
      'utf8',
    );
    const collection = JSON.parse(text) as { features: unknown[] };
    const [zone] = parseZones(collection.features[0], { geographic: true });
    const [partA, partB] = zone!.polygons;

    expect(pointInZone([partA!], 2, 1)).toBe(false);
    expect(pointInZone([partB!], 2, 1)).toBe(true);
    expect(pointInZone(zone!.polygons, 2, 1)).toBe(true);
    expect(zoneSpans(zone!.polygons, 1)).toEqual([0, 3]);
  });

  it('counts a point on a west or lower-y edge as in and on an east or upper-y edge as out', () => {
    const unit = [square(0, 0, 1, 1)];
    expect(pointInZone(unit, 0, 0.5)).toBe(true);
    expect(pointInZone(unit, 1, 0.5)).toBe(false);
    expect(pointInZone(unit, 0.5, 0)).toBe(true);
    expect(pointInZone(unit, 0.5, 1)).toBe(false);
    expect(pointInZone([square(1, 0, 2, 1)], 1, 0.5)).toBe(true);
  });

  it('excludes holes and unites shells', () => {
    const holed: ZonePolygon = { ...square(0, 0, 4, 4), holes: square(1, 1, 2, 2).shells };
    expect(pointInZone([holed], 1.5, 1.5)).toBe(false);
    expect(pointInZone([holed], 3, 1.5)).toBe(true);
    expect(zoneSpans([holed], 1.5)).toEqual([0, 1, 2, 4]);
  });

  it('merges and subtracts half-open spans', () => {
    expect(
      unionSpans([
        [0, 2],
        [1, 3],
        [5, 6],
      ]),
    ).toEqual([0, 3, 5, 6]);
    expect(subtractSpans([0, 10], [2, 3, 5, 6])).toEqual([0, 2, 3, 5, 6, 10]);
  });
});
