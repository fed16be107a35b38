import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseMtl } from '../rasters/mtl.js';
import {
  brightnessTemperatureKelvin,
  dnToRadiance,
  dnToToaReflectance,
  planckRadianceWm2SrUm,
  radianceToBrightnessTemperature,
  scaleDn,
} from './brightness-temperature.js';

const LUT_PATH =
  '../shared/data/thermal-spectral-reference/espa-st-static/L8_Brightness_Temperature_LUT.txt';
const MTL_PATH = '../shared/data/landsat-l1-thermal/LC80200392015216LGN00/l8_MTL.txt';

function readShared(path: string): string {
  if (!existsSync(path))
    throw new Error(`shared test data missing: ${path} (run from the repo root)`);
  return readFileSync(path, 'utf8');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return ((sorted[(n - 1) >> 1] as number) + (sorted[n >> 1] as number)) / 2;
}

const B10 = { k1: 774.8853, k2: 1321.0789 };

describe('brightness temperature', () => {
  it('is 302.795 K at 10 W/(m2 sr um) with the Landsat 8 B10 constants', () => {
    // 1321.0789 / ln(774.8853/10 + 1) = 1321.0789 / 4.36293 = 302.7947 K
    expect(brightnessTemperatureKelvin(10, B10)).toBeCloseTo(302.7947, 4);
  });

  it('inverts the band Planck function: 300 K is 9.5968 W/(m2 sr um) and back', () => {
    const radiance = planckRadianceWm2SrUm(300, B10);
    expect(radiance).toBeCloseTo(9.596778, 5);
    expect(brightnessTemperatureKelvin(radiance, B10)).toBeCloseTo(300, 9);
  });

  it('is NaN for zero, negative and NaN radiance, element by element', () => {
    const tb = radianceToBrightnessTemperature(new Float32Array([0, -1, Number.NaN, 10]), B10);
    expect(Array.from(tb.subarray(0, 3)).every(Number.isNaN)).toBe(true);
    expect(tb[3]).toBeCloseTo(302.7947, 3);
  });

  it('sits 0.106-0.135 K above the USGS B10 table over 200-330 K, median 0.110 K', () => {
    const constants = parseMtl(readShared(MTL_PATH)).bands.B10;
    expect(constants?.k1).toBe(774.8853);
    expect(constants?.k2).toBe(1321.0789);

    // Each line: temperature (K), band-effective B10 radiance (W m-2 sr-1 um-1).
    const offsets: number[] = [];
    for (const line of readShared(LUT_PATH).trim().split('\n')) {
      const [temperatureK, radiance] = line.trim().split(/\s+/).map(Number) as [number, number];
      if (temperatureK < 200 || temperatureK > 330) continue;
      offsets.push(brightnessTemperatureKelvin(radiance, B10) - temperatureK);
    }
    expect(offsets).toHaveLength(13001);
    expect(Math.min(...offsets)).toBeCloseTo(0.106, 3);
    expect(Math.max(...offsets)).toBeCloseTo(0.135, 3);
    expect(median(offsets)).toBeCloseTo(0.11, 3);
  });
});

describe('DN rescaling', () => {
  it('turns B10 DN 30000 into 0.0003342·30000 + 0.1 = 10.126 W/(m2 sr um) and keeps NaN', () => {
    const radiance = dnToRadiance(new Float32Array([30000, Number.NaN]), 3.342e-4, 0.1);
    expect(radiance[0]).toBeCloseTo(10.126, 4);
    expect(Number.isNaN(radiance[1])).toBe(true);
  });

  it('gives TOA reflectance 0.3 for DN 20000, and 0.6 when the sun is 30° high', () => {
    const dn = new Float32Array([20000]);
    expect(dnToToaReflectance(dn, 2e-5, -0.1)[0]).toBeCloseTo(0.3, 6);
    expect(dnToToaReflectance(dn, 2e-5, -0.1, 30)[0]).toBeCloseTo(0.6, 6);
  });

  it('scales ST_B10 DN 44000 to 299.393 K and its fill 0 to NaN', () => {
    const kelvin = scaleDn(new Float32Array([44000, 0]), 0.00341802, 149.0, 0);
    expect(kelvin[0]).toBeCloseTo(299.39288, 3);
    expect(Number.isNaN(kelvin[1])).toBe(true);
  });

  it('writes into a supplied output array, and refuses one of the wrong length', () => {
    const out = new Float32Array(1);
    expect(dnToRadiance(new Float32Array([0]), 1, 2, out)).toBe(out);
    expect(out[0]).toBe(2);
    expect(() => dnToRadiance(new Float32Array(2), 1, 0, out)).toThrow(
      'output array has 1 elements, expected 2',
    );
  });
});
