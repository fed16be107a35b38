import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { brightnessTemperatureKelvin } from './brightness-temperature.js';
import {
  bandBrightnessTemperature,
  bandEmissivity,
  bandRadiance,
  planckRadiance,
} from './planck.js';
import { spectralLibrary } from './spectral-library.js';
import { spectralResponseOf } from './spectral-response.js';

/** USGS handbook K1/K2 of Landsat 8 B10 (from any Collection 1/2 MTL). */
const L8_B10_K1K2 = { k1: 774.8853, k2: 1321.0789 };

function readLut(): { kelvin: number[]; radiance: number[] } {
  const path = 'thermal-spectral-reference/espa-st-static/L8_Brightness_Temperature_LUT.txt';
  const rows = readFileSync(sharedDataFile(path), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  return { kelvin: rows.map((r) => r[0] as number), radiance: rows.map((r) => r[1] as number) };
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe('Planck radiance and band integration', () => {
  it('gives 9.5732 W/(m2 sr um) for a 300 K blackbody at 11 um', () => {
    expect(planckRadiance(11, 300)).toBeCloseTo(9.5732, 4);
    expect(Number.isNaN(planckRadiance(11, 0))).toBe(true);
  });

  it('gives the L8 B10 band radiance of the ESPA LUT at 300 K: 9.6139 W/(m2 sr um)', () => {
    expect(bandRadiance(spectralResponseOf('landsat-8', 'B10'), 300)).toBeCloseTo(9.6139, 3);
  });

  it('inverts every 10th row of the ESPA L8 B10 LUT (150–373 K) within 0.01 K', () => {
    const srf = spectralResponseOf('landsat-8', 'B10');
    const lut = readLut();
    let worst = 0;
    for (let i = 0; i < lut.kelvin.length; i += 10) {
      const t = bandBrightnessTemperature(srf, lut.radiance[i] as number);
      worst = Math.max(worst, Math.abs(t - (lut.kelvin[i] as number)));
    }
    expect(lut.kelvin.length).toBe(22301);
    expect(worst).toBeLessThan(0.01);
  });

  it('puts the K1/K2 form 0.110–0.135 K off the LUT over 270–330 K (median 0.111 K over 200–350 K)', () => {
    const lut = readLut();
    const offsetsIn = (minKelvin: number, maxKelvin: number): number[] => {
      const offsets: number[] = [];
      for (let i = 0; i < lut.kelvin.length; i += 10) {
        const t = lut.kelvin[i] as number;
        if (t < minKelvin || t > maxKelvin) continue;
        const radiance = lut.radiance[i] as number;
        offsets.push(Math.abs(brightnessTemperatureKelvin(radiance, L8_B10_K1K2) - t));
      }
      return offsets;
    };
    const land = offsetsIn(270, 330);
    expect(Math.min(...land)).toBeGreaterThan(0.106);
    expect(Math.max(...land)).toBeLessThan(0.136);
    expect(median(offsetsIn(200, 350))).toBeCloseTo(0.111, 3);
  });

  it('round-trips bandRadiance through bandBrightnessTemperature for every band, 180–360 K', () => {
    const bands: [string, string][] = [
      ['landsat-5', 'B6'],
      ['landsat-7', 'B6'],
      ['landsat-9', 'B11'],
      ['modis-terra', '31'],
      ['modis-aqua', '32'],
      ['aster', 'B13'],
    ];
    for (const [sensor, band] of bands) {
      const srf = spectralResponseOf(sensor, band);
      for (const kelvin of [180, 255.55, 300.01, 359.9]) {
        expect(bandBrightnessTemperature(srf, bandRadiance(srf, kelvin))).toBeCloseTo(kelvin, 4);
      }
    }
  });

  it('inverts radiances outside the 100–500 K table with Newton steps (60 K and 600 K)', () => {
    const srf = spectralResponseOf('landsat-8', 'B10');
    expect(bandBrightnessTemperature(srf, bandRadiance(srf, 60))).toBeCloseTo(60, 4);
    expect(bandBrightnessTemperature(srf, bandRadiance(srf, 600))).toBeCloseTo(600, 4);
    expect(Number.isNaN(bandBrightnessTemperature(srf, 0))).toBe(true);
  });

  it('gives water 0.9901 through MODIS 31 and granite a lower ε in ASTER B10 than in B13', () => {
    const srf = spectralResponseOf('modis-terra', '31');
    const library = spectralLibrary();
    const water = library.find((s) => s.surfaceClass === 'water');
    expect(water).toBeDefined();
    expect(bandEmissivity(water!, srf)).toBeCloseTo(0.9901, 4);
    const granite = library.find((s) => s.id.includes('granite'))!;
    const graniteB10 = bandEmissivity(granite, spectralResponseOf('aster', 'B10'));
    const graniteB13 = bandEmissivity(granite, spectralResponseOf('aster', 'B13'));
    expect(graniteB10).toBeLessThan(graniteB13);
    expect(graniteB13).toBeGreaterThan(0.9);
    expect(() => bandEmissivity(granite, srf, 0)).toThrow('positive temperature, got 0 K');
  });
});
