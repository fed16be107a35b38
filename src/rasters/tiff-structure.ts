/**
 * Structural checks of a TIFF before and after geotiff.js parses it, so broken files get a
 * message naming the problem instead of a decoder exception.
 *
 * TIFF 6.0 §2 "Image File Header" (bytes 0–1 "II"/"MM", bytes 2–3 = 42, bytes 4–7 first IFD
 * offset); BigTIFF (Adobe/libtiff BigTIFF proposal): version 43, bytes 8–15 first IFD offset.
 * TIFF 6.0 §3 StripOffsets/StripByteCounts and §15 TileOffsets/TileByteCounts locate the blocks.
 */
import { open, stat } from 'node:fs/promises';

import type { GeoTIFFImage } from 'geotiff';

import { InvalidTiffError, LimitExceededError } from '../errors.js';

/** What the header says about the file. */
export interface TiffHeader {
  littleEndian: boolean;
  bigTiff: boolean;
  /** Byte offset of the first IFD. */
  firstIfdOffset: number;
  /** File size in bytes. */
  fileSizeBytes: number;
}

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Reads and checks the 8- or 16-byte header.
 * @throws InvalidTiffError "<file>: not a TIFF (first bytes …)" or "<file>: truncated: …".
 */
export async function readTiffHeader(path: string, fileName: string): Promise<TiffHeader> {
  const fileSizeBytes = (await stat(path)).size;
  const handle = await open(path, 'r');
  const header = new Uint8Array(16);
  try {
    await handle.read(header, 0, 16, 0);
  } finally {
    await handle.close();
  }

  const view = new DataView(header.buffer);
  const order = String.fromCharCode(header[0] ?? 0, header[1] ?? 0);
  const littleEndian = order === 'II';
  const version = view.getUint16(2, littleEndian);
  const validOrder = order === 'II' || order === 'MM';
  if (fileSizeBytes < 8 || !validOrder || (version !== 42 && version !== 43)) {
    const shown = hexBytes(header.subarray(0, Math.min(8, fileSizeBytes)));
    throw new InvalidTiffError(
      `${fileName}: not a TIFF (first bytes ${shown || 'none: empty file'})`,
      {
        file: fileName,
        firstBytes: shown,
      },
    );
  }

  const bigTiff = version === 43;
  const firstIfdOffset = bigTiff
    ? Number(view.getBigUint64(8, littleEndian))
    : view.getUint32(4, littleEndian);
  if (firstIfdOffset >= fileSizeBytes) {
    throw new InvalidTiffError(
      `${fileName}: truncated: the first IFD starts at byte ${firstIfdOffset} but the file has ` +
        `${fileSizeBytes} bytes`,
      { file: fileName, firstIfdOffset, fileSizeBytes },
    );
  }
  return { littleEndian, bigTiff, firstIfdOffset, fileSizeBytes };
}

/**
 * Number of IFDs in the chain, walked from the header without decoding any tag, so an IFD loop
 * or an absurd chain is refused before geotiff.js follows it.
 * @throws InvalidTiffError for a loop or an IFD outside the file; LimitExceededError past
 *   `maxIfds`.
 */
export async function countIfds(
  path: string,
  fileName: string,
  header: TiffHeader,
  maxIfds: number,
): Promise<number> {
  const handle = await open(path, 'r');
  const seen = new Set<number>();
  const entryBytes = header.bigTiff ? 20 : 12;
  const countBytes = header.bigTiff ? 8 : 2;
  const nextBytes = header.bigTiff ? 8 : 4;
  const word = new Uint8Array(8);
  const view = new DataView(word.buffer);
  const readUint = async (at: number, bytes: number): Promise<number> => {
    const { bytesRead } = await handle.read(word, 0, bytes, at);
    if (bytesRead < bytes) {
      throw new InvalidTiffError(
        `${fileName}: truncated: IFD ${seen.size - 1} (at byte ${at}) is cut by the end of the file ` +
          `(${header.fileSizeBytes} bytes)`,
        { file: fileName, ifdOffset: at, fileSizeBytes: header.fileSizeBytes },
      );
    }
    if (bytes === 2) return view.getUint16(0, header.littleEndian);
    if (bytes === 4) return view.getUint32(0, header.littleEndian);
    return Number(view.getBigUint64(0, header.littleEndian));
  };
  try {
    let offset = header.firstIfdOffset;
    while (offset !== 0) {
      if (seen.has(offset)) {
        throw new InvalidTiffError(`${fileName}: the IFD chain loops back to byte ${offset}`, {
          file: fileName,
          ifdOffset: offset,
        });
      }
      seen.add(offset);
      if (seen.size > maxIfds) {
        throw new LimitExceededError(
          `${fileName}: more than ${maxIfds} IFDs (images) in the file, above the limit`,
          { file: fileName, maxIfds },
        );
      }
      const entries = await readUint(offset, countBytes);
      offset = await readUint(offset + countBytes + entries * entryBytes, nextBytes);
    }
  } finally {
    await handle.close();
  }
  return seen.size;
}

/** A strip or tile whose bytes lie (partly) past the end of the file. */
export interface DamagedBlock {
  /** e.g. "tile 3". */
  label: string;
  endByte: number;
}

/**
 * The strips or tiles of the image that lie past the end of the file (sparse blocks with offset
 * and byte count 0 are allowed, as GDAL writes them). Reads touching them fail; others work.
 * @throws InvalidTiffError when the offsets or byte counts are missing or disagree in length;
 *   LimitExceededError when the image has more than `maxBlocks` blocks.
 */
export async function findDamagedBlocks(
  image: GeoTIFFImage,
  fileName: string,
  limits: { fileSizeBytes: number; maxBlocks: number },
): Promise<DamagedBlock[]> {
  const directory = image.getFileDirectory();
  const tiled = directory.hasTag('TileOffsets');
  const kind = tiled ? 'tile' : 'strip';
  const across = Math.ceil(image.getWidth() / image.getTileWidth());
  const down = Math.ceil(image.getHeight() / Math.min(image.getTileHeight(), image.getHeight()));
  const planes = image.planarConfiguration === 2 ? image.getSamplesPerPixel() : 1;
  const expected = across * down * planes;
  if (!(expected <= limits.maxBlocks)) {
    throw new LimitExceededError(
      `${fileName}: ${expected} ${kind}s in one image, above the limit of ${limits.maxBlocks}`,
      { file: fileName, blocks: expected, maxBlocks: limits.maxBlocks },
    );
  }

  const offsets = (await directory.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as
    ArrayLike<number | bigint> | undefined;
  const counts = (await directory.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as
    ArrayLike<number | bigint> | undefined;
  if (offsets === undefined || counts === undefined || offsets.length !== counts.length) {
    throw new InvalidTiffError(`${fileName}: the ${kind} offsets or byte counts are missing`, {
      file: fileName,
    });
  }
  if (offsets.length < expected) {
    throw new InvalidTiffError(
      `${fileName}: ${offsets.length} ${kind} offsets for ${expected} ${kind}s`,
      { file: fileName, offsets: offsets.length, expected },
    );
  }

  const damaged: DamagedBlock[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const count = Number(counts[i]);
    if (count === 0) continue;
    const endByte = Number(offsets[i]) + count;
    if (endByte > limits.fileSizeBytes) damaged.push({ label: `${kind} ${i}`, endByte });
  }
  return damaged;
}
