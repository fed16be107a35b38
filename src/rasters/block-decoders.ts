/**
 * Decompression of one strip or tile, with its decoded size bounded by what the block can hold.
 *
 * DEFLATE (TIFF compression 8 and the old 32946) goes through node:zlib with maxOutputLength
 * set to the block's expected size, so a "zip bomb" block stops at that size; LZW (lzw.ts) and
 * PackBits (packbits.ts) are our own decoders writing into a buffer of exactly that size. WebP
 * (50001, GDAL's WEBP codec: one WebP bitstream per block) is decoded with sharp/libvips, since
 * geotiff.js needs a browser's createImageBitmap for it. JPEG and ZSTD use geotiff.js's
 * decoders with the predictor left to tiff-predictor.ts; a ZSTD block whose frame headers
 * announce more than the block can hold is refused before decoding (zstd-frames.ts), and both
 * are checked against the bound after decoding.
 */
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';

import { getDecoder, type GeoTIFFImage } from 'geotiff';
import sharp from 'sharp';

import { InvalidTiffError, LimitExceededError } from '../errors.js';
import { decodeLzw } from './lzw.js';
import { decodePackBits } from './packbits.js';
import { COMPRESSION_JPEG } from './ycbcr.js';
import { zstdDecodedBytesBound } from './zstd-frames.js';

const inflateAsync = promisify(inflate);

/** TIFF compression codes. */
export const COMPRESSION = {
  none: 1,
  lzw: 5,
  jpeg: COMPRESSION_JPEG,
  deflate: 8,
  deflateOld: 32946,
  packBits: 32773,
  zstd: 50000,
  webp: 50001,
} as const;

/** Compressions decoded block by block (others, such as LERC, go through readRasters). */
export const BLOCK_COMPRESSIONS: ReadonlySet<number> = new Set(Object.values(COMPRESSION));

/** What one block is: its label for messages and the size it decodes to. */
export interface BlockShape {
  /** e.g. "tile 3" or "strip 12". */
  label: string;
  /** Pixels across and rows of the block as encoded. */
  width: number;
  rows: number;
  /** Samples per pixel in the block (1 for planar-separate). */
  samplesPerPixel: number;
  /** Expected decoded size in bytes (width · rows · samples · bytes per sample). */
  expectedBytes: number;
}

/** Decodes one block's compressed bytes. */
export interface BlockDecoder {
  decode(raw: ArrayBufferLike, shape: BlockShape): Promise<Uint8Array>;
}

function tooLarge(fileName: string, shape: BlockShape, detail: string): LimitExceededError {
  return new LimitExceededError(
    `${fileName}: ${shape.label} decodes to more than its expected ${shape.expectedBytes} ` +
      `bytes (${detail}); the block is corrupt or hostile`,
    { file: fileName, block: shape.label, expectedBytes: shape.expectedBytes },
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The DEFLATE decoder (node:zlib), whose output stops at the block's expected size. */
export const deflateBlockDecoder = (fileName: string): BlockDecoder => ({
  async decode(raw, shape) {
    try {
      const out = await inflateAsync(new Uint8Array(raw), { maxOutputLength: shape.expectedBytes });
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw tooLarge(fileName, shape, 'DEFLATE output cut at the limit');
      }
      throw new InvalidTiffError(
        `${fileName}: cannot inflate ${shape.label} (DEFLATE): ${errorText(error)}`,
        { file: fileName, block: shape.label },
      );
    }
  },
});

/** Runs a synchronous decode so that its errors reject the promise instead of throwing. */
function settled(decode: () => Uint8Array): Promise<Uint8Array> {
  try {
    return Promise.resolve(decode());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

const lzwDecoder = (fileName: string): BlockDecoder => ({
  decode(raw, shape) {
    const label = `${fileName}: ${shape.label}`;
    const target = { capacityBytes: shape.expectedBytes, label };
    return settled(() => decodeLzw(new Uint8Array(raw), target));
  },
});

const packBitsDecoder = (fileName: string): BlockDecoder => ({
  decode(raw, shape) {
    const label = `${fileName}: ${shape.label}`;
    return settled(() => decodePackBits(new Uint8Array(raw), shape.expectedBytes, label));
  },
});

/** Refuses a ZSTD block whose frames may decode to more than the block holds. */
function checkZstdFrames(fileName: string, raw: ArrayBufferLike, shape: BlockShape): void {
  const bound = zstdDecodedBytesBound(new Uint8Array(raw));
  if (bound === null) {
    throw new InvalidTiffError(`${fileName}: ${shape.label} is not a valid ZSTD stream`, {
      file: fileName,
      block: shape.label,
    });
  }
  if (bound > shape.expectedBytes + ZSTD_BLOCK_BYTES) {
    throw tooLarge(fileName, shape, `ZSTD frames announce up to ${bound} bytes`);
  }
}

/** Largest decoded size of one ZSTD block (RFC 8878 §3.1.1.2.3: Block_Maximum_Size). */
const ZSTD_BLOCK_BYTES = 128 * 1024;

const webpDecoder = (fileName: string): BlockDecoder => ({
  async decode(raw, shape) {
    let decoded;
    try {
      let pipeline = sharp(new Uint8Array(raw), {
        limitInputPixels: shape.width * shape.rows,
        failOn: 'error',
      });
      pipeline = shape.samplesPerPixel === 4 ? pipeline.ensureAlpha() : pipeline.removeAlpha();
      decoded = await pipeline.raw().toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw new InvalidTiffError(
        `${fileName}: cannot decode ${shape.label} (WebP): ${errorText(error)}`,
        { file: fileName, block: shape.label },
      );
    }
    const { data, info } = decoded;
    if (info.channels !== shape.samplesPerPixel || info.width !== shape.width) {
      throw new InvalidTiffError(
        `${fileName}: ${shape.label} (WebP) is ${info.width} px wide with ${info.channels} ` +
          `channels; ${shape.width} px and ${shape.samplesPerPixel} expected`,
        { file: fileName, block: shape.label },
      );
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  },
});

function checkedDecoder(
  fileName: string,
  inner: { decode(buffer: ArrayBuffer): Promise<ArrayBufferLike> },
  codec: string,
  precheck?: (raw: ArrayBufferLike, shape: BlockShape) => void,
): BlockDecoder {
  return {
    async decode(raw, shape) {
      precheck?.(raw, shape);
      let out: ArrayBufferLike;
      try {
        out = await inner.decode(raw as ArrayBuffer);
      } catch (error) {
        throw new InvalidTiffError(
          `${fileName}: cannot decode ${shape.label} (${codec}): ${errorText(error)}`,
          { file: fileName, block: shape.label },
        );
      }
      if (out.byteLength > shape.expectedBytes * 2 + 65_536) {
        throw tooLarge(fileName, shape, `${codec} gave ${out.byteLength} bytes`);
      }
      return new Uint8Array(out);
    },
  };
}

/** The decoder of `compression` for blocks of `image` (one of {@link BLOCK_COMPRESSIONS}). */
export async function createBlockDecoder(
  image: GeoTIFFImage,
  fileName: string,
  compression: number,
): Promise<BlockDecoder> {
  if (compression === COMPRESSION.none) {
    return { decode: (raw) => Promise.resolve(new Uint8Array(raw.slice(0))) };
  }
  if (compression === COMPRESSION.deflate || compression === COMPRESSION.deflateOld) {
    return deflateBlockDecoder(fileName);
  }
  if (compression === COMPRESSION.webp) return webpDecoder(fileName);
  if (compression === COMPRESSION.lzw) return lzwDecoder(fileName);
  if (compression === COMPRESSION.packBits) return packBitsDecoder(fileName);

  const directory = image.getFileDirectory();
  const inner = await getDecoder(compression, {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: image.getBitsPerSample(0),
    samplesPerPixel: image.getSamplesPerPixel(),
    predictor: 1,
    ...(compression === COMPRESSION.jpeg && directory.hasTag('JPEGTables')
      ? { JPEGTables: await directory.loadValue('JPEGTables') }
      : {}),
  });
  if (compression === COMPRESSION.zstd) {
    return checkedDecoder(fileName, inner, 'ZSTD', (raw, shape) =>
      checkZstdFrames(fileName, raw, shape),
    );
  }
  return checkedDecoder(fileName, inner, 'JPEG');
}
