import { describe, expect, it } from 'vitest';
import { parseZones } from './geojson-zones.js';

const RECTANGLE = [
  [-87.46, 30.7],
  [-87.42, 30.7],
  [-87.42, 30.74],
  [-87.46, 30.74],
  [-87.46, 30.7],
];

const polygon = (ring: number[][]): unknown => ({ type: 'Polygon', coordinates: [ring] });

describe('GeoJSON rings normalised once when zones are parsed', () => {
  it('drops consecutive repeated positions, so a digitised rectangle parses as the plain one', () => {
    const repeated = [
      RECTANGLE[0]!,
      RECTANGLE[1]!,
      RECTANGLE[1]!,
      RECTANGLE[2]!,
      RECTANGLE[3]!,
      RECTANGLE[3]!,
      RECTANGLE[3]!,
      RECTANGLE[4]!,
      RECTANGLE[4]!,
    ];
    const [zone] = parseZones(polygon(repeated), { geographic: true });
    expect(zone!.rings).toEqual([[RECTANGLE]]);
    expect(zone!.polygons).toEqual([{ shells: [RECTANGLE], holes: [] }]);
  });

  it('closes an unclosed ring after dropping its repeats', () => {
    const unclosed = [RECTANGLE[0]!, RECTANGLE[0]!, RECTANGLE[1]!, RECTANGLE[2]!, RECTANGLE[3]!];
    const [zone] = parseZones(polygon(unclosed), { geographic: true });
    expect(zone!.rings[0]![0]).toEqual(RECTANGLE);
  });

  it('counts distinct positions after the repeats are dropped: [A, A, B, B, A] has 2', () => {
    const ring = [RECTANGLE[0]!, RECTANGLE[0]!, RECTANGLE[1]!, RECTANGLE[1]!, RECTANGLE[0]!];
    expect(() => parseZones(polygon(ring), { geographic: true })).toThrow(
      'geojson.coordinates.0: ring has 2 distinct positions; a ring needs at least 3',
    );
  });

  it('refuses a ring crossing itself more than 64 times, naming the zone, polygon and ring', () => {
    const ring = Array.from({ length: 101 }, (_, i) => {
      const angle = (2 * Math.PI * i * 50) / 101;
      return [10 + Math.cos(angle), 45 + Math.sin(angle)];
    });
    const collection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'star' }, geometry: polygon(ring) }],
    };
    expect(() => parseZones(collection, { geographic: true })).toThrow(
      "zone 0 ('star'), polygon 0, ring 0 crosses itself 4949 times; the limit is 64",
    );
  });
});
