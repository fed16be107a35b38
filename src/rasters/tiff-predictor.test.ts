import { deflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { LimitExceededError } from '../errors.js';
import { deflateBlockDecoder, type BlockShape } from './block-decoders.js';
import { toHostOrder } from './tiff-predictor.js';

const WIDTH = 5;
const ROWS = 3;

/** A block of `spp`-sample pixels with varied bytes in every position, as host (LE) bytes. */
function hostBlock(bytesPerSample: number, spp: number): Uint8Array {
  const bytes = new Uint8Array(WIDTH * ROWS * spp * bytesPerSample);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 151 + 7 * (i >> 2) + 13) & 0xff;
  return bytes;
}

/** Forward predictor 2 (TIFF 6.0 §14) in the file's byte order. */
function encodeHorizontal(host: Uint8Array, bps: number, spp: number, littleEndian: boolean) {
  const out = new Uint8Array(host.length);
  const view = new DataView(host.buffer);
  const outView = new DataView(out.buffer);
  const mask = (1n << BigInt(bps * 8)) - 1n;
  const read = (at: number): bigint => {
    let v = 0n;
    for (let b = bps - 1; b >= 0; b--) v = (v << 8n) | BigInt(view.getUint8(at + b));
    return v;
  };
  const rowSamples = WIDTH * spp;
  for (let i = 0; i < host.length / bps; i++) {
    const previous = i % rowSamples < spp ? 0n : read((i - spp) * bps);
    const difference = (read(i * bps) - previous) & mask;
    for (let b = 0; b < bps; b++) {
      const byte = Number((difference >> BigInt(8 * b)) & 0xffn);
      outView.setUint8(i * bps + (littleEndian ? b : bps - 1 - b), byte);
    }
  }
  return out;
}

/** Forward predictor 3 (Adobe TIFF Technical Note 3): byte planes MSB first, then differences. */
function encodeFloatingPoint(host: Uint8Array, bps: number, spp: number): Uint8Array {
  const out = new Uint8Array(host.length);
  const words = WIDTH * spp;
  const rowBytes = words * bps;
  for (let row = 0; row < ROWS; row++) {
    const base = row * rowBytes;
    const planes = new Uint8Array(rowBytes);
    for (let w = 0; w < words; w++) {
      for (let b = 0; b < bps; b++) planes[b * words + w] = host[base + w * bps + (bps - 1 - b)]!;
    }
    for (let i = 0; i < rowBytes; i++) {
      out[base + i] = (planes[i]! - (i >= spp ? planes[i - spp]! : 0)) & 0xff;
    }
  }
  return out;
}

const layoutOf = (predictor: number, bps: number, spp: number, littleEndian: boolean) => ({
  predictor,
  blockWidth: WIDTH,
  rows: ROWS,
  samplesPerPixel: spp,
  bytesPerSample: bps,
  littleEndian,
});

describe('toHostOrder undoes every predictor the TIFF spec allows, in both byte orders', () => {
  for (const littleEndian of [true, false]) {
    const order = littleEndian ? 'little-endian' : 'big-endian';
    for (const bps of [1, 2, 4, 8]) {
      for (const spp of [1, 3]) {
        it(`predictor 2 on ${bps * 8}-bit samples, ${spp} per pixel, ${order}`, () => {
          const host = hostBlock(bps, spp);
          const file = encodeHorizontal(host, bps, spp, littleEndian);
          toHostOrder(file, layoutOf(2, bps, spp, littleEndian));
          expect(file).toEqual(host);
        });
      }
    }
    for (const bps of [4, 8]) {
      for (const spp of [1, 2]) {
        it(`predictor 3 on float${bps * 8}, ${spp} per pixel, ${order} file`, () => {
          const host = hostBlock(bps, spp);
          const file = encodeFloatingPoint(host, bps, spp);
          toHostOrder(file, layoutOf(3, bps, spp, littleEndian));
          expect(file).toEqual(host);
        });
      }
    }
    it(`no predictor swaps ${order} 16-bit samples to host order`, () => {
      const file = Uint8Array.from(littleEndian ? [0x39, 0x30] : [0x30, 0x39]);
      toHostOrder(file, { ...layoutOf(1, 2, 1, littleEndian), blockWidth: 1, rows: 1 });
      expect(new Uint16Array(file.buffer)[0]).toBe(12345);
    });
  }

  it('decodes a float32 value the way Technical Note 3 defines it (273.15 → 273.1499938964844)', () => {
    const host = new Uint8Array(new Float32Array([290.5, 273.15, -0.5, 0, 350]).buffer);
    const file = encodeFloatingPoint(host, 4, 1).subarray(0, 20);
    toHostOrder(file, { ...layoutOf(3, 4, 1, false), rows: 1 });
    expect(Array.from(new Float32Array(file.buffer, 0, 5))).toEqual([
      290.5, 273.1499938964844, -0.5, 0, 350,
    ]);
  });
});

describe('DEFLATE blocks through node:zlib', () => {
  const shape = (expectedBytes: number): BlockShape => ({
    label: 'tile 7',
    width: 64,
    rows: 64,
    samplesPerPixel: 1,
    expectedBytes,
  });

  it('inflates a block and, after the predictor, gives the samples back', async () => {
    const host = hostBlock(4, 1);
    const raw = deflateSync(encodeFloatingPoint(host, 4, 1));
    const bytes = await deflateBlockDecoder('a.tif').decode(
      raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength),
      shape(host.length),
    );
    toHostOrder(bytes, layoutOf(3, 4, 1, true));
    expect(bytes).toEqual(host);
  });

  it('stops a block that inflates beyond its expected size (a 16 MiB bomb in a 16 KiB tile)', async () => {
    const bomb = deflateSync(new Uint8Array(16 * 1024 * 1024));
    const decoding = deflateBlockDecoder('bomb.tif').decode(
      bomb.buffer.slice(bomb.byteOffset, bomb.byteOffset + bomb.byteLength),
      shape(16_384),
    );
    await expect(decoding).rejects.toThrow(LimitExceededError);
    await expect(decoding).rejects.toThrow(
      'bomb.tif: tile 7 decodes to more than its expected 16384 bytes (DEFLATE output cut at ' +
        'the limit); the block is corrupt or hostile',
    );
  });

  it('names the block whose DEFLATE stream is broken', async () => {
    const decoding = deflateBlockDecoder('bad.tif').decode(
      new Uint8Array([1, 2, 3, 4]).buffer,
      shape(100),
    );
    await expect(decoding).rejects.toThrow(/^bad\.tif: cannot inflate tile 7 \(DEFLATE\): /);
  });
});
