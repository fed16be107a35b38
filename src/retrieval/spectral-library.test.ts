import { describe, expect, it } from 'vitest';

import { bandEmissivity } from './planck.js';
import { emissivityAt, interpolateClamped, spectralLibrary } from './spectral-library.js';
import { spectralResponseOf } from './spectral-response.js';

describe('spectral library', () => {
  it('holds six ECOSTRESS spectra on a 0.02 µm grid over 7–14 µm, then water and snow', () => {
    const library = spectralLibrary();
    expect(library.map((s) => s.surfaceClass)).toEqual([
      'mineral',
      'rock',
      'rock',
      'vegetation',
      'vegetation',
      'vegetation',
      'water',
      'snow',
    ]);
    for (const spectrum of library.slice(0, 6)) {
      expect(spectrum.wavelengthsUm.length).toBe(351);
      expect(spectrum.wavelengthsUm[0]).toBe(7);
      expect(spectrum.wavelengthsUm[350]).toBe(14);
      expect(spectrum.source).toContain('ECOSTRESS');
    }
  });

  it('keeps the granite sample: ε = 1 − R/100 = 0.7350 at 9.00 µm (quartz band), 0.9267 at 11.00 µm', () => {
    const granite = spectralLibrary().find((s) => s.id.includes('granite_h1'))!;
    expect(emissivityAt(granite, 9)).toBeCloseTo(0.735, 4);
    expect(emissivityAt(granite, 11)).toBeCloseTo(0.9267, 4);
  });

  it('gives vegetation a band emissivity above 0.95 in Landsat 8 B10 and B11', () => {
    const vegetation = spectralLibrary().filter((s) => s.surfaceClass === 'vegetation');
    for (const spectrum of vegetation) {
      for (const band of ['B10', 'B11']) {
        const e = bandEmissivity(spectrum, spectralResponseOf('landsat-8', band));
        expect(e).toBeGreaterThan(0.95);
        expect(e).toBeLessThanOrEqual(1);
      }
    }
  });

  it('holds end values beyond the tabulated range and interpolates linearly inside', () => {
    const xs = Float64Array.from([1, 2, 4]);
    const ys = Float64Array.from([10, 20, 0]);
    expect(interpolateClamped(xs, ys, 0)).toBe(10);
    expect(interpolateClamped(xs, ys, 3)).toBe(10);
    expect(interpolateClamped(xs, ys, 9)).toBe(0);
    expect(Number.isNaN(interpolateClamped(new Float64Array(0), new Float64Array(0), 1))).toBe(
      true,
    );
  });
});
