import { describe, expect, it } from 'vitest';
import { parseRange } from './math-range.js';

describe('the band-math display range', () => {
  it('reads two numbers with min below max', () => {
    expect(parseRange('0', '0.5')).toEqual([0, 0.5]);
    expect(parseRange(' -1e-2 ', '1')).toEqual([-0.01, 1]);
  });

  it('is null when both inputs are blank', () => {
    expect(parseRange('', '  ')).toBeNull();
  });

  it('names what is wrong otherwise', () => {
    expect(parseRange('0', '')).toBe('Give both min and max, or neither.');
    expect(parseRange('a', '1')).toBe('Min and max must be numbers.');
    expect(parseRange('0.5', '0.5')).toBe('Min (0.5) must be below max (0.5).');
  });
});
