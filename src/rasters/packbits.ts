/**
 * TIFF PackBits decoding into a buffer of fixed size (TIFF 6.0 §9): a header byte n, read as a
 * signed byte, is followed by n + 1 literal bytes when 0 ≤ n ≤ 127, or by one byte repeated
 * 1 − n times when −127 ≤ n ≤ −1; n = −128 is a no-op (libtiff skips it too).
 */
import { LimitExceededError } from '../errors.js';

/**
 * Decodes `input` into a new array of at most `capacityBytes` bytes and returns the part
 * written. A run cut short by the end of the input keeps the bytes present, as libtiff does.
 * @throws LimitExceededError when the stream decodes to more than `capacityBytes`; `label`
 * (e.g. "scene.tif: strip 3") names the block in the message.
 */
export function decodePackBits(
  input: Uint8Array,
  capacityBytes: number,
  label: string,
): Uint8Array {
  const out = new Uint8Array(capacityBytes);
  let pos = 0;
  let at = 0;
  while (at < input.length) {
    const header = (input[at++]! << 24) >> 24;
    if (header === -128) continue;
    const count = header >= 0 ? header + 1 : 1 - header;
    if (pos + count > capacityBytes) {
      throw new LimitExceededError(
        `${label} decodes to more than its expected ${capacityBytes} bytes (PackBits); the ` +
          `block is corrupt or hostile`,
        { block: label, expectedBytes: capacityBytes },
      );
    }
    if (header >= 0) {
      const literal = input.subarray(at, at + count);
      out.set(literal, pos);
      pos += literal.length;
      at += count;
    } else {
      if (at >= input.length) break;
      out.fill(input[at++]!, pos, pos + count);
      pos += count;
    }
  }
  return out.subarray(0, pos);
}
