import { describe, expect, it } from 'vitest';
import { parseZoneFile, zoneOutlines } from './zone-geojson.js';

const square: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};

describe('zone files on the page', () => {
  it('names the file when its text is not JSON', () => {
    expect(() => parseZoneFile('zones.geojson', '{"type": ')).toThrow(
      /^zones\.geojson: not JSON \(/,
    );
  });

  it('outlines a FeatureCollection as it is and wraps a Feature or a bare geometry', () => {
    const feature: GeoJSON.Feature = {
      type: 'Feature',
      properties: { name: 'a' },
      geometry: square,
    };
    const collection = { type: 'FeatureCollection', features: [feature, feature] };
    expect(zoneOutlines(collection)?.features).toHaveLength(2);
    expect(zoneOutlines(feature)?.features).toEqual([feature]);
    expect(zoneOutlines(square)?.features[0]?.geometry).toEqual(square);
  });

  it('draws nothing for coordinates in a projected CRS or for a non-GeoJSON value', () => {
    const utm = { ...square, crs: { type: 'name', properties: { name: 'EPSG:32616' } } };
    expect(zoneOutlines(utm)).toBeNull();
    const crs84 = { ...square, crs: { type: 'name', properties: { name: 'OGC:CRS84' } } };
    expect(zoneOutlines(crs84)?.features).toHaveLength(1);
    expect(zoneOutlines([1, 2])).toBeNull();
    expect(zoneOutlines({ features: [] })).toBeNull();
  });
});
