/**
 * Random-access GeoTIFF reader: header checks, RasterInfo, and window reads from the best
 * overview, with noData → NaN. Bytes are fetched per strip/tile through geotiff.js `fromFile`;
 * a whole large image is never loaded.
 *
 * TIFF 6.0 §2 (header, IFD chain), NewSubfileType bit 0 = reduced-resolution image (overview),
 * bit 2 = transparency mask. GeoTIFF 1.1 for georeferencing (see geotiff-metadata.ts, crs.ts).
 */
import path from 'node:path';

import { fromFile, type GeoTIFF, type GeoTIFFImage } from 'geotiff';

import {
  CancelledError,
  InvalidParameterError,
  InvalidTiffError,
  LimitExceededError,
  RskdError,
  UnknownCrsError,
} from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { createBlockReader, type BlockReader } from './block-reader.js';
import { crsFromGeoKeys } from './crs.js';
import { DEFAULT_DECODE_LIMITS, Deadline, type DecodeLimits } from './decode-limits.js';
import {
  geoTransformOf,
  parseGdalMetadata,
  parseGdalNoData,
  sampleTypeOf,
} from './geotiff-metadata.js';
import { noDataRule, type NoDataRule } from './nodata.js';
import {
  countIfds,
  findDamagedBlocks,
  readTiffHeader,
  type DamagedBlock,
} from './tiff-structure.js';
import type {
  PixelWindow,
  RasterInfo,
  RasterReader,
  RasterWarning,
  ReadWindowOptions,
  SampleType,
} from './types.js';
import { chooseLevel, gather, indexRange, nearestIndices } from './window-sampling.js';

/** Default limit of pixels per read (decoded region or output), 100 million. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** Options of {@link openGeoTiff}. */
export interface OpenGeoTiffOptions {
  /** Receives warnings (codes NODATA_UNSET, NO_OVERVIEWS, DATUM_APPROXIMATED); silent by default. */
  logger?: Logger;
  /** Largest number of pixels one readWindow may decode or return; default 100 million. */
  maxPixels?: number;
  /** Parsing and decoding limits; defaults in {@link DEFAULT_DECODE_LIMITS}. */
  limits?: Partial<DecodeLimits>;
}

interface Level {
  image: GeoTIFFImage;
  blocks: BlockReader;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadImages(tiff: GeoTIFF, count: number): Promise<GeoTIFFImage[]> {
  const images: GeoTIFFImage[] = [];
  for (let i = 0; i < count; i++) images.push(await tiff.getImage(i));
  return images;
}

function overviewImages(images: GeoTIFFImage[]): GeoTIFFImage[] {
  const [first, ...rest] = images;
  if (first === undefined) return [];
  return rest
    .filter((image) => {
      const subfileType = Number(image.getFileDirectory().getValue('NewSubfileType') ?? 0);
      const reduced = (subfileType & 1) === 1 && (subfileType & 4) === 0;
      return (
        reduced &&
        image.getSamplesPerPixel() === first.getSamplesPerPixel() &&
        image.getWidth() < first.getWidth()
      );
    })
    .sort((a, b) => b.getWidth() - a.getWidth());
}

function collectWarnings(
  info: Omit<RasterInfo, 'warnings'>,
  fileName: string,
  damaged: readonly DamagedBlock[],
): RasterWarning[] {
  const warnings: RasterWarning[] = [];
  const outOfRange = noDataRule(info.noData, info.sampleType).outOfRange;
  if (outOfRange !== null) {
    warnings.push({
      code: 'NODATA_OUT_OF_RANGE',
      message: `${fileName}: ${outOfRange}; no pixel is masked`,
    });
  }
  if (damaged.length > 0) {
    const labels = damaged.slice(0, 5).map((block) => block.label);
    warnings.push({
      code: 'DAMAGED_BLOCKS',
      message:
        `${fileName}: ${damaged.length} block(s) lie past the end of the file ` +
        `(${labels.join(', ')}${damaged.length > 5 ? ', …' : ''}); reads touching them fail`,
    });
  }
  if (info.noData === null) {
    warnings.push({ code: 'NODATA_UNSET', message: `${fileName}: no noData value is set` });
  }
  if (info.overviews.length === 0) {
    warnings.push({
      code: 'NO_OVERVIEWS',
      message: `${fileName}: no internal overviews; downsampled reads decode full resolution`,
    });
  }
  if (info.crs.approximation !== null) {
    warnings.push({
      code: 'DATUM_APPROXIMATED',
      message: `${fileName}: ${info.crs.approximation}`,
    });
  }
  return warnings;
}

async function buildInfo(
  first: GeoTIFFImage,
  overviews: GeoTIFFImage[],
  fileName: string,
  logger: Logger,
  damaged: readonly DamagedBlock[],
): Promise<RasterInfo> {
  const sampleType: SampleType = sampleTypeOf(first, fileName);
  const bandCount = first.getSamplesPerPixel();
  const geoTransform = geoTransformOf(first, fileName);
  const geoKeys = first.getGeoKeys() ?? {};
  if (Object.keys(geoKeys).length === 0) {
    throw new UnknownCrsError(
      `${fileName}: no GeoKeys (GeoKeyDirectory tag absent): the file has no coordinate ` +
        'reference system; assign one (e.g. gdal_edit.py -a_srs EPSG:…) and upload again',
      { file: fileName, keys: [] },
    );
  }
  let crs;
  try {
    crs = crsFromGeoKeys(geoKeys);
  } catch (error) {
    if (!(error instanceof UnknownCrsError)) throw error;
    throw new UnknownCrsError(`${fileName}: ${error.message}`, {
      ...error.details,
      file: fileName,
    });
  }

  const directory = first.getFileDirectory();
  const { noData, unparsed } = parseGdalNoData(directory.getValue('GDAL_NODATA'));
  if (unparsed !== null) {
    logger.warn({ file: fileName, gdalNoData: unparsed }, 'GDAL_NODATA is not a number; ignored');
  }
  const metadataXml: unknown = directory.hasTag('GDAL_METADATA')
    ? await directory.loadValue('GDAL_METADATA')
    : undefined;
  const { scale, offset, bandDescriptions } = parseGdalMetadata(metadataXml, bandCount);

  const partial = {
    width: first.getWidth(),
    height: first.getHeight(),
    bandCount,
    sampleType,
    geoTransform,
    crs,
    noData,
    scale,
    offset,
    bandDescriptions,
    overviews: overviews.map((image) => ({ width: image.getWidth(), height: image.getHeight() })),
  };
  return { ...partial, warnings: collectWarnings(partial, fileName, damaged) };
}

/**
 * Opens a GeoTIFF for random-access window reads.
 * @throws InvalidTiffError for a non-TIFF, a truncated file or a structure geotiff.js rejects
 *   (messages start with the file name); UnsupportedRasterError for sample types or layouts the
 *   platform does not handle; UnknownCrsError for GeoKeys that do not resolve.
 */
export async function openGeoTiff(
  filePath: string,
  options: OpenGeoTiffOptions = {},
): Promise<RasterReader> {
  const fileName = path.basename(filePath);
  const logger = options.logger ?? silentLogger;
  const header = await readTiffHeader(filePath, fileName);
  const limits: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, ...options.limits };
  const ifdCount = await countIfds(filePath, fileName, header, limits.maxIfds);

  let tiff: GeoTIFF;
  try {
    tiff = await fromFile(filePath);
  } catch (error) {
    throw new InvalidTiffError(
      `${fileName}: cannot parse the TIFF structure: ${describeError(error)}`,
      {
        file: fileName,
      },
    );
  }

  try {
    const images = await loadImages(tiff, ifdCount);
    const first = images[0];
    if (first === undefined) throw new InvalidTiffError(`${fileName}: the TIFF has no image`);
    const overviews = overviewImages(images);
    const blockLimits = { ...limits, fileSizeBytes: header.fileSizeBytes };
    const damaged: DamagedBlock[] = [];
    for (const image of [first, ...overviews]) {
      damaged.push(...(await findDamagedBlocks(image, fileName, blockLimits)));
    }

    const info = await buildInfo(first, overviews, fileName, logger, damaged);
    for (const warning of info.warnings)
      logger.warn({ code: warning.code, file: fileName }, warning.message);

    const levels: Level[] = [];
    for (const image of [first, ...overviews]) {
      const blocks = await createBlockReader(image, fileName, info.sampleType, blockLimits);
      levels.push({ image, blocks });
    }
    return new GeoTiffReader(filePath, fileName, tiff, info, levels, {
      maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
      maxReadMs: limits.maxReadMs,
    });
  } catch (error) {
    await tiff.close();
    if (error instanceof RskdError) throw error;
    throw new InvalidTiffError(`${fileName}: cannot read the TIFF: ${describeError(error)}`, {
      file: fileName,
    });
  }
}

function checkWindow(window: PixelWindow, outWidth: number, outHeight: number): void {
  const integers = [window.x, window.y, window.width, window.height, outWidth, outHeight];
  if (
    !integers.every(Number.isSafeInteger) ||
    window.width <= 0 ||
    window.height <= 0 ||
    outWidth <= 0 ||
    outHeight <= 0
  ) {
    throw new InvalidParameterError(
      `invalid window {x: ${window.x}, y: ${window.y}, width: ${window.width}, height: ${window.height}} ` +
        `or output size ${outWidth}×${outHeight}: integers and positive sizes are required`,
      { window, outWidth, outHeight },
    );
  }
}

class GeoTiffReader implements RasterReader {
  private readonly maxPixels: number;
  private readonly maxReadMs: number;
  private readonly noData: NoDataRule;

  constructor(
    readonly path: string,
    private readonly fileName: string,
    private readonly tiff: GeoTIFF,
    readonly info: RasterInfo,
    private readonly levels: Level[],
    limits: { maxPixels: number; maxReadMs: number },
  ) {
    this.maxPixels = limits.maxPixels;
    this.maxReadMs = limits.maxReadMs;
    this.noData = noDataRule(info.noData, info.sampleType);
  }

  private checkPixels(what: string, width: number, height: number): void {
    if (width * height <= this.maxPixels) return;
    throw new LimitExceededError(
      `${this.fileName}: ${what} of ${width}×${height} = ${width * height} pixels exceeds the ` +
        `limit of ${this.maxPixels} pixels per read`,
      { file: this.fileName, width, height, maxPixels: this.maxPixels },
    );
  }

  async readWindow(window: PixelWindow, options: ReadWindowOptions): Promise<Float32Array> {
    const outWidth = options.outWidth ?? window.width;
    const outHeight = options.outHeight ?? window.height;
    checkWindow(window, outWidth, outHeight);
    const { bandIndex, signal } = options;
    if (!Number.isInteger(bandIndex) || bandIndex < 0 || bandIndex >= this.info.bandCount) {
      throw new InvalidParameterError(
        `${this.fileName}: band index ${bandIndex} is outside 0..${this.info.bandCount - 1}`,
        { bandIndex, bandCount: this.info.bandCount },
      );
    }
    this.checkPixels('an output', outWidth, outHeight);
    if (signal?.aborted) throw new CancelledError();

    const sizes = this.levels.map(({ image }) => ({
      width: image.getWidth(),
      height: image.getHeight(),
    }));
    const levelIndex = chooseLevel(sizes, window, outWidth, outHeight);
    const level = this.levels[levelIndex] ?? this.levels[0];
    if (level === undefined) throw new InvalidTiffError(`${this.fileName}: no readable image`);
    const levelWidth = level.image.getWidth();
    const levelHeight = level.image.getHeight();
    const cols = nearestIndices(
      window.x,
      window.width,
      outWidth,
      levelWidth / this.info.width,
      levelWidth,
    );
    const rows = nearestIndices(
      window.y,
      window.height,
      outHeight,
      levelHeight / this.info.height,
      levelHeight,
    );

    const colRange = indexRange(cols);
    const rowRange = indexRange(rows);
    if (colRange === null || rowRange === null)
      return new Float32Array(outWidth * outHeight).fill(NaN);
    const region = {
      x: colRange[0],
      y: rowRange[0],
      width: colRange[1] - colRange[0] + 1,
      height: rowRange[1] - rowRange[0] + 1,
    };
    this.checkPixels('a decoded region', region.width, region.height);

    const values = await level.blocks.readRegion(region, bandIndex, {
      noData: this.noData,
      deadline: new Deadline(this.fileName, this.maxReadMs),
      signal,
    });
    return gather(values, region.x, region.y, region.width, cols, rows);
  }

  async close(): Promise<void> {
    await this.tiff.close();
  }
}
