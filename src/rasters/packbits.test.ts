import { describe, expect, it } from 'vitest';

import { LimitExceededError } from '../errors.js';
import { decodePackBits } from './packbits.js';

describe('decodePackBits', () => {
  it('decodes the TIFF 6.0 §9 example to its 24 bytes', () => {
    const packed = new Uint8Array([
      0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa,
    ]);
    expect(Array.from(decodePackBits(packed, 24, 'a.tif: strip 0'))).toEqual([
      0xaa,
      0xaa,
      0xaa,
      0x80,
      0x00,
      0x2a,
      0xaa,
      0xaa,
      0xaa,
      0xaa,
      0x80,
      0x00,
      0x2a,
      0x22,
      ...new Array<number>(10).fill(0xaa),
    ]);
  });

  it('skips the header −128 (a no-op) and returns only the bytes written', () => {
    const packed = new Uint8Array([0x80, 0x01, 0x05, 0x06, 0x80]);
    expect(Array.from(decodePackBits(packed, 100, 'a.tif: strip 0'))).toEqual([5, 6]);
  });

  it('refuses a run past the expected size, naming the block', () => {
    const packed = new Uint8Array(200).fill(0x81);
    const decoding = () => decodePackBits(packed, 1000, 'bomb.tif: strip 4');
    expect(decoding).toThrow(LimitExceededError);
    expect(decoding).toThrow(
      'bomb.tif: strip 4 decodes to more than its expected 1000 bytes (PackBits); the block is ' +
        'corrupt or hostile',
    );
  });
});
