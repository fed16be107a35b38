/**
 * Reads a pixel region of one band of one TIFF image (full resolution or an overview) as
 * float32, block by block: fetch the strip/tile bytes (random access), decompress (see
 * block-decoders.ts), undo the predictor and byte order ourselves (tiff-predictor.ts; geotiff.js
 * 3.0.5 gets big-endian predictors wrong), then copy samples out through typed views, applying
 * the noData rule to the samples as stored (nodata.ts), before they become float32.
 *
 * TIFF 6.0 §3 strips (RowsPerStrip; the last strip may be short), §15 tiles (edge tiles are
 * padded to the full tile size), §8 PlanarConfiguration (1 chunky, 2 planar). Sparse blocks
 * (offset and byte count 0) read as the noData value, else 0, as GDAL's GTiff driver does.
 * JPEG-compressed YCbCr blocks are converted to RGB after decoding (see ycbcr.ts). Decoded
 * blocks of multi-band chunky images are kept in a bounded cache that follows the size of the
 * regions read, so reading band after band (even concurrently) decodes each block once.
 */
import type { GeoTIFFImage } from 'geotiff';

import { CancelledError, InvalidTiffError, LimitExceededError } from '../errors.js';
import {
  BLOCK_COMPRESSIONS,
  createBlockDecoder,
  type BlockDecoder,
  type BlockShape,
} from './block-decoders.js';
import type { Deadline } from './decode-limits.js';
import { SAMPLE_BYTES } from './geotiff-metadata.js';
import type { NoDataRule } from './nodata.js';
import { SAMPLE_ARRAYS, type SampleArray } from './sample-arrays.js';
import { toHostOrder } from './tiff-predictor.js';
import type { SampleType } from './types.js';
import { ycbcrConversionOf, ycbcrToRgbInPlace } from './ycbcr.js';

/**
 * Decoded bytes kept per image (overview level) for band-after-band reads of chunky blocks: at
 * least this, twice the blocks of the largest region read so far (that region and the one read
 * ahead, e.g. a 256-row strip of a wide 4-band file), at most BLOCK_CACHE_MAX_BYTES.
 */
const BLOCK_CACHE_BYTES = 8 * 1024 * 1024;
const BLOCK_CACHE_MAX_BYTES = 48 * 1024 * 1024;

/** A rectangle inside the image, in its own pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How one read treats missing values and time. */
export interface RegionReadOptions {
  /** The band's noData rule: matching samples become NaN, sparse blocks too when set. */
  noData: NoDataRule;
  /** Stops the read once passed (LimitExceededError). */
  deadline: Deadline;
  signal?: AbortSignal | undefined;
}

/**
 * Least-recently-used decoded blocks (as promises, so concurrent reads of the same block share
 * one decode), bounded by the blocks' expected decoded sizes. A failed decode is dropped.
 */
class BlockCache {
  private readonly blocks = new Map<
    number,
    { block: Promise<SampleArray | null>; bytes: number }
  >();
  private bytes = 0;

  constructor(private capacityBytes: number) {}

  /** Raises the capacity to `bytes` (never lowers it). */
  growTo(bytes: number): void {
    this.capacityBytes = Math.max(this.capacityBytes, bytes);
  }

  get(index: number): Promise<SampleArray | null> | undefined {
    const entry = this.blocks.get(index);
    if (entry === undefined) return undefined;
    this.blocks.delete(index);
    this.blocks.set(index, entry);
    return entry.block;
  }

  set(index: number, block: Promise<SampleArray | null>, bytes: number): void {
    if (bytes > this.capacityBytes || this.blocks.has(index)) return;
    const entry = { block, bytes };
    this.blocks.set(index, entry);
    this.bytes += bytes;
    block.catch(() => {
      if (this.blocks.get(index) !== entry) return;
      this.blocks.delete(index);
      this.bytes -= bytes;
    });
    for (const [oldIndex, old] of this.blocks) {
      if (this.bytes <= this.capacityBytes) break;
      this.blocks.delete(oldIndex);
      this.bytes -= old.bytes;
    }
  }
}

/** Shape of an image's blocks, the same for every block (edge tiles are padded). */
interface BlockGeometry {
  /** Tile width, or the image width for strips. */
  width: number;
  /** Tile height, or RowsPerStrip up to the image height. */
  rows: number;
  /** Samples interleaved in a block: the bands of a chunky image, 1 for planar-separate. */
  samplesPerPixel: number;
  /** Expected decoded size of one block. */
  bytes: number;
}

function blockGeometry(image: GeoTIFFImage, sampleType: SampleType): BlockGeometry {
  const width = image.getTileWidth();
  const tileHeight = image.getTileHeight();
  const rows = image.isTiled ? tileHeight : Math.min(tileHeight, image.getHeight());
  const samplesPerPixel = image.planarConfiguration === 2 ? 1 : image.getSamplesPerPixel();
  return {
    width,
    rows,
    samplesPerPixel,
    bytes: width * rows * samplesPerPixel * SAMPLE_BYTES[sampleType],
  };
}

/** What a block reader is built from; see {@link createBlockReader}. */
interface BlockReaderSetup {
  image: GeoTIFFImage;
  fileName: string;
  fileSizeBytes: number;
  sampleType: SampleType;
  compression: number;
  predictor: number;
  decoder: BlockDecoder;
  ycbcrToRgb: boolean;
  geometry: BlockGeometry;
}

/** Block reader of one image; create with {@link createBlockReader}. */
export class BlockReader {
  private readonly image: GeoTIFFImage;
  private readonly fileName: string;
  private readonly blockWidth: number;
  private readonly blockHeight: number;
  private readonly blockBytes: number;
  private readonly blocksAcross: number;
  private readonly blocksDown: number;
  private readonly bytesPerSample: number;
  private readonly chunkySamples: number;
  private readonly cache: BlockCache | null;

  constructor(private readonly setup: BlockReaderSetup) {
    const { image, geometry } = setup;
    this.image = image;
    this.fileName = setup.fileName;
    this.blockWidth = geometry.width;
    this.blockHeight = geometry.rows;
    this.blockBytes = geometry.bytes;
    this.blocksAcross = Math.ceil(image.getWidth() / geometry.width);
    this.blocksDown = Math.ceil(image.getHeight() / geometry.rows);
    this.bytesPerSample = SAMPLE_BYTES[setup.sampleType];
    this.chunkySamples = geometry.samplesPerPixel;
    this.cache = this.chunkySamples > 1 ? new BlockCache(BLOCK_CACHE_BYTES) : null;
  }

  /**
   * Raw values of band `bandIndex` in `region` (which must lie inside the image), as float32,
   * with noData samples as NaN.
   */
  async readRegion(
    region: Region,
    bandIndex: number,
    options: RegionReadOptions,
  ): Promise<Float32Array> {
    if (!BLOCK_COMPRESSIONS.has(this.setup.compression)) {
      return this.readWithGeotiff(region, bandIndex, options);
    }

    const out = new Float32Array(region.width * region.height);
    const { blockWidth, blockHeight } = this;
    const firstX = Math.floor(region.x / blockWidth);
    const lastX = Math.floor((region.x + region.width - 1) / blockWidth);
    const firstY = Math.floor(region.y / blockHeight);
    const lastY = Math.floor((region.y + region.height - 1) / blockHeight);

    const blockCount = (lastX - firstX + 1) * (lastY - firstY + 1);
    this.cache?.growTo(Math.min(2 * blockCount * this.blockBytes, BLOCK_CACHE_MAX_BYTES));
    const tasks: Promise<void>[] = [];
    for (let by = firstY; by <= lastY; by++) {
      for (let bx = firstX; bx <= lastX; bx++) {
        tasks.push(
          this.decodeBlock(bx, by, bandIndex, options).then((block) =>
            this.copyBlock(block, bx, by, bandIndex, region, out, options.noData),
          ),
        );
      }
    }
    await Promise.all(tasks);
    return out;
  }

  private blockIndex(bx: number, by: number, bandIndex: number): number {
    const planeOffset =
      this.image.planarConfiguration === 2 ? bandIndex * this.blocksAcross * this.blocksDown : 0;
    return planeOffset + by * this.blocksAcross + bx;
  }

  private async decodeBlock(
    bx: number,
    by: number,
    bandIndex: number,
    options: RegionReadOptions,
  ): Promise<SampleArray | null> {
    if (options.signal?.aborted) throw new CancelledError();
    options.deadline.check();
    const index = this.blockIndex(bx, by, bandIndex);
    const cached = this.cache?.get(index);
    if (cached !== undefined) return cached;
    const block = this.fetchAndDecode(index, by, options);
    this.cache?.set(index, block, this.blockBytes);
    return block;
  }

  private shapeOf(index: number): BlockShape {
    return {
      label: `${this.image.isTiled ? 'tile' : 'strip'} ${index}`,
      width: this.blockWidth,
      rows: this.blockHeight,
      samplesPerPixel: this.chunkySamples,
      expectedBytes: this.blockBytes,
    };
  }

  private async fetchRaw(index: number, shape: BlockShape, signal?: AbortSignal) {
    const directory = this.image.getFileDirectory();
    const tiled = this.image.isTiled;
    const offset = Number(
      await directory.loadValueIndexed(tiled ? 'TileOffsets' : 'StripOffsets', index),
    );
    const byteCount = Number(
      await directory.loadValueIndexed(tiled ? 'TileByteCounts' : 'StripByteCounts', index),
    );
    if (byteCount === 0) return null;
    const end = offset + byteCount;
    if (!Number.isFinite(end) || end > this.setup.fileSizeBytes) {
      throw new InvalidTiffError(
        `${this.fileName}: ${shape.label} (bytes ${offset}–${end}) lies past the end of the ` +
          `file (${this.setup.fileSizeBytes} bytes): the file is truncated or corrupt`,
        { file: this.fileName, block: shape.label, blockEnd: end },
      );
    }
    const [raw] = await this.image.source.fetch([{ offset, length: byteCount }], signal);
    if (raw === undefined || raw.byteLength < byteCount) {
      throw new InvalidTiffError(`${this.fileName}: ${shape.label} could not be read`, {
        file: this.fileName,
        block: shape.label,
      });
    }
    return raw;
  }

  private async fetchAndDecode(
    index: number,
    by: number,
    options: RegionReadOptions,
  ): Promise<SampleArray | null> {
    const shape = this.shapeOf(index);
    const raw = await this.fetchRaw(index, shape, options.signal);
    if (raw === null) return null;
    // Blocks are fetched concurrently: check the deadline again once this one's bytes are in.
    options.deadline.check();
    let bytes = await this.setup.decoder.decode(raw, shape);
    if (bytes.byteOffset % this.bytesPerSample !== 0) bytes = bytes.slice();

    const rows = this.rowsInBlock(by);
    toHostOrder(bytes, {
      predictor: this.setup.predictor,
      blockWidth: shape.width,
      rows,
      samplesPerPixel: this.chunkySamples,
      bytesPerSample: this.bytesPerSample,
      littleEndian: this.image.littleEndian,
    });
    if (this.setup.ycbcrToRgb) ycbcrToRgbInPlace(bytes, shape.width * rows);
    const ArrayType = SAMPLE_ARRAYS[this.setup.sampleType];
    return new ArrayType(
      bytes.buffer,
      bytes.byteOffset,
      Math.floor(bytes.byteLength / this.bytesPerSample),
    );
  }

  private rowsInBlock(by: number): number {
    const { blockHeight } = this;
    return this.image.isTiled
      ? blockHeight
      : Math.min(blockHeight, this.image.getHeight() - by * blockHeight);
  }

  private copyBlock(
    block: SampleArray | null,
    bx: number,
    by: number,
    bandIndex: number,
    region: Region,
    out: Float32Array,
    noData: NoDataRule,
  ): void {
    const { blockWidth, blockHeight } = this;
    const x0 = Math.max(region.x, bx * blockWidth);
    const x1 = Math.min(region.x + region.width, (bx + 1) * blockWidth, this.image.getWidth());
    const y0 = Math.max(region.y, by * blockHeight);
    const y1 = Math.min(region.y + region.height, (by + 1) * blockHeight, this.image.getHeight());

    const spp = this.chunkySamples;
    const band = spp > 1 ? bandIndex : 0;
    const needed = ((y1 - 1 - by * blockHeight) * blockWidth + (x1 - bx * blockWidth)) * spp;
    if (block !== null && block.length < needed) {
      throw new InvalidTiffError(
        `${this.fileName}: ${this.shapeOf(this.blockIndex(bx, by, bandIndex)).label} decodes ` +
          `to ${block.length} samples, ${needed} needed`,
        { file: this.fileName },
      );
    }

    const masksNaN = noData.matchesNaN;
    const target = noData.target ?? NaN;
    const sparseFill = noData.target === null ? 0 : NaN;
    const plainCopy = spp === 1 && noData.target === null && !masksNaN;
    for (let y = y0; y < y1; y++) {
      let outAt = (y - region.y) * region.width + (x0 - region.x);
      if (block === null) {
        out.fill(sparseFill, outAt, outAt + (x1 - x0));
        continue;
      }
      let at = ((y - by * blockHeight) * blockWidth + (x0 - bx * blockWidth)) * spp + band;
      if (plainCopy) {
        // Typed-array set converts to float32 as the assignment below does.
        out.set(block.subarray(at, at + (x1 - x0)), outAt);
        continue;
      }
      for (let x = x0; x < x1; x++, at += spp) {
        const sample = block[at]!;
        out[outAt++] = sample === target || (masksNaN && sample !== sample) ? NaN : sample;
      }
    }
  }

  private async readWithGeotiff(
    region: Region,
    bandIndex: number,
    options: RegionReadOptions,
  ): Promise<Float32Array> {
    const { signal } = options;
    options.deadline.check();
    let rasters;
    try {
      rasters = await this.image.readRasters({
        window: [region.x, region.y, region.x + region.width, region.y + region.height],
        samples: [bandIndex],
        interleave: false,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (signal?.aborted) throw new CancelledError();
      throw new InvalidTiffError(
        `${this.fileName}: cannot decode compression ${this.setup.compression}: ${String(error)}`,
        { file: this.fileName, compression: this.setup.compression },
      );
    }
    options.deadline.check();
    const band = rasters[0];
    if (band === undefined) {
      throw new InvalidTiffError(`${this.fileName}: band ${bandIndex} is empty`);
    }
    const out = new Float32Array(band.length);
    for (let i = 0; i < band.length; i++) {
      const sample = Number(band[i]);
      out[i] = options.noData.matches(sample) ? NaN : sample;
    }
    return out;
  }
}

/**
 * A block reader for an image of a file of `fileSizeBytes`.
 * @throws LimitExceededError when a block would decode to more than `maxBlockBytes`.
 */
export async function createBlockReader(
  image: GeoTIFFImage,
  fileName: string,
  sampleType: SampleType,
  limits: { fileSizeBytes: number; maxBlockBytes: number },
): Promise<BlockReader> {
  const directory = image.getFileDirectory();
  const compression = Number((await directory.loadValue('Compression')) ?? 1);
  const predictor = Number((await directory.loadValue('Predictor')) ?? 1);
  const subsamplingTag = await directory.loadValue('YCbCrSubSampling');
  const subsampling = subsamplingTag === undefined ? undefined : Array.from(subsamplingTag, Number);
  const ycbcrToRgb = ycbcrConversionOf(
    {
      photometric: Number(directory.getValue('PhotometricInterpretation') ?? -1),
      compression,
      samplesPerPixel: image.getSamplesPerPixel(),
      planarConfiguration: image.planarConfiguration,
      sampleType,
      subsampling,
    },
    fileName,
  );

  const geometry = blockGeometry(image, sampleType);
  const blockBytes = geometry.bytes;
  if (!(blockBytes <= limits.maxBlockBytes)) {
    throw new LimitExceededError(
      `${fileName}: one block of ${image.getTileWidth()}×${image.getTileHeight()} pixels ` +
        `decodes to ${blockBytes} bytes, above the limit of ${limits.maxBlockBytes} bytes`,
      { file: fileName, blockBytes, maxBlockBytes: limits.maxBlockBytes },
    );
  }

  const decoder = BLOCK_COMPRESSIONS.has(compression)
    ? await createBlockDecoder(image, fileName, compression)
    : { decode: (raw: ArrayBufferLike) => Promise.resolve(new Uint8Array(raw)) };
  return new BlockReader({
    image,
    fileName,
    fileSizeBytes: limits.fileSizeBytes,
    sampleType,
    compression,
    predictor,
    decoder,
    ycbcrToRgb,
    geometry,
  });
}
