import { readFile } from 'node:fs/promises';

import { fromArrayBuffer, getDecoder } from 'geotiff';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { InvalidTiffError, LimitExceededError } from '../errors.js';
import { decodeLzw, isCompatibilityLzw } from './lzw.js';

/**
 * A minimal TIFF LZW encoder for the tests: `lsbFirst` writes the pre-6.0 variant (LSB-first, no
 * early change). It clears the table when full.
 */
function encodeLzw(data: Uint8Array, lsbFirst = false): Uint8Array {
  const bytes: number[] = [];
  let buffer = 0;
  let bufferBits = 0;
  let width = 9;
  const emit = (code: number) => {
    if (lsbFirst) {
      buffer |= code << bufferBits;
      bufferBits += width;
      while (bufferBits >= 8) {
        bytes.push(buffer & 0xff);
        buffer >>>= 8;
        bufferBits -= 8;
      }
    } else {
      buffer = (buffer << width) | code;
      bufferBits += width;
      while (bufferBits >= 8) {
        bytes.push((buffer >>> (bufferBits - 8)) & 0xff);
        bufferBits -= 8;
      }
      buffer &= (1 << bufferBits) - 1;
    }
  };
  const early = lsbFirst ? 0 : 1;
  let table = new Map<string, number>();
  let nextCode = 258;
  emit(256);
  let current = '';
  for (const byte of data) {
    const extended = `${current},${byte}`;
    if (current === '' || table.has(extended)) {
      current = current === '' ? `,${byte}` : extended;
      continue;
    }
    emit(current.split(',').length === 2 ? byte0(current) : table.get(current)!);
    table.set(extended, nextCode++);
    // The decoder adds each entry one code later than the encoder, hence `>`.
    if (nextCode > (1 << width) - early && width < 12) width++;
    if (nextCode === 4094) {
      emit(256);
      table = new Map();
      nextCode = 258;
      width = 9;
    }
    current = `,${byte}`;
  }
  if (current !== '') emit(current.split(',').length === 2 ? byte0(current) : table.get(current)!);
  emit(257);
  if (bufferBits > 0) bytes.push(lsbFirst ? buffer & 0xff : (buffer << (8 - bufferBits)) & 0xff);
  return new Uint8Array(bytes);
}

function byte0(single: string): number {
  return Number(single.slice(1));
}

/** Deterministic bytes of low entropy (repeats, runs) that fill the 12-bit table. */
function sampleBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let seed = 12345;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = i % 700 < 300 ? (seed >>> 24) & 0x0f : 200;
  }
  return out;
}

describe('decodeLzw', () => {
  it('decodes a TIFF 6.0 stream that fills the 12-bit table and clears it, byte for byte', () => {
    const data = sampleBytes(60_000);
    const encoded = encodeLzw(data);
    expect(isCompatibilityLzw(encoded)).toBe(false);
    expect(decodeLzw(encoded, { capacityBytes: 60_000, label: 'a.tif: strip 0' })).toEqual(data);
  });

  it('decodes the pre-6.0 LSB-first variant to the same bytes', () => {
    const data = sampleBytes(20_000);
    const encoded = encodeLzw(data, true);
    expect(isCompatibilityLzw(encoded)).toBe(true);
    expect(decodeLzw(encoded, { capacityBytes: 20_000, label: 'a.tif: strip 0' })).toEqual(data);
  });

  it('decodes the code not yet in the table (a run of one byte value)', () => {
    const data = new Uint8Array(5000).fill(7);
    const decoded = decodeLzw(encodeLzw(data), { capacityBytes: 5000, label: 'a.tif: tile 0' });
    expect(decoded).toEqual(data);
  });

  it('returns only the bytes written when the block decodes to less (a short last strip)', () => {
    const data = sampleBytes(1000);
    const decoded = decodeLzw(encodeLzw(data), { capacityBytes: 4096, label: 'a.tif: strip 9' });
    expect(decoded.length).toBe(1000);
  });

  it('refuses a block that decodes past its expected size, naming the block', () => {
    const encoded = encodeLzw(new Uint8Array(100_000).fill(3));
    const decoding = () => decodeLzw(encoded, { capacityBytes: 16_384, label: 'bomb.tif: tile 7' });
    expect(decoding).toThrow(LimitExceededError);
    expect(decoding).toThrow(
      'bomb.tif: tile 7 decodes to more than its expected 16384 bytes (LZW); the block is ' +
        'corrupt or hostile',
    );
  });

  it('refuses a code the table does not hold yet', () => {
    // Clear (256), then code 300 in 9 bits, MSB first: 100000000 100101100.
    const encoded = new Uint8Array([0b10000000, 0b01001011, 0b00000000]);
    const decoding = () => decodeLzw(encoded, { capacityBytes: 64, label: 'bad.tif: strip 2' });
    expect(decoding).toThrow(InvalidTiffError);
    expect(decoding).toThrow(
      'bad.tif: strip 2: malformed LZW stream (code 300 where the table holds 258 entries)',
    );
  });

  it('matches geotiff.js on every block of the LZW files rgb_lzw.tif and b02 float32 pred 3', async () => {
    const files = [
      'geotiff-edge-cases/rgb_lzw.tif',
      'reported-faults/b02_float32_lzw_pred3_strips_short_last.tif',
    ];
    let blocks = 0;
    for (const file of files) {
      const bytes = await readFile(sharedDataFile(file));
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const tiff = await fromArrayBuffer(buffer);
      const image = await tiff.getImage();
      const directory = image.getFileDirectory();
      const tiled = image.isTiled;
      const offsetsTag = await directory.loadValue(tiled ? 'TileOffsets' : 'StripOffsets');
      const countsTag = await directory.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts');
      const offsets = Array.from(offsetsTag ?? [], Number);
      const counts = Array.from(countsTag ?? [], Number);
      const rows = Math.min(image.getTileHeight(), image.getHeight());
      const expectedBytes =
        image.getTileWidth() * rows * image.getSamplesPerPixel() * (image.getBitsPerSample(0) / 8);
      const reference = await getDecoder(5, {
        tileWidth: image.getTileWidth(),
        tileHeight: image.getTileHeight(),
        planarConfiguration: image.planarConfiguration,
        bitsPerSample: image.getBitsPerSample(0),
        samplesPerPixel: image.getSamplesPerPixel(),
        predictor: 1,
      });
      for (let i = 0; i < offsets.length; i++) {
        const raw = new Uint8Array(buffer, offsets[i], counts[i]).slice();
        const theirs = new Uint8Array(await reference.decode(raw.slice().buffer));
        const ours = decodeLzw(raw, { capacityBytes: expectedBytes, label: `${file}: ${i}` });
        expect(Buffer.compare(ours, theirs.subarray(0, ours.length))).toBe(0);
        expect(ours.length).toBe(Math.min(theirs.length, expectedBytes));
        blocks++;
      }
    }
    expect(blocks).toBe(12 + 5);
  });
});
