import { describe, expect, it } from 'vitest';

import { splitWindowLst, splitWindowLstKelvin } from './split-window.js';

describe('Jiménez-Muñoz 2014 split-window LST', () => {
  it('retrieves 305.430 K from Ti 300 K, Tj 298 K, ε 0.97/0.98 and w 2 g/cm2', () => {
    // 300 + 1.378·2 + 0.183·4 − 0.268 + (54.30 − 2.238·2)·0.025 + (−129.20 + 16.40·2)·(−0.01)
    expect(splitWindowLstKelvin(300, 298, 0.97, 0.98, 2)).toBeCloseTo(305.4296, 6);
  });

  it('adds only c0 = −0.268 K to Ti for equal brightness temperatures over a blackbody', () => {
    expect(splitWindowLstKelvin(290, 290, 1, 1, 3)).toBeCloseTo(289.732, 9);
  });

  it('keeps NaN and refuses inputs of different lengths', () => {
    const nan = new Float32Array([Number.NaN]);
    const one = new Float32Array([0.98]);
    expect(Number.isNaN(splitWindowLst(nan, one, one, one, 2)[0])).toBe(true);
    expect(() => splitWindowLst(nan, new Float32Array(2), one, one, 2)).toThrow(
      'split-window inputs differ in length',
    );
  });
});
