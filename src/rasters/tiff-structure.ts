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

import { InvalidTiffError } from '../errors.js';

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
 * Checks that every strip or tile of the image lies inside the file (sparse blocks with offset
 * and byte count 0 are allowed, as GDAL writes them).
 * @throws InvalidTiffError "<file>: truncated: tile 12 … ends at byte X but the file has Y bytes".
 */
export async function checkBlocksInsideFile(
  image: GeoTIFFImage,
  fileName: string,
  fileSizeBytes: number,
): Promise<void> {
  const directory = image.getFileDirectory();
  const tiled = directory.hasTag('TileOffsets');
  const kind = tiled ? 'tile' : 'strip';
  const offsets = (await directory.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as
    ArrayLike<number | bigint> | undefined;
  const counts = (await directory.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as
    ArrayLike<number | bigint> | undefined;
  if (offsets === undefined || counts === undefined || offsets.length !== counts.length) {
    throw new InvalidTiffError(`${fileName}: the ${kind} offsets or byte counts are missing`, {
      file: fileName,
    });
  }

  for (let i = 0; i < offsets.length; i++) {
    const offset = Number(offsets[i]);
    const count = Number(counts[i]);
    if (count === 0) continue;
    const end = offset + count;
    if (end > fileSizeBytes) {
      throw new InvalidTiffError(
        `${fileName}: truncated: ${kind} ${i} of ${offsets.length} (bytes ${offset}–${end}) ends ` +
          `at byte ${end} but the file has ${fileSizeBytes} bytes`,
        { file: fileName, block: i, blockEnd: end, fileSizeBytes },
      );
    }
  }
}
