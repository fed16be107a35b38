/**
 * Streaming Cloud Optimized GeoTIFF writer. Rows are read from a {@link CogSource} one strip of
 * tiles at a time, encoded into per-level spill files while each overview level is built from
 * the previous one, and the file is then assembled in the layout GDAL's COG driver writes and
 * its validator (osgeo_utils validate_cloud_optimized_geotiff) checks: header, GDAL's
 * structural-metadata "ghost" block, the IFDs of every level (full resolution first), then the
 * tile data from the smallest overview to the full resolution, tiles row-major in each band.
 * Written to a temporary name beside the target and renamed, so readers never see a partial
 * file. Memory is a few strips of tiles per level, whatever the raster size.
 */
import { randomBytes } from 'node:crypto';
import { endianness } from 'node:os';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

import { InvalidParameterError, UnsupportedRasterError } from '../errors.js';
import {
  epsgGeoKeys,
  gdalMetadataXml,
  geoKeyEntries,
  georeferencingEntries,
  SAMPLE_LAYOUT,
  structureEntries,
  TAG,
  type BandMetadata,
  type GeoKeyTags,
} from './cog-tags.js';
import { PyramidLevel, type LevelEncoding } from './cog-level.js';
import { TileQueue } from './cog-tile-queue.js';
import { overviewSizes, type OverviewResampling } from './overview-builder.js';
import {
  encodeHeader,
  encodeIfd,
  FieldType,
  headerByteLength,
  ifdByteLength,
} from './tiff-encoder.js';
import type { IfdEntry } from './tiff-encoder.js';
import type { CrsInfo, GeoTransform, SampleType } from './types.js';

/** Where the writer takes its rows from. */
export interface CogSource {
  width: number;
  height: number;
  bandCount: number;
  /**
   * Rows `y0 … y0 + rowCount − 1` of band `bandIndex` (0-based), row-major, `width` values per
   * row; NaN (or the noData value) marks missing values.
   */
  readRows(bandIndex: number, y0: number, rowCount: number): Promise<Float32Array>;
}

/** How to write the COG. */
export interface CogOptions {
  /** Stored sample type; default float32. Integer types get predictor 2, floats predictor 3. */
  sampleType?: SampleType;
  geoTransform: GeoTransform;
  /** Used for the GeoKeys when `geoKeys` is not given (then it needs an EPSG code). */
  crs: CrsInfo;
  /** GeoKey tags copied verbatim from a source file (keeps user-defined CRSs). */
  geoKeys?: GeoKeyTags;
  /**
   * GDAL_NODATA; missing values (NaN) are stored as it, and values equal to it are left out of
   * overviews. null writes no tag (missing integer samples are then stored as 0).
   */
  noData: number | null;
  /** Descriptions, scale and offset per band (GDAL_METADATA). */
  bandMetadata?: BandMetadata;
  /** Tile edge in pixels; default 256. */
  tileSizePx?: 256 | 512;
  /** Default 'deflate' (with the predictor of the sample type). */
  compression?: 'deflate' | 'none';
  /**
   * One zlib level, 1 (fastest) … 9 (smallest), for every tile (as GDAL's ZLEVEL); by default
   * a fast mix of run-length and LZ77 DEFLATE per tile (sizes within a few % of level 6 on
   * noisy data, several times faster; figures in cog-level.ts).
   */
  deflateLevel?: number;
  /** Internal overviews, halved until the larger side fits one tile; default true. */
  overviews?: boolean;
  /** Default 'average' (ignores missing values); 'mode' or 'nearest' for classes. */
  resampling?: OverviewResampling;
  /** 'auto' (default): BigTIFF only when a classic TIFF cannot address the file. */
  bigTiff?: 'auto' | 'always';
  signal?: AbortSignal;
}

/** What was written. */
export interface CogWriteResult {
  /** File size in bytes. */
  bytes: number;
  bigTiff: boolean;
  /** Sizes of level 0 and of each overview, finest first. */
  levels: { width: number; height: number }[];
}

/** Offsets of a classic TIFF are 32-bit. */
const CLASSIC_TIFF_MAX_BYTES = 0xffffffff;

/** GDAL's structural metadata of a COG (gcore/gdal_priv.h and frmts/gtiff/cogdriver.cpp). */
const STRUCTURAL_METADATA = [
  'LAYOUT=IFDS_BEFORE_DATA',
  'BLOCK_ORDER=ROW_MAJOR',
  'BLOCK_LEADER=SIZE_AS_UINT4',
  'BLOCK_TRAILER=LAST_4_BYTES_REPEATED',
  'KNOWN_INCOMPATIBLE_EDITION=NO',
]
  .map((line) => `${line}\n`)
  .join('');

/** The ghost block: "GDAL_STRUCTURAL_METADATA_SIZE=nnnnnn bytes\n" and its content. */
function ghostBlock(): string {
  const content =
    STRUCTURAL_METADATA.length % 2 === 0 ? STRUCTURAL_METADATA : `${STRUCTURAL_METADATA} `;
  const size = String(content.length).padStart(6, '0');
  return `GDAL_STRUCTURAL_METADATA_SIZE=${size} bytes\n${content}`;
}

const INTEGER_RANGES: Partial<Record<SampleType, [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  uint32: [0, 4294967295],
  int32: [-2147483648, 2147483647],
};

function checkOptions(source: CogSource, options: CogOptions, fileName: string): void {
  const { width, height, bandCount } = source;
  if (![width, height, bandCount].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new InvalidParameterError(
      `cannot write ${fileName}: invalid size ${width}×${height}×${bandCount} bands`,
    );
  }
  if (!options.geoTransform.every(Number.isFinite)) {
    throw new InvalidParameterError(
      `cannot write ${fileName}: geotransform [${options.geoTransform.join(', ')}] is not finite`,
    );
  }
  const sampleType = options.sampleType ?? 'float32';
  const level = options.deflateLevel ?? 1;
  if (!Number.isInteger(level) || level < 1 || level > 9) {
    throw new InvalidParameterError(`cannot write ${fileName}: DEFLATE level ${level} not in 1…9`);
  }
  const range = INTEGER_RANGES[sampleType];
  const noData = options.noData;
  if (range !== undefined && noData !== null) {
    if (!Number.isInteger(noData) || noData < range[0] || noData > range[1]) {
      throw new InvalidParameterError(
        `cannot write ${fileName}: noData ${noData} is not a ${sampleType} value`,
        { noData, sampleType },
      );
    }
  }
  if (endianness() !== 'LE') {
    throw new UnsupportedRasterError(
      `cannot write ${fileName}: big-endian hosts are not supported`,
    );
  }
}

function levelEncoding(options: CogOptions): LevelEncoding {
  const sampleType = options.sampleType ?? 'float32';
  const float = SAMPLE_LAYOUT[sampleType].format === 3;
  const noData = options.noData;
  const stored = noData === null ? NaN : sampleType === 'float64' ? noData : Math.fround(noData);
  return {
    sampleType,
    tileSizePx: options.tileSizePx ?? 256,
    deflate: (options.compression ?? 'deflate') === 'deflate',
    deflateLevel: options.deflateLevel ?? null,
    fill: Number.isNaN(stored) ? (float ? NaN : 0) : stored,
    resampling: options.resampling ?? 'average',
    noData: stored,
  };
}

/** Reads the source strip by strip and feeds level 0 (which feeds the overviews). */
async function streamSource(
  source: CogSource,
  level0: PyramidLevel,
  options: CogOptions,
  tileSizePx: number,
) {
  for (let y0 = 0; y0 < source.height; y0 += tileSizePx) {
    const rowCount = Math.min(tileSizePx, source.height - y0);
    for (let band = 0; band < source.bandCount; band++) {
      options.signal?.throwIfAborted();
      const rows = await source.readRows(band, y0, rowCount);
      if (rows.length !== rowCount * source.width) {
        throw new InvalidParameterError(
          `source band ${band} rows ${y0}+${rowCount}: ${rows.length} values, ` +
            `${rowCount * source.width} expected`,
        );
      }
      for (let r = 0; r < rowCount; r++) {
        await level0.pushRow(band, rows.subarray(r * source.width, (r + 1) * source.width));
      }
    }
  }
}

/** Byte positions of every IFD and of every level's data, for one TIFF flavour. */
interface Layout {
  bigTiff: boolean;
  ifdOffsets: number[];
  dataBases: number[];
  totalBytes: number;
}

function even(n: number): number {
  return n + (n % 2);
}

function planLayout(
  levels: readonly PyramidLevel[],
  entriesOf: (index: number, layout: Layout | null, bigTiff: boolean) => IfdEntry[],
  bigTiff: boolean,
): Layout {
  let at = even(headerByteLength(bigTiff) + ghostBlock().length);
  const ifdOffsets = levels.map((_, i) => {
    const offset = at;
    at = even(at + ifdByteLength(entriesOf(i, null, bigTiff), bigTiff));
    return offset;
  });
  const dataBases = new Array<number>(levels.length).fill(0);
  for (let i = levels.length - 1; i >= 0; i--) {
    dataBases[i] = at;
    at += levels[i]?.spillBytes ?? 0;
  }
  return { bigTiff, ifdOffsets, dataBases, totalBytes: at };
}

async function copySpill(from: FileHandle, bytes: number, to: FileHandle, position: number) {
  const buffer = Buffer.allocUnsafe(Math.min(bytes, 8 << 20));
  for (let done = 0; done < bytes;) {
    const { bytesRead } = await from.read(buffer, 0, Math.min(buffer.length, bytes - done), done);
    if (bytesRead === 0) throw new Error(`spill file ended at ${done} of ${bytes} bytes`);
    await to.write(buffer, 0, bytesRead, position + done);
    done += bytesRead;
  }
}

/**
 * Writes the COG at `filePath` from `source`, atomically. Memory is bounded by a strip of
 * `tileSizePx` rows per band and level; temporary spill files beside the target hold the
 * encoded tiles until the file is assembled (disk: about twice the output size at the peak).
 * @throws InvalidParameterError for inconsistent sizes or a noData the sample type cannot hold;
 *   UnsupportedRasterError for a CRS without an EPSG code when no `geoKeys` are given.
 */
export async function writeCog(
  filePath: string,
  source: CogSource,
  options: CogOptions,
): Promise<CogWriteResult> {
  const fileName = path.basename(filePath);
  checkOptions(source, options, fileName);
  const geoKeys = options.geoKeys ?? epsgGeoKeys(options.crs, fileName);
  const encoding = levelEncoding(options);
  const tileSizePx = encoding.tileSizePx;
  const sizes = [
    { width: source.width, height: source.height },
    ...(options.overviews === false ? [] : overviewSizes(source.width, source.height, tileSizePx)),
  ];

  const base = path.join(
    path.dirname(filePath),
    `.${fileName}.${process.pid}.${randomBytes(4).toString('hex')}`,
  );
  const spillPaths = sizes.map((_, i) => `${base}.level${i}.spill`);
  const spills: FileHandle[] = [];
  const tempPath = `${base}.tmp`;
  const queue = new TileQueue();
  let renamed = false;
  try {
    for (const spillPath of spillPaths) spills.push(await open(spillPath, 'w+'));
    const levels = buildLevels(sizes, source.bandCount, encoding, spills, queue);
    await streamSource(source, levels[0]!, options, tileSizePx);
    await queue.drain();

    const result = await assemble(tempPath, levels, spills, { source, options, geoKeys, encoding });
    await rename(tempPath, filePath);
    renamed = true;
    return { ...result, levels: sizes };
  } finally {
    await queue.settle();
    for (const spill of spills) await spill.close().catch(() => undefined);
    for (const spillPath of spillPaths) await unlink(spillPath).catch(() => undefined);
    if (!renamed) await unlink(tempPath).catch(() => undefined);
  }
}

function buildLevels(
  sizes: readonly { width: number; height: number }[],
  bandCount: number,
  encoding: LevelEncoding,
  spills: readonly FileHandle[],
  queue: TileQueue,
): PyramidLevel[] {
  const levels: PyramidLevel[] = [];
  let next: PyramidLevel | null = null;
  for (let i = sizes.length - 1; i >= 0; i--) {
    const size = sizes[i]!;
    next = new PyramidLevel({ ...size, bandCount }, encoding, spills[i]!, next, queue);
    levels.unshift(next);
  }
  return levels;
}

interface AssembleContext {
  source: CogSource;
  options: CogOptions;
  geoKeys: GeoKeyTags;
  encoding: LevelEncoding;
}

/** IFD entries of level `index`; placeholder offsets when `layout` is null. */
function levelEntries(
  levels: readonly PyramidLevel[],
  context: AssembleContext,
): (index: number, layout: Layout | null, bigTiff: boolean) => IfdEntry[] {
  const { source, options, geoKeys, encoding } = context;
  const metadata = gdalMetadataXml(options.bandMetadata ?? {}, source.bandCount);
  return (index, layout, bigTiff) => {
    const level = levels[index]!;
    const dataBase = layout?.dataBases[index] ?? 0;
    const entries = structureEntries({
      width: level.width,
      height: level.height,
      bandCount: source.bandCount,
      sampleType: encoding.sampleType,
      tileSizePx: encoding.tileSizePx,
      deflate: encoding.deflate,
      overview: index > 0,
      tileOffsets: level.tileOffsets.map((offset) => offset + dataBase),
      tileByteCounts: level.tileByteCounts,
      bigTiff,
      noData: options.noData,
    });
    if (index > 0) return entries;
    entries.push(...georeferencingEntries(options.geoTransform), ...geoKeyEntries(geoKeys));
    if (metadata !== null)
      entries.push({ tag: TAG.GdalMetadata, type: FieldType.ASCII, values: metadata });
    return entries;
  };
}

async function assemble(
  tempPath: string,
  levels: readonly PyramidLevel[],
  spills: readonly FileHandle[],
  context: AssembleContext,
): Promise<{ bytes: number; bigTiff: boolean }> {
  const entriesOf = levelEntries(levels, context);
  let layout = planLayout(levels, entriesOf, context.options.bigTiff === 'always');
  if (!layout.bigTiff && layout.totalBytes > CLASSIC_TIFF_MAX_BYTES) {
    layout = planLayout(levels, entriesOf, true);
  }

  const out = await open(tempPath, 'w');
  try {
    const header = encodeHeader(layout.ifdOffsets[0] ?? 0, layout.bigTiff);
    await out.write(header, 0, header.length, 0);
    await out.write(ghostBlock(), header.length, 'latin1');
    for (let i = 0; i < levels.length; i++) {
      const entries = entriesOf(i, layout, layout.bigTiff);
      const at = layout.ifdOffsets[i] ?? 0;
      const ifd = encodeIfd(entries, at, layout.ifdOffsets[i + 1] ?? 0, layout.bigTiff);
      await out.write(ifd, 0, ifd.length, at);
    }
    for (let i = levels.length - 1; i >= 0; i--) {
      await copySpill(spills[i]!, levels[i]!.spillBytes, out, layout.dataBases[i] ?? 0);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { bytes: layout.totalBytes, bigTiff: layout.bigTiff };
}
