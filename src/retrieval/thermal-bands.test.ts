import { describe, expect, it } from 'vitest';

import { MissingBandError } from '../errors.js';
import { asterUnitConversion } from './aster.js';
import { findBandProfile, getSensorProfile, level2Scaling, thermalBandNames } from './sensors.js';
import { spectralResponseOf, thermalBandsOf } from './spectral-response.js';
import {
  assertThermalProduct,
  spectralResponseForBand,
  thermalProductRefusal,
} from './thermal-bands.js';

describe('MODIS, ASTER and thermal spectral responses of the sensor profiles', () => {
  it('scales MOD11 LST by 0.02 K and emissivity by 0.002 + 0.49, fill 0', () => {
    expect(level2Scaling('modis-terra', 'LST_Day_1km')).toEqual({ mult: 0.02, add: 0, unit: 'K' });
    expect(level2Scaling('modis-aqua', 'Emis_32')).toMatchObject({ mult: 0.002, add: 0.49 });
    expect(findBandProfile('modis-terra', 'Emis_31')?.fillValue).toBe(0);
    expect(thermalBandNames('modis-aqua', 'L2')).toEqual(['LST_Day_1km', 'LST_Night_1km']);
    expect(getSensorProfile('modis-aqua').fileNamePrefixes).toEqual(['MYD']);
  });

  it('gives ASTER TIR bands 10–14 their PFM centres and says the responses are approximated', () => {
    expect(thermalBandNames('aster', 'L1')).toEqual(['B10', 'B11', 'B12', 'B13', 'B14']);
    expect(findBandProfile('aster', 'B13')?.centreWavelengthUm).toBe(10.6592);
    expect(getSensorProfile('aster').name).toContain('approximated');
    expect(asterUnitConversion('B14')).toBe(5.225e-3);
    const b13 = spectralResponseOf('aster', 'B13');
    expect(b13.approximated).toBe(true);
    expect(b13.centreUm).toBeCloseTo(10.6592, 3);
  });

  it('gives effective centres of the tabulated responses as the PROVENANCE lists them', () => {
    const centres: [string, string, number][] = [
      ['landsat-5', 'B6', 11.4573],
      ['landsat-7', 'B6', 11.2604],
      ['landsat-8', 'B10', 10.9036],
      ['landsat-8', 'B11', 12.003],
      ['landsat-9', 'B10', 10.8372],
      ['landsat-9', 'B11', 12.0253],
      ['modis-terra', '31', 11.0186],
      ['modis-terra', '32', 12.0325],
      ['modis-aqua', '29', 8.5554],
    ];
    for (const [sensor, band, centreUm] of centres) {
      const srf = spectralResponseOf(sensor, band);
      expect(srf.approximated).toBe(false);
      expect(Math.abs(srf.centreUm - centreUm)).toBeLessThan(0.002);
    }
    expect(thermalBandsOf('modis-aqua')).toEqual(['29', '31', '32']);
  });

  it('refuses an unknown sensor or band with the known names', () => {
    expect(() => spectralResponseOf('sentinel-3', 'S8')).toThrow('unknown sensor "sentinel-3"');
    expect(() => spectralResponseOf('landsat-8', 'B4')).toThrow(
      'sensor landsat-8 has no thermal band "B4" with a spectral response; known: B10, B11',
    );
  });

  it('maps scene bands to their responses: ST_B10 → B10, B6_VCID_2 → B6, LST_Day_1km → 31', () => {
    expect(spectralResponseForBand('landsat8-oli-tirs', 'ST_B10')?.band).toBe('B10');
    expect(spectralResponseForBand('landsat7-etm', 'B6_VCID_2')?.band).toBe('B6');
    expect(spectralResponseForBand('landsat5-tm', 'ST_B6')?.sensor).toBe('landsat-5');
    expect(spectralResponseForBand('modis-terra', 'LST_Day_1km')?.band).toBe('31');
    expect(spectralResponseForBand('landsat8-oli-tirs', 'B4')).toBeNull();
    expect(spectralResponseForBand('generic', 'b1')).toBeNull();
  });

  it('refuses LST on L2SR and MSS products, saying they have no thermal band', () => {
    const l2sr = 'LC08_L2SR_084024_20160111_20201016_02_T1';
    expect(thermalProductRefusal(l2sr, null)).toContain('has no thermal band');
    expect(thermalProductRefusal('LM05_L1GS_001002_19920101_20200101_02_T2', 'L1GS')).toBe(
      'LM05_L1GS_001002_19920101_20200101_02_T2 is a Landsat MSS product, which has no thermal band',
    );
    expect(thermalProductRefusal('LC08_L2SP_047027_20201204_20210313_02_T1', 'L2SP')).toBeNull();
    expect(() => assertThermalProduct(l2sr, 'L2SR', ['SR_B4', 'SR_B5'])).toThrow(MissingBandError);
    expect(() => assertThermalProduct(l2sr, 'L2SR')).toThrow(
      'Collection 2 L2SR (surface reflectance only) product, which has no thermal band',
    );
  });
});
