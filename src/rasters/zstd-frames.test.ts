import { describe, expect, it } from 'vitest';

import { zstdDecodedBytesBound } from './zstd-frames.js';

/** A single-segment frame declaring a 4-byte content size, with one raw block of `payload`. */
function frame(contentSize: number, payload: number[]): number[] {
  const size = contentSize >>> 0;
  const blockHeader = (payload.length << 3) | 1;
  return [
    0x28,
    0xb5,
    0x2f,
    0xfd,
    0xa0,
    size & 0xff,
    (size >>> 8) & 0xff,
    (size >>> 16) & 0xff,
    size >>> 24,
    blockHeader & 0xff,
    (blockHeader >>> 8) & 0xff,
    blockHeader >>> 16,
    ...payload,
  ];
}

describe('zstdDecodedBytesBound', () => {
  it('sums the declared content sizes of concatenated frames', () => {
    const bytes = new Uint8Array([...frame(3, [1, 2, 3]), ...frame(1_000_000_000, [9])]);
    expect(zstdDecodedBytesBound(bytes)).toBe(1_000_000_003);
  });

  it('bounds a frame without a content size by its blocks (raw size, compressed 128 KiB)', () => {
    // Descriptor 0x00: window byte, no content size; a raw block of 2 bytes, then a last
    // compressed block of 1 byte.
    const bytes = new Uint8Array([
      0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x48, 0x10, 0x00, 0x00, 7, 8, 0x0d, 0x00, 0x00, 0,
    ]);
    expect(zstdDecodedBytesBound(bytes)).toBe(2 + 131_072);
  });

  it('skips skippable frames and returns null for a stream that is not ZSTD', () => {
    const skippable = [0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 0xee, 0xee];
    expect(zstdDecodedBytesBound(new Uint8Array([...skippable, ...frame(3, [1, 2, 3])]))).toBe(3);
    expect(zstdDecodedBytesBound(new Uint8Array([0x78, 0x9c, 1, 2, 3]))).toBeNull();
  });
});
