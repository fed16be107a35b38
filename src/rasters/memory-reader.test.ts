import { describe, expect, it } from 'vitest';

import { CancelledError, InvalidParameterError } from '../errors.js';
import { crsFromEpsg } from './crs.js';
import { MemoryRasterReader } from './memory-reader.js';

/** 4 × 3 raster whose value is 10·row + col, with -9999 as noData at (col 3, row 2). */
function smallRaster(): MemoryRasterReader {
  const band = new Float32Array(12);
  for (let row = 0; row < 3; row++)
    for (let col = 0; col < 4; col++) band[row * 4 + col] = 10 * row + col;
  band[11] = -9999;
  return new MemoryRasterReader({
    bands: [band],
    width: 4,
    height: 3,
    geoTransform: [10, 0.5, 0, 46, 0, -0.5],
    crs: crsFromEpsg(4326),
    noData: -9999,
  });
}

describe('MemoryRasterReader', () => {
  it('describes itself as a float32 raster with its grid, CRS and noData', () => {
    const { info } = smallRaster();
    expect(info).toMatchObject({
      width: 4,
      height: 3,
      bandCount: 1,
      sampleType: 'float32',
      noData: -9999,
    });
    expect(info.geoTransform).toEqual([10, 0.5, 0, 46, 0, -0.5]);
    expect(info.crs.epsg).toBe(4326);
    expect(info.scale).toEqual([1]);
  });

  it('reads a window with noData as NaN and pixels beyond the edge as NaN', async () => {
    const values = await smallRaster().readWindow(
      { x: 2, y: 1, width: 3, height: 2 },
      { bandIndex: 0 },
    );
    expect(Array.from(values)).toEqual([12, 13, NaN, 22, NaN, NaN]);
  });

  it('reads a reduced window by taking the pixel under each output pixel centre', async () => {
    const reader = smallRaster();
    const values = await reader.readWindow(
      { x: 0, y: 0, width: 4, height: 2 },
      { bandIndex: 0, outWidth: 2, outHeight: 1 },
    );
    // Output centres fall on source columns 1 and 3 of row 1.
    expect(Array.from(values)).toEqual([11, 13]);
    expect(reader.reads).toEqual([
      { window: { x: 0, y: 0, width: 4, height: 2 }, bandIndex: 0, outWidth: 2, outHeight: 1 },
    ]);
  });

  it('rejects a missing band, a band of the wrong length and an aborted read', async () => {
    const reader = smallRaster();
    await expect(
      reader.readWindow({ x: 0, y: 0, width: 1, height: 1 }, { bandIndex: 1 }),
    ).rejects.toThrow(/band index 1 is outside 0..0/);
    const aborted = AbortSignal.abort();
    await expect(
      reader.readWindow({ x: 0, y: 0, width: 1, height: 1 }, { bandIndex: 0, signal: aborted }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(
      () =>
        new MemoryRasterReader({
          bands: [new Float32Array(5)],
          width: 2,
          height: 2,
          geoTransform: [0, 1, 0, 0, 0, -1],
          crs: crsFromEpsg(4326),
        }),
    ).toThrow(InvalidParameterError);
  });
});
