import { describe, expect, it } from 'vitest';

import { InvalidParameterError, LimitExceededError } from '../errors.js';
import {
  lonLatToMercator,
  MERCATOR_HALF_WORLD_M,
  mercatorToLonLat,
  tileBoundsMercator,
  tileBoundsWgs84,
  tilesCoveringBounds,
  zoomForResolution,
  zoomRangeForRaster,
} from './web-mercator.js';

function expectAllClose(actual: readonly number[], expected: readonly number[], tol: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThan(tol));
}

describe('tile bounds', () => {
  it('gives tile 0/0/0 the whole square world of ±20,037,508.34 m and ±85.0511°', () => {
    expectAllClose(
      tileBoundsMercator({ z: 0, x: 0, y: 0 }),
      [-20_037_508.342789, -20_037_508.342789, 20_037_508.342789, 20_037_508.342789],
      1e-3,
    );
    expectAllClose(tileBoundsWgs84({ z: 0, x: 0, y: 0 }), [-180, -85.051129, 180, 85.051129], 1e-6);
  });

  it('gives tile 10/258/406 the bounds computed by hand from the WebMercatorQuad definition', () => {
    // Tile size at z10: 40,075,016.686 m / 1024 = 39,135.758 m. West = −20,037,508.343 + 258 ×
    // 39,135.758 = −9,940,482.654 m; north = 20,037,508.343 − 406 × 39,135.758 = 4,148,390.399 m.
    expectAllClose(
      tileBoundsMercator({ z: 10, x: 258, y: 406 }),
      [-9_940_482.654, 4_109_254.641, -9_901_346.896, 4_148_390.399],
      1e-2,
    );
    // lon = x / 1024 · 360 − 180; lat = atan(sinh(π (1 − 2y / 1024))): 34.88593° at y = 406,
    // 34.59704° at y = 407.
    expectAllClose(
      tileBoundsWgs84({ z: 10, x: 258, y: 406 }),
      [-89.296875, 34.59704, -88.9453125, 34.88593],
      1e-5,
    );
  });

  it('rejects a tile outside its zoom level with the tile in the message', () => {
    expect(() => tileBoundsMercator({ z: 2, x: 4, y: 0 })).toThrow(InvalidParameterError);
    expect(() => tileBoundsMercator({ z: 2, x: 4, y: 0 })).toThrow(/tile 2\/4\/0 is outside/);
    expect(() => tileBoundsMercator({ z: 31, x: 0, y: 0 })).toThrow(/zoom 31/);
  });
});

describe('lon/lat and EPSG:3857 metres', () => {
  it('maps 180°E to π·R metres and back', () => {
    expect(lonLatToMercator(180, 0)[0]).toBeCloseTo(MERCATOR_HALF_WORLD_M, 6);
    const [lon, lat] = mercatorToLonLat(...lonLatToMercator(-89.123, 34.8));
    expect(lon).toBeCloseTo(-89.123, 10);
    expect(lat).toBeCloseTo(34.8, 10);
  });

  it('maps 45°N to R·ln(tan(67.5°)) = 5,621,521.486 m', () => {
    expect(lonLatToMercator(0, 45)[1]).toBeCloseTo(5_621_521.486, 2);
  });

  it('clamps the poles to the edge of the square world', () => {
    expect(lonLatToMercator(0, 90)[1]).toBeCloseTo(MERCATOR_HALF_WORLD_M, 3);
  });
});

describe('tilesCoveringBounds', () => {
  it('lists the 2 × 2 tiles around a point near a tile corner at zoom 10', () => {
    const tiles = tilesCoveringBounds([-89.3, 34.85, -89.29, 34.89], 10);
    expect(tiles).toEqual([
      { z: 10, x: 257, y: 405 },
      { z: 10, x: 258, y: 405 },
      { z: 10, x: 257, y: 406 },
      { z: 10, x: 258, y: 406 },
    ]);
  });

  it('does not pull in the next tile when bounds end exactly on a tile edge', () => {
    expect(tilesCoveringBounds([0, -10, 90, -5], 2)).toEqual([{ z: 2, x: 2, y: 2 }]);
  });

  it('splits bounds that cross the antimeridian', () => {
    const tiles = tilesCoveringBounds([170, -10, -170, 10], 3);
    expect(tiles.map((t) => t.x)).toEqual([7, 7, 0, 0]);
  });

  it('refuses more tiles than the limit', () => {
    expect(() => tilesCoveringBounds([-180, -85, 180, 85], 12, 1000)).toThrow(LimitExceededError);
  });
});

describe('zoom range from resolution', () => {
  it('gives a 30 m, 627 × 603 px raster at 34.8°N zooms 10..12', () => {
    // 30 m / cos(34.8°) = 36.5 Mercator metres; log2(156,543 / 36.5) = 12.07 → 12. At z12 the
    // 627 px side spans 600 tile px = 2.3 tiles → 2 zooms out → minzoom 10.
    expect(
      zoomRangeForRaster({ resolutionM: 30, widthPx: 627, heightPx: 603, latitudeDeg: 34.8 }),
    ).toEqual({ minzoom: 10, maxzoom: 12 });
  });

  it('gives a 1 km MODIS pixel on the equator zoom 7 and rejects a zero resolution', () => {
    expect(zoomForResolution(1000)).toBe(7);
    expect(() => zoomForResolution(0)).toThrow(/resolution 0 m/);
  });
});
