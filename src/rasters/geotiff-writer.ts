/**
 * Writes float32 rasters as tiled, DEFLATE-compressed GeoTIFFs that GDAL and QGIS read:
 * georeferencing, EPSG GeoKeys, GDAL_NODATA and band descriptions. The file is written to a
 * temporary name in the target directory and renamed, so readers never see a partial file.
 *
 * Layout (TIFF 6.0 §2, §15 tiles): header, tiles band by band (PlanarConfiguration 2), then
 * the IFD, whose offset is patched into the header. Compression 8 (Adobe Deflate, zlib) with
 * Predictor 3 (Adobe TIFF Technical Note 3). GeoTIFF 1.1 §7.3 ModelPixelScale/ModelTiepoint
 * (or ModelTransformation when rotated or south-up), §7.4 GeoKeyDirectory with
 * GTModelTypeGeoKey, GTRasterTypeGeoKey (PixelIsArea) and ProjectedCRSGeoKey/GeodeticCRSGeoKey.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';

import { InvalidParameterError, LimitExceededError, UnsupportedRasterError } from '../errors.js';
import {
  applyFloatPredictor,
  encodeHeader,
  encodeIfd,
  FieldType,
  ifdByteLength,
  type IfdEntry,
} from './tiff-encoder.js';
import { halveLevel, overviewSizes } from './overview-builder.js';
import type { CrsInfo, GeoTransform } from './types.js';

const deflateAsync = promisify(deflate);

/** A float32 raster to write. */
export interface RasterToWrite {
  width: number;
  height: number;
  /** One row-major array of width·height values per band; NaN marks missing values. */
  bands: Float32Array[];
  geoTransform: GeoTransform;
  /** Must carry an EPSG code (user-defined CRSs cannot be written as GeoKeys yet). */
  crs: CrsInfo;
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
  /** Internal overviews (2×2 average, until one tile); default true. */
  overviews?: boolean;
}

const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  SamplesPerPixel: 277,
  PlanarConfiguration: 284,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  SampleFormat: 339,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  GeoKeyDirectory: 34735,
  GdalMetadata: 42112,
  GdalNoData: 42113,
} as const;

/** Tiles compressed concurrently (zlib runs on the libuv thread pool). */
const DEFLATE_CONCURRENCY = 4;

/** Offsets of a classic TIFF are 32-bit (BigTIFF is not written). */
const CLASSIC_TIFF_MAX_BYTES = 0xffffffff;

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
  if (!raster.geoTransform.every(Number.isFinite)) {
    throw new InvalidParameterError(
      `cannot write ${fileName}: geotransform [${raster.geoTransform.join(', ')}] is not finite`,
    );
  }
  const epsg = raster.crs.epsg;
  if (epsg === null || !Number.isInteger(epsg) || epsg <= 0 || epsg > 65535) {
    throw new UnsupportedRasterError(
      `cannot write ${fileName}: CRS "${raster.crs.name}" has no EPSG code (${String(epsg)}); ` +
        'writing user-defined CRSs as GeoKeys is not supported',
      { crs: raster.crs },
    );
  }
}

/** GeoKeyDirectory (GeoTIFF 1.1 §7.4): version 1.1.0, then [key, location 0, count 1, value]. */
function geoKeyDirectory(crs: CrsInfo): number[] {
  const geographic = /\+proj=longlat\b/.test(crs.proj4);
  const code = crs.epsg ?? 0;
  const keys: [number, number][] = [
    [1024, geographic ? 2 : 1],
    [1025, 1],
    [geographic ? 2048 : 3072, code],
  ];
  return [1, 1, 0, keys.length, ...keys.flatMap(([key, value]) => [key, 0, 1, value])];
}

function georeferencingEntries(t: GeoTransform): IfdEntry[] {
  const [t0, t1, t2, t3, t4, t5] = t;
  if (t2 === 0 && t4 === 0 && t1 > 0 && t5 < 0) {
    return [
      { tag: TAG.ModelPixelScale, type: FieldType.DOUBLE, values: [t1, -t5, 0] },
      { tag: TAG.ModelTiepoint, type: FieldType.DOUBLE, values: [0, 0, 0, t0, t3, 0] },
    ];
  }
  const matrix = [t1, t2, 0, t0, t4, t5, 0, t3, 0, 0, 0, 0, 0, 0, 0, 1];
  return [{ tag: TAG.ModelTransformation, type: FieldType.DOUBLE, values: matrix }];
}

/**
 * GDAL escapes metadata values twice (CPLEscapeString, then the XML serialiser), and unescapes
 * twice on reading; we do the same so descriptions with & < > " survive in both directions.
 */
function escapeGdalMetadataValue(text: string): string {
  return escapeXml(escapeXml(text));
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function gdalMetadataXml(descriptions: readonly string[] | undefined): string | null {
  const items = (descriptions ?? [])
    .map((text, band) =>
      text === ''
        ? null
        : `  <Item name="DESCRIPTION" sample="${band}" role="description">${escapeGdalMetadataValue(text)}</Item>`,
    )
    .filter((item) => item !== null);
  return items.length === 0 ? null : `<GDALMetadata>\n${items.join('\n')}\n</GDALMetadata>`;
}

/** GDAL_NODATA text of a noData value as stored in float32. */
export function formatGdalNoData(noData: number): string {
  if (Number.isNaN(noData)) return 'nan';
  if (noData === Infinity) return 'inf';
  if (noData === -Infinity) return '-inf';
  return String(Math.fround(noData));
}

function ifdEntries(
  raster: RasterToWrite,
  tileSizePx: number,
  offsets: number[],
  counts: number[],
): IfdEntry[] {
  const bandCount = raster.bands.length;
  const deflated = (raster.compression ?? 'deflate') === 'deflate';
  const perBand = (value: number): number[] => new Array<number>(bandCount).fill(value);
  const entries: IfdEntry[] = [
    { tag: TAG.ImageWidth, type: FieldType.LONG, values: [raster.width] },
    { tag: TAG.ImageLength, type: FieldType.LONG, values: [raster.height] },
    { tag: TAG.BitsPerSample, type: FieldType.SHORT, values: perBand(32) },
    { tag: TAG.Compression, type: FieldType.SHORT, values: [deflated ? 8 : 1] },
    { tag: TAG.Photometric, type: FieldType.SHORT, values: [1] },
    { tag: TAG.SamplesPerPixel, type: FieldType.SHORT, values: [bandCount] },
    { tag: TAG.PlanarConfiguration, type: FieldType.SHORT, values: [2] },
    { tag: TAG.Predictor, type: FieldType.SHORT, values: [deflated ? 3 : 1] },
    { tag: TAG.TileWidth, type: FieldType.SHORT, values: [tileSizePx] },
    { tag: TAG.TileLength, type: FieldType.SHORT, values: [tileSizePx] },
    { tag: TAG.TileOffsets, type: FieldType.LONG, values: offsets },
    { tag: TAG.TileByteCounts, type: FieldType.LONG, values: counts },
    { tag: TAG.SampleFormat, type: FieldType.SHORT, values: perBand(3) },
    ...georeferencingEntries(raster.geoTransform),
    { tag: TAG.GeoKeyDirectory, type: FieldType.SHORT, values: geoKeyDirectory(raster.crs) },
  ];
  if (bandCount > 1) {
    entries.push({ tag: TAG.ExtraSamples, type: FieldType.SHORT, values: perBand(0).slice(1) });
  }
  const metadata = gdalMetadataXml(raster.bandDescriptions);
  if (metadata !== null)
    entries.push({ tag: TAG.GdalMetadata, type: FieldType.ASCII, values: metadata });
  if (raster.noData !== null) {
    entries.push({
      tag: TAG.GdalNoData,
      type: FieldType.ASCII,
      values: formatGdalNoData(raster.noData),
    });
  }
  return entries;
}

/** One band of one level, or the whole pyramid's level 0. */
interface WriteLevel {
  width: number;
  height: number;
  bands: Float32Array[];
}

/** One tile of one band, padded with `fill`; NaN replaced by `fill` when `replaceNaN`. */
function extractTile(
  level: WriteLevel,
  band: Float32Array,
  tile: { x: number; y: number; sizePx: number },
  fill: number,
  replaceNaN: boolean,
): Float32Array {
  const { sizePx } = tile;
  const out = new Float32Array(sizePx * sizePx).fill(fill);
  const x0 = tile.x * sizePx;
  const y0 = tile.y * sizePx;
  const columns = Math.min(sizePx, level.width - x0);
  const rows = Math.min(sizePx, level.height - y0);
  for (let row = 0; row < rows; row++) {
    const start = (y0 + row) * level.width + x0;
    out.set(band.subarray(start, start + columns), row * sizePx);
  }
  if (replaceNaN) {
    for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = fill;
  }
  return out;
}

async function encodeTile(
  tile: Float32Array,
  tileSizePx: number,
  deflated: boolean,
): Promise<Uint8Array> {
  if (!deflated) return new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  return deflateAsync(applyFloatPredictor(tile, tileSizePx), { level: 6 });
}

interface WrittenTiles {
  offsets: number[];
  counts: number[];
  /** First free byte after the tiles. */
  position: number;
}

/** Writes the tiles of a level band after band, from `position`. */
async function writeLevelTiles(
  handle: FileHandle,
  level: WriteLevel,
  raster: RasterToWrite,
  tileSizePx: number,
  position: number,
): Promise<WrittenTiles> {
  const deflated = (raster.compression ?? 'deflate') === 'deflate';
  const fill = raster.noData === null ? 0 : Math.fround(raster.noData);
  const replaceNaN = raster.noData !== null && !Number.isNaN(fill);
  const tilesAcross = Math.ceil(level.width / tileSizePx);
  const tilesDown = Math.ceil(level.height / tileSizePx);
  const jobs: (() => Float32Array)[] = [];
  for (const band of level.bands) {
    for (let y = 0; y < tilesDown; y++) {
      for (let x = 0; x < tilesAcross; x++) {
        jobs.push(() => extractTile(level, band, { x, y, sizePx: tileSizePx }, fill, replaceNaN));
      }
    }
  }

  const written: WrittenTiles = { offsets: [], counts: [], position };
  for (let start = 0; start < jobs.length; start += DEFLATE_CONCURRENCY) {
    const batch = jobs.slice(start, start + DEFLATE_CONCURRENCY);
    const encoded = await Promise.all(batch.map((job) => encodeTile(job(), tileSizePx, deflated)));
    for (const bytes of encoded) {
      await handle.write(bytes, 0, bytes.length, written.position);
      written.offsets.push(written.position);
      written.counts.push(bytes.length);
      written.position += bytes.length;
    }
  }
  return written;
}

/** The next overview level of `level` (2×2 average of valid values). */
function nextLevel(level: WriteLevel, noData: number | null): WriteLevel {
  const noData32 = noData === null ? NaN : Math.fround(noData);
  const isMissing = (value: number): boolean => Number.isNaN(value) || value === noData32;
  const bands = level.bands.map(
    (values) => halveLevel({ width: level.width, height: level.height, values }, isMissing).values,
  );
  return { width: Math.ceil(level.width / 2), height: Math.ceil(level.height / 2), bands };
}

/** IFD entries of an overview: the image structure tags with NewSubfileType = 1. */
function overviewEntries(
  raster: RasterToWrite,
  size: { width: number; height: number },
  tileSizePx: number,
  tiles: WrittenTiles,
): IfdEntry[] {
  const resized = { ...raster, width: size.width, height: size.height };
  const structural = ifdEntries(resized, tileSizePx, tiles.offsets, tiles.counts).filter(
    (entry) => entry.tag < 33000 || entry.tag === TAG.GdalNoData,
  );
  return [{ tag: TAG.NewSubfileType, type: FieldType.LONG, values: [1] }, ...structural];
}

/** Writes the IFD chain after the tiles; returns the offset of the first IFD. */
async function writeIfds(
  handle: FileHandle,
  ifds: IfdEntry[][],
  position: number,
  fileName: string,
) {
  const offsets: number[] = [];
  let at = position + (position % 2);
  for (const entries of ifds) {
    offsets.push(at);
    at += ifdByteLength(entries);
  }
  if (at > CLASSIC_TIFF_MAX_BYTES) {
    throw new LimitExceededError(
      `cannot write ${fileName}: ${at} bytes exceed the 4 GiB of a classic TIFF`,
      { bytes: at },
    );
  }
  for (let i = 0; i < ifds.length; i++) {
    const bytes = encodeIfd(ifds[i] ?? [], offsets[i] ?? 0, offsets[i + 1] ?? 0);
    await handle.write(bytes, 0, bytes.length, offsets[i]);
  }
  return offsets[0] ?? 0;
}

/**
 * Writes the raster as a tiled float32 GeoTIFF at `filePath`, atomically (temp file in the
 * same directory + rename), with internal overviews (2×2 average, halved until one tile) unless
 * `overviews` is false. Memory: the input bands plus the overview levels (⅓ more).
 * @throws InvalidParameterError for inconsistent sizes; UnsupportedRasterError for a CRS
 *   without an EPSG code; LimitExceededError beyond 4 GiB.
 */
export async function writeGeoTiff(filePath: string, raster: RasterToWrite): Promise<void> {
  const fileName = path.basename(filePath);
  checkRaster(raster, fileName);
  const tileSizePx = raster.tileSizePx ?? 256;
  const overviewCount =
    raster.overviews === false ? 0 : overviewSizes(raster.width, raster.height, tileSizePx).length;

  const tempPath = path.join(
    path.dirname(filePath),
    `.${fileName}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(tempPath, 'w');
  try {
    let level: WriteLevel = { width: raster.width, height: raster.height, bands: raster.bands };
    let tiles = await writeLevelTiles(handle, level, raster, tileSizePx, 8);
    const ifds = [ifdEntries(raster, tileSizePx, tiles.offsets, tiles.counts)];
    for (let i = 0; i < overviewCount; i++) {
      level = nextLevel(level, raster.noData);
      tiles = await writeLevelTiles(handle, level, raster, tileSizePx, tiles.position);
      ifds.push(overviewEntries(raster, level, tileSizePx, tiles));
    }

    const firstIfd = await writeIfds(handle, ifds, tiles.position, fileName);
    await handle.write(encodeHeader(firstIfd), 0, 8, 0);
    await handle.sync();
    await handle.close();
    await rename(tempPath, filePath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
}
