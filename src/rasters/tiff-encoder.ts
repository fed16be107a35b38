/**
 * Minimal little-endian classic TIFF encoding: the 8-byte header, one IFD with its out-of-line
 * values, and float32 tiles with the floating-point predictor.
 *
 * TIFF 6.0 §2: header "II", 42, offset of the first IFD; an IFD is a 2-byte entry count,
 * 12-byte entries (tag, type, count, value or offset) sorted by tag, and a 4-byte next-IFD
 * offset; values longer than 4 bytes live elsewhere, at word (even) offsets.
 * Floating-point predictor: Adobe Photoshop TIFF Technical Note 3 (2005).
 */

/** TIFF field types used here (TIFF 6.0 §2, "Types"). */
export const FieldType = { ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12 } as const;
type FieldTypeCode = (typeof FieldType)[keyof typeof FieldType];

const TYPE_BYTES: Record<FieldTypeCode, number> = { 2: 1, 3: 2, 4: 4, 12: 8 };

/** One IFD entry before encoding. ASCII values are given as a string (NUL is appended). */
export interface IfdEntry {
  tag: number;
  type: FieldTypeCode;
  values: readonly number[] | string;
}

function valueCount(entry: IfdEntry): number {
  return typeof entry.values === 'string'
    ? Buffer.byteLength(entry.values, 'latin1') + 1
    : entry.values.length;
}

function writeValues(view: DataView, at: number, entry: IfdEntry): void {
  if (typeof entry.values === 'string') {
    const bytes = Buffer.from(`${entry.values}\0`, 'latin1');
    new Uint8Array(view.buffer, view.byteOffset + at, bytes.length).set(bytes);
    return;
  }
  const size = TYPE_BYTES[entry.type];
  entry.values.forEach((value, i) => {
    const offset = at + i * size;
    if (entry.type === FieldType.SHORT) view.setUint16(offset, value, true);
    else if (entry.type === FieldType.LONG) view.setUint32(offset, value, true);
    else if (entry.type === FieldType.DOUBLE) view.setFloat64(offset, value, true);
  });
}

/** Byte size of the encoded IFD (entries, next offset and out-of-line values). */
export function ifdByteLength(entries: readonly IfdEntry[]): number {
  let size = 2 + entries.length * 12 + 4;
  for (const entry of entries) {
    const bytes = valueCount(entry) * TYPE_BYTES[entry.type];
    if (bytes > 4) size += bytes + (bytes % 2);
  }
  return size;
}

/**
 * Encodes an IFD to be written at `ifdOffset` (which must be even), chained to the IFD at
 * `nextIfdOffset` (0: last IFD).
 * Entries are sorted by tag here.
 */
export function encodeIfd(
  entries: readonly IfdEntry[],
  ifdOffset: number,
  nextIfdOffset = 0,
): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const bytes = new Uint8Array(ifdByteLength(sorted));
  const view = new DataView(bytes.buffer);
  view.setUint16(0, sorted.length, true);

  let extraAt = 2 + sorted.length * 12 + 4;
  sorted.forEach((entry, i) => {
    const at = 2 + i * 12;
    const count = valueCount(entry);
    const size = count * TYPE_BYTES[entry.type];
    view.setUint16(at, entry.tag, true);
    view.setUint16(at + 2, entry.type, true);
    view.setUint32(at + 4, count, true);
    if (size <= 4) {
      writeValues(view, at + 8, entry);
    } else {
      view.setUint32(at + 8, ifdOffset + extraAt, true);
      writeValues(view, extraAt, entry);
      extraAt += size + (size % 2);
    }
  });
  view.setUint32(2 + sorted.length * 12, nextIfdOffset, true);
  return bytes;
}

/** The 8-byte little-endian classic TIFF header pointing at the first IFD. */
export function encodeHeader(firstIfdOffset: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x49;
  bytes[1] = 0x49;
  view.setUint16(2, 42, true);
  view.setUint32(4, firstIfdOffset, true);
  return bytes;
}

/**
 * Applies the floating-point predictor to float32 tile rows (one sample per pixel): each row's
 * bytes are rearranged into byte planes, most significant first, then differenced left to
 * right, so the decoder accumulates and reassembles big-endian words.
 */
export function applyFloatPredictor(tile: Float32Array, tileWidth: number): Uint8Array {
  const rowBytes = tileWidth * 4;
  // Same buffer seen as uint32: the IEEE bit patterns, whatever the host byte order.
  const bits = new Uint32Array(tile.buffer, tile.byteOffset, tile.length);
  const out = new Uint8Array(tile.byteLength);
  for (let rowStart = 0; rowStart < out.length; rowStart += rowBytes) {
    const firstWord = rowStart / 4;
    for (let word = 0; word < tileWidth; word++) {
      const value = bits[firstWord + word] ?? 0;
      out[rowStart + word] = value >>> 24;
      out[rowStart + tileWidth + word] = (value >>> 16) & 0xff;
      out[rowStart + 2 * tileWidth + word] = (value >>> 8) & 0xff;
      out[rowStart + 3 * tileWidth + word] = value & 0xff;
    }
    for (let i = rowStart + rowBytes - 1; i > rowStart; i--) {
      out[i] = ((out[i] ?? 0) - (out[i - 1] ?? 0)) & 0xff;
    }
  }
  return out;
}
