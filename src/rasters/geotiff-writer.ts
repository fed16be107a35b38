/**
 * Writes in-memory float32 rasters (products) as Cloud Optimized GeoTIFFs through the
 * streaming {@link writeCog}: tiled, DEFLATE with the floating-point predictor, internal
 * overviews, georeferencing, GeoKeys (a source file's own, or EPSG ones), GDAL_NODATA and band
 * descriptions; atomic.
 */
import path from 'node:path';

import { InvalidParameterError } from '../errors.js';
import { formatNoData, type GeoKeyTags } from './cog-tags.js';
import { writeCog, type CogSource, type CogWriteResult } from './cog-writer.js';
import type { CrsInfo, GeoTransform } from './types.js';

/** A float32 raster to write. */
export interface RasterToWrite {
  width: number;
  height: number;
  /** One row-major array of width·height values per band; NaN marks missing values. */
  bands: Float32Array[];
  geoTransform: GeoTransform;
  /** Written as EPSG GeoKeys when `geoKeys` is absent; it must then carry an EPSG code. */
  crs: CrsInfo;
  /**
   * GeoKey tags copied verbatim from a file on the same grid (see readGeoKeyTags), so any CRS
   * that file has — user-defined ones included — is written back.
   */
  geoKeys?: GeoKeyTags;
  /**
   * noData written to GDAL_NODATA (rounded to float32); NaN pixels are stored as this value
   * when it is a number. null writes no tag.
   */
  noData: number | null;
  /** Per-band descriptions (GDAL_METADATA role="description"). */
  bandDescriptions?: string[];
  /** Tile edge in pixels; default 256. */
  tileSizePx?: 256 | 512;
  /** Default 'deflate' (with the floating-point predictor). */
  compression?: 'deflate' | 'none';
  /** Internal overviews (2×2 average of valid values, until one tile); default true. */
  overviews?: boolean;
}

/** GDAL_NODATA text of a noData value as stored in float32. */
export function formatGdalNoData(noData: number): string {
  return formatNoData(noData, 'float32');
}

function checkRaster(raster: RasterToWrite, fileName: string): void {
  const { width, height, bands } = raster;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) {
    throw new InvalidParameterError(`cannot write ${fileName}: invalid size ${width}×${height}`);
  }
  if (bands.length === 0) throw new InvalidParameterError(`cannot write ${fileName}: no bands`);
  bands.forEach((band, i) => {
    if (band.length !== width * height) {
      throw new InvalidParameterError(
        `cannot write ${fileName}: band ${i} has ${band.length} values, ${width}×${height} expected`,
      );
    }
  });
}

/** A {@link CogSource} over whole bands held in memory. */
export function memoryCogSource(width: number, height: number, bands: Float32Array[]): CogSource {
  return {
    width,
    height,
    bandCount: bands.length,
    readRows: (bandIndex, y0, rowCount) => {
      const band = bands[bandIndex];
      if (band === undefined) throw new RangeError(`no band ${bandIndex}`);
      return Promise.resolve(band.subarray(y0 * width, (y0 + rowCount) * width));
    },
  };
}

/**
 * Writes the raster as a float32 COG at `filePath`, atomically (temp file in the same
 * directory + rename), with internal overviews unless `overviews` is false. Memory beyond the
 * input bands: a few strips of tiles.
 * @throws InvalidParameterError for inconsistent sizes; UnsupportedRasterError for a CRS
 *   without an EPSG code when no `geoKeys` are given.
 */
export async function writeGeoTiff(
  filePath: string,
  raster: RasterToWrite,
): Promise<CogWriteResult> {
  checkRaster(raster, path.basename(filePath));
  return writeCog(filePath, memoryCogSource(raster.width, raster.height, raster.bands), {
    sampleType: 'float32',
    geoTransform: raster.geoTransform,
    crs: raster.crs,
    ...(raster.geoKeys === undefined ? {} : { geoKeys: raster.geoKeys }),
    noData: raster.noData,
    bandMetadata: { descriptions: raster.bandDescriptions ?? [] },
    ...(raster.tileSizePx === undefined ? {} : { tileSizePx: raster.tileSizePx }),
    ...(raster.compression === undefined ? {} : { compression: raster.compression }),
    ...(raster.overviews === undefined ? {} : { overviews: raster.overviews }),
  });
}
