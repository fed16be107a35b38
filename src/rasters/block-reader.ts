/**
 * Reads a pixel region of one band of one TIFF image (full resolution or an overview) as
 * float32, block by block: fetch the strip/tile bytes (random access), decompress with
 * geotiff.js's decoders, undo the predictor ourselves (geotiff.js 3.0.5 gets big-endian
 * predictors wrong) and convert samples in the file's byte order.
 *
 * TIFF 6.0 §3 strips (RowsPerStrip; the last strip may be short), §15 tiles (edge tiles are
 * padded to the full tile size), §8 PlanarConfiguration (1 chunky, 2 planar). Sparse blocks
 * (offset and byte count 0) read as the noData value, else 0, as GDAL's GTiff driver does.
 * JPEG-compressed YCbCr blocks are converted to RGB after decoding (see ycbcr.ts). Decoded
 * blocks of multi-band chunky images are kept in a small cache, so reading band after band
 * decodes each block once.
 */
import { getDecoder, type GeoTIFFImage } from 'geotiff';

import { CancelledError, InvalidTiffError, UnsupportedRasterError } from '../errors.js';
import { undoPredictor } from './tiff-predictor.js';
import { SAMPLE_BYTES } from './geotiff-metadata.js';
import type { SampleType } from './types.js';
import { COMPRESSION_JPEG, ycbcrConversionOf, ycbcrToRgbInPlace } from './ycbcr.js';

/** Compressions decoded block by block here; others go through geotiff.js readRasters. */
const BLOCK_COMPRESSIONS = new Set([1, 5, COMPRESSION_JPEG, 8, 32946, 32773, 50000]);

/** Decoded bytes kept per image (overview level) for band-after-band reads of chunky blocks. */
const BLOCK_CACHE_BYTES = 8 * 1024 * 1024;

/** Compressions geotiff.js decodes only in a browser (WebP needs createImageBitmap). */
const UNSUPPORTED_COMPRESSIONS = new Map([[50001, 'WebP']]);

type SampleGetter = (view: DataView, offset: number, littleEndian: boolean) => number;

const SAMPLE_GETTERS: Record<SampleType, SampleGetter> = {
  uint8: (v, o) => v.getUint8(o),
  int8: (v, o) => v.getInt8(o),
  uint16: (v, o, le) => v.getUint16(o, le),
  int16: (v, o, le) => v.getInt16(o, le),
  uint32: (v, o, le) => v.getUint32(o, le),
  int32: (v, o, le) => v.getInt32(o, le),
  float32: (v, o, le) => v.getFloat32(o, le),
  float64: (v, o, le) => v.getFloat64(o, le),
};

/** A rectangle inside the image, in its own pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DecodedBlock {
  view: DataView;
  littleEndian: boolean;
}

/** How decoded block bytes are post-processed. */
export interface BlockConversion {
  /** Convert Y,Cb,Cr triplets to R,G,B (JPEG YCbCr, see ycbcr.ts). */
  ycbcrToRgb: boolean;
}

/** Least-recently-used decoded blocks, bounded by their total byte size. */
class BlockCache {
  private readonly blocks = new Map<number, DecodedBlock | null>();
  private bytes = 0;

  constructor(private readonly capacityBytes: number) {}

  get(index: number): DecodedBlock | null | undefined {
    const block = this.blocks.get(index);
    if (block === undefined) return undefined;
    this.blocks.delete(index);
    this.blocks.set(index, block);
    return block;
  }

  set(index: number, block: DecodedBlock | null): void {
    const size = block?.view.byteLength ?? 0;
    if (size > this.capacityBytes || this.blocks.has(index)) return;
    this.blocks.set(index, block);
    this.bytes += size;
    for (const [oldIndex, oldBlock] of this.blocks) {
      if (this.bytes <= this.capacityBytes) break;
      this.blocks.delete(oldIndex);
      this.bytes -= oldBlock?.view.byteLength ?? 0;
    }
  }
}

/** Block reader of one image; create with {@link createBlockReader}. */
export class BlockReader {
  private readonly blocksAcross: number;
  private readonly blocksDown: number;
  private readonly bytesPerSample: number;
  private readonly cache: BlockCache | null;

  constructor(
    private readonly image: GeoTIFFImage,
    private readonly fileName: string,
    private readonly sampleType: SampleType,
    private readonly compression: number,
    private readonly predictor: number,
    private readonly decoder: { decode(buffer: ArrayBufferLike): Promise<ArrayBufferLike> },
    private readonly conversion: BlockConversion = { ycbcrToRgb: false },
  ) {
    this.blocksAcross = Math.ceil(image.getWidth() / image.getTileWidth());
    this.blocksDown = Math.ceil(image.getHeight() / this.blockHeight());
    this.bytesPerSample = SAMPLE_BYTES[sampleType];
    const chunkyMultiBand = image.planarConfiguration !== 2 && image.getSamplesPerPixel() > 1;
    this.cache = chunkyMultiBand ? new BlockCache(BLOCK_CACHE_BYTES) : null;
  }

  private blockHeight(): number {
    return Math.min(this.image.getTileHeight(), this.image.getHeight());
  }

  /**
   * Raw values of band `bandIndex` in `region` (which must lie inside the image), as float32;
   * sparse blocks are filled with `sparseFill`.
   */
  async readRegion(
    region: Region,
    bandIndex: number,
    sparseFill: number,
    signal?: AbortSignal,
  ): Promise<Float32Array> {
    if (!BLOCK_COMPRESSIONS.has(this.compression))
      return this.readWithGeotiff(region, bandIndex, signal);

    const out = new Float32Array(region.width * region.height);
    const blockWidth = this.image.getTileWidth();
    const blockHeight = this.blockHeight();
    const firstX = Math.floor(region.x / blockWidth);
    const lastX = Math.floor((region.x + region.width - 1) / blockWidth);
    const firstY = Math.floor(region.y / blockHeight);
    const lastY = Math.floor((region.y + region.height - 1) / blockHeight);

    const tasks: Promise<void>[] = [];
    for (let by = firstY; by <= lastY; by++) {
      for (let bx = firstX; bx <= lastX; bx++) {
        tasks.push(
          this.decodeBlock(bx, by, bandIndex, signal).then((block) =>
            this.copyBlock(block, bx, by, bandIndex, region, out, sparseFill),
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
    signal?: AbortSignal,
  ): Promise<DecodedBlock | null> {
    if (signal?.aborted) throw new CancelledError();
    const index = this.blockIndex(bx, by, bandIndex);
    const cached = this.cache?.get(index);
    if (cached !== undefined) return cached;
    const block = await this.fetchAndDecode(index, by, signal);
    this.cache?.set(index, block);
    return block;
  }

  private async fetchAndDecode(
    index: number,
    by: number,
    signal?: AbortSignal,
  ): Promise<DecodedBlock | null> {
    const directory = this.image.getFileDirectory();
    const tiled = this.image.isTiled;
    const offset = Number(
      await directory.loadValueIndexed(tiled ? 'TileOffsets' : 'StripOffsets', index),
    );
    const byteCount = Number(
      await directory.loadValueIndexed(tiled ? 'TileByteCounts' : 'StripByteCounts', index),
    );
    if (byteCount === 0) return null;

    const [raw] = await this.image.source.fetch([{ offset, length: byteCount }], signal);
    if (raw === undefined)
      throw new InvalidTiffError(`${this.fileName}: block ${index} could not be read`);
    let decoded: ArrayBufferLike;
    try {
      decoded = await this.decoder.decode(this.compression === 1 ? raw.slice(0) : raw);
    } catch (error) {
      throw new InvalidTiffError(
        `${this.fileName}: cannot decode block ${index}: ${String(error)}`,
        {
          file: this.fileName,
          block: index,
        },
      );
    }

    const bytes = new Uint8Array(decoded);
    const samplesPerPixel =
      this.image.planarConfiguration === 2 ? 1 : this.image.getSamplesPerPixel();
    const littleEndian = undoPredictor(bytes, {
      predictor: this.predictor,
      blockWidth: this.image.getTileWidth(),
      rows: this.rowsInBlock(by),
      samplesPerPixel,
      bytesPerSample: this.bytesPerSample,
      littleEndian: this.image.littleEndian,
    });
    if (this.conversion.ycbcrToRgb) {
      ycbcrToRgbInPlace(bytes, this.image.getTileWidth() * this.rowsInBlock(by));
    }
    return { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), littleEndian };
  }

  private rowsInBlock(by: number): number {
    const blockHeight = this.blockHeight();
    return this.image.isTiled
      ? blockHeight
      : Math.min(blockHeight, this.image.getHeight() - by * blockHeight);
  }

  private copyBlock(
    block: DecodedBlock | null,
    bx: number,
    by: number,
    bandIndex: number,
    region: Region,
    out: Float32Array,
    sparseFill: number,
  ): void {
    const blockWidth = this.image.getTileWidth();
    const blockHeight = this.blockHeight();
    const x0 = Math.max(region.x, bx * blockWidth);
    const x1 = Math.min(region.x + region.width, (bx + 1) * blockWidth, this.image.getWidth());
    const y0 = Math.max(region.y, by * blockHeight);
    const y1 = Math.min(region.y + region.height, (by + 1) * blockHeight, this.image.getHeight());

    const chunky = this.image.planarConfiguration !== 2;
    const pixelBytes = chunky
      ? this.bytesPerSample * this.image.getSamplesPerPixel()
      : this.bytesPerSample;
    const sampleOffset = chunky ? bandIndex * this.bytesPerSample : 0;
    const needed = ((y1 - 1 - by * blockHeight) * blockWidth + (x1 - bx * blockWidth)) * pixelBytes;
    if (block !== null && block.view.byteLength < needed) {
      throw new InvalidTiffError(
        `${this.fileName}: block ${this.blockIndex(bx, by, bandIndex)} decodes to ` +
          `${block.view.byteLength} bytes, ${needed} needed`,
      );
    }

    const get = SAMPLE_GETTERS[this.sampleType];
    for (let y = y0; y < y1; y++) {
      let outAt = (y - region.y) * region.width + (x0 - region.x);
      if (block === null) {
        out.fill(sparseFill, outAt, outAt + (x1 - x0));
        continue;
      }
      let at =
        ((y - by * blockHeight) * blockWidth + (x0 - bx * blockWidth)) * pixelBytes + sampleOffset;
      for (let x = x0; x < x1; x++) {
        out[outAt++] = get(block.view, at, block.littleEndian);
        at += pixelBytes;
      }
    }
  }

  private async readWithGeotiff(
    region: Region,
    bandIndex: number,
    signal?: AbortSignal,
  ): Promise<Float32Array> {
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
        `${this.fileName}: cannot decode compression ${this.compression}: ${String(error)}`,
        { file: this.fileName, compression: this.compression },
      );
    }
    const band = rasters[0];
    if (band === undefined)
      throw new InvalidTiffError(`${this.fileName}: band ${bandIndex} is empty`);
    return Float32Array.from(band);
  }
}

/** A block reader for an image, with a decoder that leaves the predictor to us. */
export async function createBlockReader(
  image: GeoTIFFImage,
  fileName: string,
  sampleType: SampleType,
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
  if (UNSUPPORTED_COMPRESSIONS.has(compression)) {
    throw new UnsupportedRasterError(
      `${fileName}: compression ${compression} (${UNSUPPORTED_COMPRESSIONS.get(compression)}) ` +
        'cannot be decoded in Node.js',
      { file: fileName, compression },
    );
  }
  if (!BLOCK_COMPRESSIONS.has(compression)) {
    return new BlockReader(image, fileName, sampleType, compression, predictor, {
      decode: (buffer) => Promise.resolve(buffer),
    });
  }
  const decoder = await getDecoder(compression, {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: image.getBitsPerSample(0),
    samplesPerPixel: image.getSamplesPerPixel(),
    predictor: 1,
    ...(compression === COMPRESSION_JPEG && directory.hasTag('JPEGTables')
      ? { JPEGTables: await directory.loadValue('JPEGTables') }
      : {}),
  });
  return new BlockReader(image, fileName, sampleType, compression, predictor, decoder, {
    ycbcrToRgb,
  });
}
