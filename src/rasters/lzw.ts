/**
 * TIFF LZW decoding into a buffer of fixed size.
 *
 * TIFF 6.0 §13: codes of 9 to 12 bits packed most significant bit first; code 256 clears the
 * table, 257 ends the stream, new entries start at 258, and the code width grows one entry
 * early (at 511, 1023, 2047). The pre-6.0 "compatibility" variant (old libtiff/NeXT writers)
 * packs codes least significant bit first and grows the width without the early change; like
 * libtiff, it is recognised by its first two bytes (a 0 byte, then a byte with bit 0 set).
 *
 * Every string the table holds is already in the output (an entry is the previous string plus
 * the first byte of the one after it), so an entry is kept as its start in the output and its
 * length, and decoding a code is a copy within the output: no per-code allocation.
 */
import { InvalidTiffError, LimitExceededError } from '../errors.js';

const CLEAR_CODE = 256;
const EOI_CODE = 257;
const FIRST_ENTRY = 258;
const MAX_WIDTH_BITS = 12;
const TABLE_SIZE = 1 << MAX_WIDTH_BITS;
/** Strings at least this long are copied with copyWithin, shorter ones byte by byte. */
const BULK_COPY_BYTES = 24;

/** Where the decoded block goes, and how it is named in messages. */
export interface LzwTarget {
  /** Capacity: the block's expected decoded size in bytes. */
  capacityBytes: number;
  /** e.g. "scene.tif: strip 3", for error messages. */
  label: string;
}

/** True when `input` starts like a pre-6.0 (LSB-first) LZW stream. */
export function isCompatibilityLzw(input: Uint8Array): boolean {
  return input.length >= 2 && input[0] === 0 && (input[1]! & 1) === 1;
}

function overflow(target: LzwTarget): LimitExceededError {
  return new LimitExceededError(
    `${target.label} decodes to more than its expected ${target.capacityBytes} bytes (LZW); ` +
      `the block is corrupt or hostile`,
    { block: target.label, expectedBytes: target.capacityBytes },
  );
}

function malformed(target: LzwTarget, code: number, nextCode: number): InvalidTiffError {
  return new InvalidTiffError(
    `${target.label}: malformed LZW stream (code ${code} where the table holds ${nextCode} ` +
      `entries)`,
    { block: target.label, code, nextCode },
  );
}

/**
 * Decodes the LZW stream `input` into a new array of `target.capacityBytes` bytes and returns
 * the part written (shorter when the block decodes to less, e.g. a short last strip). A stream
 * that ends without an end code is accepted, as libtiff does.
 * @throws LimitExceededError when the stream decodes to more than `target.capacityBytes`.
 * @throws InvalidTiffError on a code the table does not hold yet.
 */
export function decodeLzw(input: Uint8Array, target: LzwTarget): Uint8Array {
  const out = new Uint8Array(target.capacityBytes);
  const written = decodeInto(input, out, target, isCompatibilityLzw(input));
  return out.subarray(0, written);
}

function decodeInto(
  input: Uint8Array,
  out: Uint8Array,
  target: LzwTarget,
  lsbFirst: boolean,
): number {
  const capacity = out.length;
  const starts = new Int32Array(TABLE_SIZE);
  const lengths = new Int32Array(TABLE_SIZE);
  const totalBits = input.length * 8;
  const early = lsbFirst ? 0 : 1;
  let bitPos = 0;
  let width = 9;
  let nextCode = FIRST_ENTRY;
  let prevStart = -1;
  let prevLength = 0;
  let pos = 0;

  while (bitPos + width <= totalBits) {
    const byte = bitPos >>> 3;
    const shift = bitPos & 7;
    let code: number;
    if (lsbFirst) {
      const word = input[byte]! | ((input[byte + 1] ?? 0) << 8) | ((input[byte + 2] ?? 0) << 16);
      code = (word >>> shift) & ((1 << width) - 1);
    } else {
      const word = (input[byte]! << 16) | ((input[byte + 1] ?? 0) << 8) | (input[byte + 2] ?? 0);
      code = (word >>> (24 - shift - width)) & ((1 << width) - 1);
    }
    bitPos += width;

    if (code === CLEAR_CODE) {
      width = 9;
      nextCode = FIRST_ENTRY;
      prevStart = -1;
      continue;
    }
    if (code === EOI_CODE) break;

    const start = pos;
    if (code < CLEAR_CODE) {
      if (pos >= capacity) throw overflow(target);
      out[pos++] = code;
    } else if (code < nextCode && prevStart >= 0) {
      const length = lengths[code]!;
      if (pos + length > capacity) throw overflow(target);
      const from = starts[code]!;
      if (length >= BULK_COPY_BYTES) out.copyWithin(pos, from, from + length);
      else for (let i = 0; i < length; i++) out[pos + i] = out[from + i]!;
      pos += length;
    } else if (code === nextCode && prevStart >= 0) {
      // The string not yet in the table: the previous one plus its own first byte. A forward
      // byte copy reads that first byte back as it is written.
      const length = prevLength + 1;
      if (pos + length > capacity) throw overflow(target);
      for (let i = 0; i < length; i++) out[pos + i] = out[prevStart + i]!;
      pos += length;
    } else {
      throw malformed(target, code, nextCode);
    }

    if (prevStart >= 0 && nextCode < TABLE_SIZE) {
      starts[nextCode] = prevStart;
      lengths[nextCode] = prevLength + 1;
      nextCode++;
      if (nextCode >= (1 << width) - early && width < MAX_WIDTH_BITS) width++;
    }
    prevStart = start;
    prevLength = pos - start;
  }
  return pos;
}
