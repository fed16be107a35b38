import { describe, expect, it } from 'vitest';
import { escapeSvgText, niceTicks, scatterSvg } from '../../notebooks/lib/svg-scatter.js';

const circles = (svg: string): string[] => svg.match(/<circle [^>]*>/g) ?? [];

describe('niceTicks', () => {
  it('covers the simulated LST range 256.3–327.8 K with 20 K ticks from 240 to 340', () => {
    expect(niceTicks(256.3, 327.8)).toEqual({
      min: 240,
      max: 340,
      ticks: [240, 260, 280, 300, 320, 340],
    });
  });

  it('steps a unit range by 0.2 without floating-point residue', () => {
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('widens a single value by ±1 and orders a reversed range', () => {
    expect(niceTicks(5, 5).ticks).toEqual([4, 4.5, 5, 5.5, 6]);
    expect(niceTicks(10, 0)).toMatchObject({ min: 0, max: 10 });
  });

  it('refuses a non-finite range', () => {
    expect(() => niceTicks(Number.NaN, 1)).toThrow('axis range must be finite, got [NaN, 1]');
  });
});

describe('scatterSvg', () => {
  const options = { title: 'T', xLabel: 'true (K)', yLabel: 'retrieved (K)', identityLine: true };

  it('maps the shared axis ends to the corners of the 560 × 440 plot area', () => {
    const svg = scatterSvg([{ label: 'a', x: [0, 10], y: [0, 10], colour: '#f00' }], options);
    const points = circles(svg).filter((circle) => circle.includes('r="1.8"'));
    expect(points).toEqual([
      '<circle cx="64.0" cy="388.0" r="1.8"/>',
      '<circle cx="544.0" cy="36.0" r="1.8"/>',
    ]);
    expect(svg).toContain('<line x1="64.0" y1="388.0" x2="544.0" y2="36.0" stroke="#888"');
  });

  it('leaves out non-finite pairs and strides down to maxPointsPerSeries', () => {
    const x = Float32Array.from({ length: 100 }, (_, i) => i);
    const y = Float32Array.from(x, (value) => (value === 4 ? Number.NaN : value));
    const svg = scatterSvg([{ label: 'a', x, y, colour: 'red' }], {
      ...options,
      maxPointsPerSeries: 25,
    });
    // Stride 4 visits rows 0, 4, …, 96 (25 rows); row 4 is NaN; plus one legend marker.
    expect(circles(svg)).toHaveLength(24 + 1);
  });

  it('escapes labels so that text cannot break the markup', () => {
    expect(escapeSvgText('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
    const svg = scatterSvg([{ label: 'x<y', x: [1], y: [2], colour: 'red' }], options);
    expect(svg).toContain('>x&lt;y</text>');
  });

  it('refuses series without a finite point', () => {
    expect(() =>
      scatterSvg([{ label: 'a', x: [Number.NaN], y: [1], colour: 'red' }], options),
    ).toThrow('scatter plot has no finite (x, y) pair to draw');
  });
});
