import { describe, expect, it } from 'vitest';

import { openGeoTiff } from '../rasters/geotiff-reader.js';
import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { brightnessTemperatureKelvin } from './brightness-temperature.js';
import {
  constantWaterVapour,
  covarianceHaloRows,
  du2015WaterVapour,
  waterVapourFromRaster,
  waterVapourFromRatio,
} from './water-vapour.js';
import { windowCovarianceRatio } from './window-covariance.js';

/** Straightforward per-window regression slope, the reference for the box filter. */
function bruteForceRatio(
  x: Float32Array,
  y: Float32Array,
  width: number,
  height: number,
  side: number,
  row: number,
  col: number,
  mask?: Uint8Array,
): number {
  const r = (side - 1) / 2;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const yy = row + dy;
      const xx = col + dx;
      if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
      const i = yy * width + xx;
      if (Number.isNaN(x[i]) || Number.isNaN(y[i]) || mask?.[i] === 0) continue;
      xs.push(x[i] as number);
      ys.push(y[i] as number);
    }
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let cov = 0;
  let variance = 0;
  xs.forEach((v, k) => {
    cov += (v - mx) * ((ys[k] as number) - my);
    variance += (v - mx) ** 2;
  });
  return cov / variance;
}

function pseudoRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('water vapour', () => {
  it('fills a constant and refuses values outside 0-10 g/cm2', () => {
    expect(Array.from(constantWaterVapour(2.5, 3))).toEqual([2.5, 2.5, 2.5]);
    expect(() => constantWaterVapour(12, 3)).toThrow('water vapour 12 g/cm2 is outside 0-10 g/cm2');
    expect(() => constantWaterVapour(Number.NaN, 3)).toThrow('water vapour NaN g/cm2');
  });

  it('scales a raster and converts kg/m2 to g/cm2, dropping fill values', () => {
    const w = waterVapourFromRaster(new Float32Array([250, -9999, Number.NaN]), {
      scale: 0.1,
      unit: 'kg/m2',
    });
    expect(w[0]).toBeCloseTo(2.5, 6);
    expect(Number.isNaN(w[1])).toBe(true);
    expect(Number.isNaN(w[2])).toBe(true);
  });

  it('turns a ratio into w = 9.087 + 0.653·R − 9.674·R²: 1.8388 g/cm2 at R = 0.9', () => {
    expect(waterVapourFromRatio(0.9)).toBeCloseTo(1.83876, 9);
  });

  it('recovers an exact τ11/τ10 of 0.9 from B11 = 0.9·(B10 − mean) + offset', () => {
    const width = 40;
    const height = 30;
    const random = pseudoRandom(7);
    const tb10 = new Float32Array(width * height).map(() => 290 + 10 * random());
    const tb11 = tb10.map((t) => 0.9 * (t - 295) + 293);
    const w = du2015WaterVapour(tb10, tb11, width, height, { windowPx: 7 });
    expect(w[15 * width + 20]).toBeCloseTo(1.8388, 2);
    expect(w[0]).toBeCloseTo(1.8388, 2);
  });

  it('matches a brute-force window regression, with NaN holes and a mask', () => {
    const width = 23;
    const height = 17;
    const random = pseudoRandom(11);
    const x = new Float32Array(width * height).map(() => 280 + 20 * random());
    const y = x.map((v) => 0.85 * v + 3 * random());
    x[5 * width + 5] = Number.NaN;
    const mask = new Uint8Array(width * height).fill(1);
    mask[8 * width + 9] = 0;
    const ratio = windowCovarianceRatio(x, y, width, height, { windowPx: 5, validMask: mask });
    for (const [row, col] of [
      [0, 0],
      [8, 9],
      [16, 22],
      [6, 5],
      [10, 3],
    ] as const) {
      const expected = bruteForceRatio(x, y, width, height, 5, row, col, mask);
      expect(ratio[row * width + col]).toBeCloseTo(expected, 5);
    }
    expect(Number.isNaN(ratio[5 * width + 5])).toBe(true);
  });

  it('gives NaN over flat windows and refuses an even window', () => {
    const flat = new Float32Array(100).fill(300);
    expect(Number.isNaN(windowCovarianceRatio(flat, flat, 10, 10, { windowPx: 3 })[55])).toBe(true);
    expect(() => windowCovarianceRatio(flat, flat, 10, 10, { windowPx: 4 })).toThrow(
      'window side must be an odd integer ≥ 3, got 4',
    );
    expect(covarianceHaloRows(9)).toBe(4);
  });

  it('matches the brute force on a real Landsat 8 pair and finds a humid column (LC80200392015216)', async () => {
    const dir = 'landsat-l1-thermal/LC80200392015216LGN00';
    const readBt = async (band: string, k1: number, k2: number): Promise<Float32Array> => {
      const reader = await openGeoTiff(sharedDataFile(`${dir}/l8_${band}.tif`));
      const { width, height } = reader.info;
      const dn = await reader.readWindow({ x: 0, y: 0, width, height }, { bandIndex: 0 });
      await reader.close();
      return dn.map((q) => brightnessTemperatureKelvin(3.342e-4 * q + 0.1, { k1, k2 }));
    };
    const tb10 = await readBt('B10', 774.8853, 1321.0789);
    const tb11 = await readBt('B11', 480.8883, 1201.1442);
    const width = 627;
    const height = 603;

    const started = performance.now();
    const w = du2015WaterVapour(tb10, tb11, width, height, { windowPx: 9 });
    const elapsedMs = performance.now() - started;

    const ratio = windowCovarianceRatio(tb10, tb11, width, height, { windowPx: 9 });
    for (const [row, col] of [
      [100, 100],
      [300, 500],
      [602, 626],
    ] as const) {
      expect(ratio[row * width + col]).toBeCloseTo(
        bruteForceRatio(tb10, tb11, width, height, 9, row, col),
        4,
      );
    }
    const finite = Array.from(w)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const median = finite[Math.floor(finite.length / 2)] as number;
    expect(finite.length).toBeGreaterThan(0.9 * width * height);
    // Gulf-coast August scene (humid: 4-6 g/cm2 expected), cloudy crop and no cloud mask here:
    // measured median 6.08 g/cm2 with a 9×9 window.
    expect(median).toBeGreaterThan(4);
    expect(median).toBeLessThan(7.5);
    expect(elapsedMs).toBeLessThan(1000);
  });
});
