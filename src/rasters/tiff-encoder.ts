/**
 * Little-endian TIFF encoding, classic and BigTIFF: the header, one IFD with its out-of-line
 * values, and the horizontal (integer) and floating-point predictors.
 *
 * TIFF 6.0 §2: header "II", 42, offset of the first IFD; an IFD is a 2-byte entry count,
 * 12-byte entries (tag, type, count, value or offset) sorted by tag, and a 4-byte next-IFD
 * offset; values longer than 4 bytes live elsewhere, at word (even) offsets.
 * BigTIFF (Aware Systems BigTIFF proposal, 2004): header "II", 43, 8, 0 and an 8-byte offset;
 * 8-byte entry count, 20-byte entries (8-byte count and value), 8-byte next-IFD offset; values
 * up to 8 bytes inline.
 * Predictor 2: TIFF 6.0 §14. Floating-point predictor 3: Adobe Photoshop TIFF Technical Note 3
 * (2005).
 */

/** TIFF field types used here (TIFF 6.0 §2, "Types"; LONG8 from BigTIFF). */
export const FieldType = { ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12, LONG8: 16 } as const;
type FieldTypeCode = (typeof FieldType)[keyof typeof FieldType];

const TYPE_BYTES: Record<FieldTypeCode, number> = { 2: 1, 3: 2, 4: 4, 12: 8, 16: 8 };

/** One IFD entry before encoding. ASCII values are given as a string (NUL is appended). */
export interface IfdEntry {
  tag: number;
  type: FieldTypeCode;
  values: ArrayLike<number> | string;
}

/** Sizes of the fixed parts of an IFD in one of the two TIFF flavours. */
interface IfdLayout {
  countBytes: number;
  entryBytes: number;
  offsetBytes: number;
}

const CLASSIC: IfdLayout = { countBytes: 2, entryBytes: 12, offsetBytes: 4 };
const BIG: IfdLayout = { countBytes: 8, entryBytes: 20, offsetBytes: 8 };

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
  for (let i = 0; i < entry.values.length; i++) {
    const value = entry.values[i] ?? 0;
    const offset = at + i * size;
    if (entry.type === FieldType.SHORT) view.setUint16(offset, value, true);
    else if (entry.type === FieldType.LONG) view.setUint32(offset, value, true);
    else if (entry.type === FieldType.DOUBLE) view.setFloat64(offset, value, true);
    else if (entry.type === FieldType.LONG8) view.setBigUint64(offset, BigInt(value), true);
  }
}

function writeOffset(view: DataView, at: number, value: number, layout: IfdLayout): void {
  if (layout.offsetBytes === 8) view.setBigUint64(at, BigInt(value), true);
  else view.setUint32(at, value, true);
}

/** Byte size of the encoded IFD (entries, next offset and out-of-line values). */
export function ifdByteLength(entries: readonly IfdEntry[], bigTiff = false): number {
  const layout = bigTiff ? BIG : CLASSIC;
  let size = layout.countBytes + entries.length * layout.entryBytes + layout.offsetBytes;
  for (const entry of entries) {
    const bytes = valueCount(entry) * TYPE_BYTES[entry.type];
    if (bytes > layout.offsetBytes) size += bytes + (bytes % 2);
  }
  return size;
}

/**
 * Encodes an IFD to be written at `ifdOffset` (which must be even), chained to the IFD at
 * `nextIfdOffset` (0: last IFD). Entries are sorted by tag here.
 */
export function encodeIfd(
  entries: readonly IfdEntry[],
  ifdOffset: number,
  nextIfdOffset = 0,
  bigTiff = false,
): Uint8Array {
  const layout = bigTiff ? BIG : CLASSIC;
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const bytes = new Uint8Array(ifdByteLength(sorted, bigTiff));
  const view = new DataView(bytes.buffer);
  writeOffset(view, 0, sorted.length, { ...layout, offsetBytes: layout.countBytes });

  const tableEnd = layout.countBytes + sorted.length * layout.entryBytes;
  let extraAt = tableEnd + layout.offsetBytes;
  sorted.forEach((entry, i) => {
    const at = layout.countBytes + i * layout.entryBytes;
    const count = valueCount(entry);
    const size = count * TYPE_BYTES[entry.type];
    view.setUint16(at, entry.tag, true);
    view.setUint16(at + 2, entry.type, true);
    writeOffset(view, at + 4, count, layout);
    const valueAt = at + 4 + layout.offsetBytes;
    if (size <= layout.offsetBytes) {
      writeValues(view, valueAt, entry);
    } else {
      writeOffset(view, valueAt, ifdOffset + extraAt, layout);
      writeValues(view, extraAt, entry);
      extraAt += size + (size % 2);
    }
  });
  writeOffset(view, tableEnd, nextIfdOffset, layout);
  return bytes;
}

/** Byte length of the header of a classic TIFF (8) or a BigTIFF (16). */
export function headerByteLength(bigTiff = false): number {
  return bigTiff ? 16 : 8;
}

/** The little-endian header (classic TIFF or BigTIFF) pointing at the first IFD. */
export function encodeHeader(firstIfdOffset: number, bigTiff = false): Uint8Array {
  const bytes = new Uint8Array(headerByteLength(bigTiff));
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x49;
  bytes[1] = 0x49;
  if (bigTiff) {
    view.setUint16(2, 43, true);
    view.setUint16(4, 8, true);
    view.setBigUint64(8, BigInt(firstIfdOffset), true);
  } else {
    view.setUint16(2, 42, true);
    view.setUint32(4, firstIfdOffset, true);
  }
  return bytes;
}

/**
 * Applies the floating-point predictor to the little-endian bytes of float rows of
 * `tileWidth` samples of `bytesPerSample` (4 or 8): each row's bytes are rearranged into byte
 * planes, most significant first, then differenced left to right (modulo 256). One pass per
 * plane, shuffle and difference fused, into a new array.
 */
export function applyFloatPredictorBytes(
  bytes: Uint8Array,
  tileWidth: number,
  bytesPerSample: number,
): Uint8Array {
  const rowBytes = tileWidth * bytesPerSample;
  const out = new Uint8Array(bytes.length);
  for (let rowStart = 0; rowStart + rowBytes <= out.length; rowStart += rowBytes) {
    let previous = 0;
    let to = rowStart;
    for (let plane = 0; plane < bytesPerSample; plane++) {
      let from = rowStart + bytesPerSample - 1 - plane;
      for (let word = 0; word < tileWidth; word++) {
        const byte = bytes[from]!;
        out[to++] = byte - previous;
        previous = byte;
        from += bytesPerSample;
      }
    }
  }
  return out;
}

/**
 * Applies the floating-point predictor in place to float32 rows of `tileWidth` samples on a
 * little-endian host (the result is the tile's byte stream, in the array's bytes): the same
 * bytes as {@link applyFloatPredictorBytes}, one pass per row over 32-bit words, each word
 * giving its four byte planes at once (a byte difference depends only on the low 8 bits of
 * its operands, so the shifted words are subtracted whole and wrap on storing).
 */
export function applyFloat32PredictorInPlace(tile: Float32Array, tileWidth: number): void {
  const words = new Uint32Array(tile.buffer, tile.byteOffset, tile.length);
  const bytes = new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  const row = new Uint32Array(tileWidth);
  const w = tileWidth;
  for (let start = 0; start + w <= words.length; start += w) {
    row.set(words.subarray(start, start + w));
    const at = start * 4;
    let previous = 0;
    for (let i = 0; i < w; i++) {
      const word = row[i]!;
      bytes[at + i] = (word >>> 24) - (previous >>> 24);
      bytes[at + w + i] = (word >>> 16) - (previous >>> 16);
      bytes[at + 2 * w + i] = (word >>> 8) - (previous >>> 8);
      bytes[at + 3 * w + i] = word - previous;
      previous = word;
    }
    // The first byte of each plane after the first follows the last byte of the plane before.
    const last = row[w - 1]!;
    const first = row[0]!;
    bytes[at + w] = (first >>> 16) - (last >>> 24);
    bytes[at + 2 * w] = (first >>> 8) - (last >>> 16);
    bytes[at + 3 * w] = first - (last >>> 8);
  }
}

/**
 * Applies the floating-point predictor to float32 tile rows (one sample per pixel), on a
 * little-endian host.
 */
export function applyFloatPredictor(tile: Float32Array, tileWidth: number): Uint8Array {
  return applyFloatPredictorBytes(
    new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength),
    tileWidth,
    4,
  );
}

/** Integer typed arrays the horizontal predictor works on (differences wrap as in C). */
export type IntegerSamples =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/**
 * Applies the horizontal-differencing predictor (Predictor 2) in place to rows of `tileWidth`
 * integer samples: each sample becomes its difference to the left one, modulo the sample size
 * (the typed array's own wrap-around on assignment).
 */
export function applyHorizontalPredictor(samples: IntegerSamples, tileWidth: number): void {
  for (let rowStart = 0; rowStart < samples.length; rowStart += tileWidth) {
    let previous = samples[rowStart]!;
    const rowEnd = Math.min(samples.length, rowStart + tileWidth);
    for (let i = rowStart + 1; i < rowEnd; i++) {
      const value = samples[i]!;
      samples[i] = value - previous;
      previous = value;
    }
  }
}
