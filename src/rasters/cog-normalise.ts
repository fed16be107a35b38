/**
 * Normalisation of any readable GeoTIFF into the platform's working format: a COG (see
 * {@link writeCog}) with the same grid, sample type, bands, GeoKeys, descriptions and
 * scale/offset, read strip by strip so memory stays bounded whatever the file size.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fromFile } from 'geotiff';

import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { GeoKeyTags } from './cog-tags.js';
import { writeCog, type CogSource, type CogWriteResult } from './cog-writer.js';
import { openGeoTiff } from './geotiff-reader.js';
import type { OverviewResampling } from './overview-builder.js';
import type { RasterInfo } from './types.js';

/** Options of {@link normaliseGeoTiff}. */
export interface NormaliseOptions {
  /**
   * noData to write when the source sets none (e.g. a sensor's fill value), so it is left out
   * of overviews; ignored when the source has its own GDAL_NODATA.
   */
  fallbackNoData?: number | null;
  resampling?: OverviewResampling;
  tileSizePx?: 256 | 512;
  /** zlib level of the COG's tiles; default the writer's. */
  deflateLevel?: number;
  logger?: Logger;
  signal?: AbortSignal;
}

/** What normalisation wrote. */
export interface NormaliseResult extends CogWriteResult {
  /** Header facts of the source file. */
  source: RasterInfo;
  /** Source file size in bytes. */
  sourceBytes: number;
  /** noData written to the COG (the source's, or the fallback), or null. */
  noData: number | null;
  /** Wall-clock time of the rewrite, milliseconds. */
  elapsedMs: number;
}

function numbers(value: unknown): number[] | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && 'length' in value) {
    return Array.from(value as ArrayLike<number | bigint>, (v) => Number(v));
  }
  return null;
}

/** GTRasterTypeGeoKey (GeoTIFF 1.1 §7.4.3); 1 = PixelIsArea. */
const RASTER_TYPE_KEY = 1025;

/**
 * The GeoKeyDirectory with GTRasterTypeGeoKey set to PixelIsArea: the reader's geotransform
 * (which the writer stores) is already shifted to pixel corners for PixelIsPoint files, so
 * keeping PixelIsPoint would shift it a second half pixel.
 */
function withPixelIsArea(directory: readonly number[]): number[] {
  const out = [...directory];
  for (let at = 4; at + 3 < out.length; at += 4) {
    if (out[at] === RASTER_TYPE_KEY && out[at + 1] === 0) out[at + 3] = 1;
  }
  return out;
}

/**
 * The GeoKey tags of the first image of `filePath`, verbatim but for the raster type (always
 * PixelIsArea, see below), or null without a GeoKeyDirectory.
 */
export async function readGeoKeyTags(filePath: string): Promise<GeoKeyTags | null> {
  const tiff = await fromFile(filePath);
  try {
    const directory = (await tiff.getImage(0)).getFileDirectory();
    const load = async (name: 'GeoKeyDirectory' | 'GeoDoubleParams' | 'GeoAsciiParams') =>
      directory.hasTag(name) ? ((await directory.loadValue(name)) as unknown) : undefined;
    const keys = numbers(await load('GeoKeyDirectory'));
    if (keys === null) return null;
    const ascii = await load('GeoAsciiParams');
    return {
      directory: withPixelIsArea(keys),
      doubleParams: numbers(await load('GeoDoubleParams')),
      // The tag's own terminating NUL comes back in the string; the encoder appends one.
      asciiParams: typeof ascii === 'string' ? ascii.replace(/\0+$/, '') : null,
    };
  } finally {
    await tiff.close();
  }
}

/**
 * `source` reading one call ahead: after the rows of band b at y0 it starts reading those the
 * writer asks for next (band b + 1 at y0, or band 0 of the next strip), so decoding the source
 * overlaps encoding. Valid for sources that return a new array per call (the reader does);
 * holds one extra strip.
 */
function readingAhead(source: CogSource): CogSource {
  let ahead: { key: string; rows: Promise<Float32Array> } | null = null;
  const start = (band: number, y0: number, rowCount: number) => {
    const rows = source.readRows(band, y0, rowCount);
    rows.catch(() => undefined);
    return { key: `${band}:${y0}:${rowCount}`, rows };
  };
  return {
    ...source,
    readRows(band, y0, rowCount) {
      const current =
        ahead?.key === `${band}:${y0}:${rowCount}` ? ahead : start(band, y0, rowCount);
      const nextY0 = band + 1 < source.bandCount ? y0 : y0 + rowCount;
      const nextRows = Math.min(rowCount, source.height - nextY0);
      ahead = nextRows > 0 ? start((band + 1) % source.bandCount, nextY0, nextRows) : null;
      return current.rows;
    },
  };
}

/**
 * Rewrites the GeoTIFF at `sourcePath` as a COG at `targetPath` (which may be the same path:
 * the COG replaces the source by a rename once complete). Values are read through the
 * platform's reader (raw stored values; noData → NaN → written back as noData).
 * @throws the reader's typed errors (InvalidTiffError, UnsupportedRasterError, UnknownCrsError…)
 */
export async function normaliseGeoTiff(
  sourcePath: string,
  targetPath: string,
  options: NormaliseOptions = {},
): Promise<NormaliseResult> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const sourceBytes = (await stat(sourcePath)).size;
  const geoKeys = await readGeoKeyTags(sourcePath);
  const reader = await openGeoTiff(sourcePath, { logger });
  try {
    const { info } = reader;
    const noData = info.noData ?? options.fallbackNoData ?? null;
    const written = await writeCog(
      targetPath,
      readingAhead({
        width: info.width,
        height: info.height,
        bandCount: info.bandCount,
        readRows: (bandIndex, y0, rowCount) =>
          reader.readWindow(
            { x: 0, y: y0, width: info.width, height: rowCount },
            options.signal === undefined ? { bandIndex } : { bandIndex, signal: options.signal },
          ),
      }),
      {
        sampleType: info.sampleType,
        geoTransform: info.geoTransform,
        crs: info.crs,
        ...(geoKeys === null ? {} : { geoKeys }),
        noData,
        bandMetadata: {
          descriptions: info.bandDescriptions,
          scale: info.scale,
          offset: info.offset,
        },
        tileSizePx: options.tileSizePx ?? 256,
        resampling: options.resampling ?? 'average',
        ...(options.deflateLevel === undefined ? {} : { deflateLevel: options.deflateLevel }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    );
    const elapsedMs = performance.now() - started;
    logger.debug(
      { file: path.basename(sourcePath), bytes: written.bytes, elapsedMs },
      'GeoTIFF normalised to COG',
    );
    return { ...written, source: info, sourceBytes, noData, elapsedMs };
  } finally {
    await reader.close();
  }
}
