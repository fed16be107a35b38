import { describe, expect, it } from 'vitest';

import {
  DU_2015_WATER_SNOW_B11,
  ERMIDA_2020_WATER_SNOW,
  SURFACE_CLASS,
  applyWaterSnowEmissivity,
  surfaceClassFromMasks,
  fromGlcLevel1,
  landCoverEmissivity,
} from './emissivity-landcover.js';

describe('land-cover and surface-class emissivity', () => {
  it('maps FROM-GLC level-2 codes to their level-1 class (23 → forest 20)', () => {
    expect(fromGlcLevel1(23)).toBe(20);
    expect(fromGlcLevel1(100)).toBe(100);
    expect(fromGlcLevel1(120)).toBeNull();
    expect(fromGlcLevel1(0)).toBeNull();
  });

  it('gives Du 2015 Table 2 emissivities: cropland 0.971/0.968, forest 0.995/0.996', () => {
    const codes = new Uint8Array([10, 21, 120, 90]);
    const b10 = landCoverEmissivity(codes, 'B10');
    const b11 = landCoverEmissivity(codes, 'B11');
    expect(b10[0]).toBeCloseTo(0.971, 6);
    expect(b11[0]).toBeCloseTo(0.968, 6);
    expect(b10[1]).toBeCloseTo(0.995, 6);
    expect(b11[1]).toBeCloseTo(0.996, 6);
    expect(Number.isNaN(b10[2])).toBe(true);
    expect(b11[3]).toBeCloseTo(0.978, 6);
  });

  it('overwrites water and snow pixels only (Ermida 2020: 0.99 and 0.989)', () => {
    const emissivity = new Float32Array([0.97, 0.97, 0.97]);
    const classes = new Uint8Array([
      SURFACE_CLASS.land,
      SURFACE_CLASS.water,
      SURFACE_CLASS.snowIce,
    ]);
    applyWaterSnowEmissivity(emissivity, classes, ERMIDA_2020_WATER_SNOW);
    expect(emissivity[0]).toBeCloseTo(0.97, 6);
    expect(emissivity[1]).toBeCloseTo(0.99, 6);
    expect(emissivity[2]).toBeCloseTo(0.989, 6);
    expect(DU_2015_WATER_SNOW_B11.water).toBe(0.998);
    expect(() =>
      applyWaterSnowEmissivity(emissivity, new Uint8Array(2), ERMIDA_2020_WATER_SNOW),
    ).toThrow('surface-class array has 2 pixels, emissivity has 3');
  });

  it('builds surface classes from water and snow masks, snow winning over water', () => {
    const classes = surfaceClassFromMasks(new Uint8Array([1, 1, 0]), new Uint8Array([0, 1, 0]), 3);
    expect(Array.from(classes)).toEqual([
      SURFACE_CLASS.water,
      SURFACE_CLASS.snowIce,
      SURFACE_CLASS.land,
    ]);
  });
});
