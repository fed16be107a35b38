/** Point query: the value of one band at a WGS 84 lon/lat. */
import { InvalidParameterError } from '../errors.js';
import { lonLatToPixel } from './pixel-geometry.js';
import type { RasterReader } from './types.js';

/**
 * Raw stored value of band `bandIndex` at a WGS 84 longitude/latitude (degrees): the pixel
 * containing the point after transforming it to the raster's CRS. Scale/offset are not applied
 * (as readWindow). Null when the point is outside the raster, has no image in its CRS, or the
 * pixel is noData.
 * @throws InvalidParameterError for a bad band index or non-finite coordinates.
 */
export async function pointValue(
  reader: RasterReader,
  bandIndex: number,
  lonDeg: number,
  latDeg: number,
  options: { signal?: AbortSignal } = {},
): Promise<number | null> {
  const { info } = reader;
  if (!Number.isInteger(bandIndex) || bandIndex < 0 || bandIndex >= info.bandCount) {
    throw new InvalidParameterError(
      `band index ${bandIndex} is outside 0..${info.bandCount - 1} of ${reader.path}`,
      { bandIndex, bandCount: info.bandCount, path: reader.path },
    );
  }
  if (!Number.isFinite(lonDeg) || !Number.isFinite(latDeg)) {
    throw new InvalidParameterError(`point (${lonDeg}, ${latDeg}) is not a finite lon/lat`, {
      lon: lonDeg,
      lat: latDeg,
    });
  }

  const pixel = lonLatToPixel(info, lonDeg, latDeg);
  if (pixel === null) return null;
  const col = Math.floor(pixel[0]);
  const row = Math.floor(pixel[1]);
  if (col < 0 || row < 0 || col >= info.width || row >= info.height) return null;

  const window = { x: col, y: row, width: 1, height: 1 };
  const values = await reader.readWindow(window, {
    bandIndex,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const value = values[0];
  return value === undefined || Number.isNaN(value) ? null : value;
}
