/**
 * An upper bound on what a ZSTD stream decodes to, read from its frame and block headers
 * without decompressing (RFC 8878 §3.1). A frame that declares its Frame_Content_Size decodes to
 * exactly that; otherwise each raw or RLE block regenerates its Block_Size and each compressed
 * block at most Block_Maximum_Size (128 KiB). Skippable frames decode to nothing.
 */

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const BLOCK_MAXIMUM_BYTES = 128 * 1024;
const DICTIONARY_ID_BYTES = [0, 1, 2, 4] as const;
const CONTENT_SIZE_BYTES = [0, 2, 4, 8] as const;

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

function readUnsigned(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = count - 1; i >= 0; i--) value = value * 256 + bytes[at + i]!;
  return value;
}

/** One frame: its bound and the offset after it, or null when the header is cut or invalid. */
function frameBound(bytes: Uint8Array, start: number): { bound: number; end: number } | null {
  let at = start + 4;
  if (at >= bytes.length) return null;
  const descriptor = bytes[at++]!;
  const singleSegment = (descriptor & 0x20) !== 0;
  const hasChecksum = (descriptor & 0x04) !== 0;
  const sizeFlag = descriptor >>> 6;
  const contentSizeBytes = sizeFlag === 0 && singleSegment ? 1 : CONTENT_SIZE_BYTES[sizeFlag]!;
  at += (singleSegment ? 0 : 1) + DICTIONARY_ID_BYTES[descriptor & 3]!;
  if (at + contentSizeBytes > bytes.length) return null;
  let declared: number | null = null;
  if (contentSizeBytes > 0) {
    declared = readUnsigned(bytes, at, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0);
  }
  at += contentSizeBytes;

  let blocksBound = 0;
  for (;;) {
    if (at + 3 > bytes.length) return null;
    const header = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    at += 3;
    const type = (header >>> 1) & 3;
    const size = header >>> 3;
    if (type === 3) return null;
    blocksBound += type === 2 ? BLOCK_MAXIMUM_BYTES : size;
    at += type === 1 ? 1 : size;
    if ((header & 1) !== 0) break;
  }
  at += hasChecksum ? 4 : 0;
  if (at > bytes.length) return null;
  return { bound: declared ?? blocksBound, end: at };
}

/**
 * Largest number of bytes the concatenated ZSTD frames in `bytes` can decode to, or null when
 * a frame header is invalid or cut short (the stream cannot be decoded either way).
 */
export function zstdDecodedBytesBound(bytes: Uint8Array): number | null {
  let total = 0;
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) return null;
    const magic = readUint32(bytes, at);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (at + 8 > bytes.length) return null;
      at += 8 + readUint32(bytes, at + 4);
      continue;
    }
    if (magic !== FRAME_MAGIC) return null;
    const frame = frameBound(bytes, at);
    if (frame === null) return null;
    total += frame.bound;
    at = frame.end;
  }
  return total;
}
