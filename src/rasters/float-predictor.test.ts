import { describe, expect, it } from 'vitest';

import { canUseWordPredictor, undoFloatPredictorRow } from './float-predictor.js';
import { toHostOrder } from './tiff-predictor.js';

/** Encodes float32 rows with predictor 3 (byte planes, most significant first, differenced). */
function encodeRows(values: Float32Array, width: number): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(values.buffer);
  for (let r = 0; r < values.length / width; r++) {
    const base = r * width * 4;
    for (let c = 0; c < width; c++) {
      for (let b = 0; b < 4; b++) {
        bytes[base + b * width + c] = view.getUint8((r * width + c) * 4 + (3 - b));
      }
    }
    for (let i = base + width * 4 - 1; i > base; i--) bytes[i] = (bytes[i]! - bytes[i - 1]!) & 0xff;
  }
  return bytes;
}

describe('undoFloatPredictorRow', () => {
  it('restores float32 rows bit for bit, NaN, −0, ±Infinity and subnormals included', () => {
    const width = 12;
    const values = new Float32Array(width * 3);
    for (let i = 0; i < values.length; i++) values[i] = 273.15 + i * 0.37 - (i % 5) * 11;
    values.set([NaN, -0, Infinity, -Infinity, 1e-42, -3.4e38], 7);
    const encoded = encodeRows(values, width);
    const words = new Uint32Array(encoded.buffer);
    const restored = new Uint32Array(values.length);
    const row = new Uint32Array(width);
    for (let r = 0; r < 3; r++) {
      undoFloatPredictorRow(words, r * width, width, row);
      restored.set(row, r * width);
    }
    expect(Array.from(restored)).toEqual(Array.from(new Uint32Array(values.buffer)));
  });

  it('agrees with tiff-predictor toHostOrder on a pseudo-random 64 × 8 block', () => {
    const width = 64;
    const raw = new Uint8Array(width * 8 * 4);
    let state = 12345;
    for (let i = 0; i < raw.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      raw[i] = state >>> 24;
    }
    const reference = raw.slice();
    toHostOrder(reference, {
      predictor: 3,
      blockWidth: width,
      rows: 8,
      samplesPerPixel: 1,
      bytesPerSample: 4,
      littleEndian: true,
    });
    const words = new Uint32Array(raw.slice().buffer);
    const row = new Uint32Array(width);
    const restored = new Uint32Array(width * 8);
    for (let r = 0; r < 8; r++) {
      undoFloatPredictorRow(words, r * width, width, row);
      restored.set(row, r * width);
    }
    expect(Array.from(restored)).toEqual(Array.from(new Uint32Array(reference.buffer)));
  });

  it('accepts widths that are multiples of 4 pixels only', () => {
    expect([256, 512, 4, 6, 0].map(canUseWordPredictor)).toEqual([true, true, true, false, false]);
  });
});
