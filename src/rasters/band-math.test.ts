import { describe, expect, it } from 'vitest';
import { evaluateBandExpression, parseBandExpression } from './band-math.js';

const L8_BANDS = ['B4', 'B5', 'B10', 'B11'];

function evaluate(source: string, bands: Record<string, number[]>): number[] {
  const expression = parseBandExpression(source, Object.keys(bands));
  const values = new Map(Object.entries(bands).map(([name, v]) => [name, Float32Array.from(v)]));
  return Array.from(evaluateBandExpression(expression, values));
}

describe('parseBandExpression', () => {
  it('parses NDVI into a canonical tree that lists each band once', () => {
    const ndvi = parseBandExpression('(B5-B4)/(B5+B4)', L8_BANDS);
    expect(ndvi.canonical).toBe('((B5 - B4) / (B5 + B4))');
    expect(ndvi.bands).toEqual(['B5', 'B4']);
    expect(parseBandExpression(' ( B5 - B4 ) / ( B5 + B4 ) ', L8_BANDS).canonical).toBe(
      ndvi.canonical,
    );
  });

  it('gives * and / precedence over + and -, left to right, and binds unary minus tightest', () => {
    expect(parseBandExpression('B4 - B5 - B10 * 2 / 4', L8_BANDS).canonical).toBe(
      '((B4 - B5) - ((B10 * 2) / 4))',
    );
    expect(parseBandExpression('-B4*-2', L8_BANDS).canonical).toBe('(-(B4) * -(2))');
  });

  it('resolves band names exactly, else ignoring case when unambiguous', () => {
    expect(parseBandExpression('b4 + sr_b4', ['B4', 'SR_B4']).bands).toEqual(['B4', 'SR_B4']);
    expect(parseBandExpression('b1*0.0001', ['b1', 'B1']).bands).toEqual(['b1']);
    expect(() => parseBandExpression('bb', ['Bb', 'bB'])).toThrow(
      "expression 'bb': unknown band 'bb' at character 1; bands: Bb, bB",
    );
  });

  it('refuses an unknown band, naming it, its character and the bands of the scene', () => {
    expect(() => parseBandExpression('(B5-B7)/2', L8_BANDS)).toThrow(
      "expression '(B5-B7)/2': unknown band 'B7' at character 5; bands: B4, B5, B10, B11",
    );
  });

  it('refuses syntax errors with the character where they occur', () => {
    expect(() => parseBandExpression('(B5-B4', L8_BANDS)).toThrow(
      "expression '(B5-B4': expected ')' at character 7, found the end",
    );
    expect(() => parseBandExpression('B5 B4', L8_BANDS)).toThrow(
      "expression 'B5 B4': expected an operator or the end at character 4, found 'B4'",
    );
    expect(() => parseBandExpression('B5 ** 2', L8_BANDS)).toThrow(
      "expression 'B5 ** 2': expected a number, a band, a function or ( at character 5, found '*'",
    );
    expect(() => parseBandExpression('B5 % 2', L8_BANDS)).toThrow(
      "expression 'B5 % 2': unexpected character '%' at character 4",
    );
  });

  it('refuses unknown functions, wrong argument counts, band-less and overlong expressions', () => {
    expect(() => parseBandExpression('exp(B4)', L8_BANDS)).toThrow(
      "expression 'exp(B4)': unknown function 'exp' at character 1; functions: sqrt, abs, log, min, max",
    );
    expect(() => parseBandExpression('min(B4)', L8_BANDS)).toThrow(
      "expression 'min(B4)': min() at character 1 takes 2 to 8 arguments, got 1",
    );
    expect(() => parseBandExpression('2*3', L8_BANDS)).toThrow(
      "expression '2*3': uses no band; bands: B4, B5, B10, B11",
    );
    expect(() => parseBandExpression('B4+'.repeat(90) + 'B4', L8_BANDS)).toThrow(
      'expression of 272 characters is longer than 256',
    );
    expect(() => parseBandExpression('B4+'.repeat(40) + 'B4', L8_BANDS)).toThrow(
      /: more than 64 tokens$/,
    );
    expect(() => parseBandExpression('   ', L8_BANDS)).toThrow('expression is empty');
  });
});

describe('evaluateBandExpression', () => {
  it('computes NDVI per pixel, NaN where a band is noData or the sum is zero', () => {
    const ndvi = evaluate('(B5-B4)/(B5+B4)', {
      B4: [1000, 2000, Number.NaN, 0],
      B5: [3000, 2000, 5000, 0],
    });
    expect(ndvi[0]).toBeCloseTo(0.5, 6);
    expect(ndvi[1]).toBe(0);
    expect(ndvi[2]).toBeNaN();
    expect(ndvi[3]).toBeNaN();
  });

  it('applies functions, scaling numbers and unary minus', () => {
    const out = evaluate('max(sqrt(abs(b1)), log(b2)) * 0.5 - -1e-1', {
      b1: [-16, 4],
      b2: [Math.E ** 6, 0],
    });
    expect(out[0]).toBeCloseTo(3.1, 5);
    // log(0) = -Infinity, so max(2, -Infinity) = 2 and the result is finite.
    expect(out[1]).toBeCloseTo(1.1, 5);
    expect(evaluate('log(b1)', { b1: [0, -1] })).toEqual([Number.NaN, Number.NaN]);
  });
});
