import { describe, expect, it } from 'vitest';

import { halveRowPair } from './overview-builder.js';
import {
  applyFloat32PredictorInPlace,
  applyFloatPredictorBytes,
  applyHorizontalPredictor,
} from './tiff-encoder.js';

describe('tile predictors', () => {
  it('floating-point predictor: 1.0, 2.0 become byte planes 3F 40 | 80 00 | 00 00 | 00 00, differenced', () => {
    const tile = new Float32Array([1, 2]);
    applyFloat32PredictorInPlace(tile, 2);
    expect([...new Uint8Array(tile.buffer)]).toEqual([0x3f, 0x01, 0x40, 0x80, 0, 0, 0, 0]);
  });

  it('the in-place float32 predictor gives the same bytes as the byte-plane one, row by row', () => {
    const width = 256;
    const tile = new Float32Array(width * 3);
    for (let i = 0; i < tile.length; i++) tile[i] = i % 11 === 0 ? NaN : 280 + 40 * Math.sin(i);
    const expected = applyFloatPredictorBytes(new Uint8Array(tile.slice().buffer), width, 4);
    applyFloat32PredictorInPlace(tile, width);
    expect(Buffer.from(tile.buffer).equals(Buffer.from(expected))).toBe(true);
  });

  it('horizontal predictor wraps uint16 differences: 1 3 2 0 → 1 2 65535 65534', () => {
    const samples = new Uint16Array([1, 3, 2, 0, 7, 7, 9, 9]);
    applyHorizontalPredictor(samples, 4);
    expect([...samples]).toEqual([1, 2, 65535, 65534, 7, 0, 2, 0]);
  });
});

describe('overview halving', () => {
  const upper = new Float32Array([1, 2, 5, NaN, 7]);
  const lower = new Float32Array([3, 4, -9999, -9999, 9]);

  it('averages the valid values of each 2×2 block, leaving out NaN and noData', () => {
    const options = { resampling: 'average', noData: -9999, roundToInteger: false } as const;
    expect([...halveRowPair(upper, lower, 5, options)]).toEqual([2.5, 5, 8]);
    expect([...halveRowPair(upper, null, 5, options)]).toEqual([1.5, 5, 7]);
  });

  it('rounds integer averages half up and gives NaN for a block without a valid value', () => {
    const options = { resampling: 'average', noData: 0, roundToInteger: true } as const;
    const top = new Float32Array([1, 2, 0, 0]);
    const bottom = new Float32Array([2, 2, 0, NaN]);
    expect([...halveRowPair(top, bottom, 4, options)]).toEqual([2, NaN]);
  });

  it('nearest takes the top-left value, mode the most frequent valid one', () => {
    const nearest = { resampling: 'nearest', noData: -9999, roundToInteger: true } as const;
    expect([...halveRowPair(lower, upper, 5, nearest)]).toEqual([3, NaN, 9]);
    const mode = { resampling: 'mode', noData: NaN, roundToInteger: true } as const;
    const classes = new Float32Array([4, 6, 1, 1]);
    expect([...halveRowPair(classes, new Float32Array([6, 4, 2, NaN]), 4, mode)]).toEqual([4, 1]);
  });
});
