import { describe, expect, it } from 'vitest';

import { InvalidParameterError } from '../errors.js';
import { crsFromEpsg, getTransformer, WGS84_PROJ4 } from './crs.js';
import { MemoryRasterReader } from './memory-reader.js';
import { pointValue } from './point.js';

/** 300 × 200 px of 30 m in UTM 16N from (400000 E, 3860000 N); value = 1000·row + col. */
function utmRaster(): MemoryRasterReader {
  const width = 300;
  const height = 200;
  const band = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) band[row * width + col] = 1000 * row + col;
  }
  band[0] = -9999;
  return new MemoryRasterReader({
    bands: [band],
    width,
    height,
    geoTransform: [400_000, 30, 0, 3_860_000, 0, -30],
    crs: crsFromEpsg(32616),
    noData: -9999,
  });
}

const toLonLat = getTransformer(crsFromEpsg(32616).proj4, WGS84_PROJ4);

describe('pointValue', () => {
  it('returns the value of the UTM pixel containing a lon/lat', async () => {
    // Centre of pixel (col 123, row 45): E 400000 + 123.5·30, N 3860000 − 45.5·30.
    const [lon, lat] = toLonLat.forward([400_000 + 123.5 * 30, 3_860_000 - 45.5 * 30]);
    expect(await pointValue(utmRaster(), 0, lon, lat)).toBe(45_123);
  });

  it('returns null outside the raster and on noData', async () => {
    const reader = utmRaster();
    const [westLon, westLat] = toLonLat.forward([399_000, 3_858_000]);
    expect(await pointValue(reader, 0, westLon, westLat)).toBeNull();
    const [lon, lat] = toLonLat.forward([400_015, 3_859_985]);
    expect(await pointValue(reader, 0, lon, lat)).toBeNull();
    expect(await pointValue(reader, 0, 10, 45)).toBeNull();
  });

  it('rejects a band index past the last band', async () => {
    await expect(pointValue(utmRaster(), 1, -88, 34.8)).rejects.toThrow(InvalidParameterError);
  });
});
