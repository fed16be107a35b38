import { describe, expect, it } from 'vitest';
import {
  ALL_SENSOR_IDS,
  SENSOR_IDS,
  findBandProfile,
  getSensorProfile,
  handbookThermalConstants,
  level2Scaling,
  nirBandName,
  redBandName,
  sensorIdFromFileName,
  sensorIdFromSpacecraft,
  thermalBandNames,
} from './sensors.js';

describe('sensor profiles', () => {
  it('profiles MODIS Terra/Aqua as scene sensors and ASTER besides them, each under its own id', () => {
    expect(SENSOR_IDS).toContain('modis-terra');
    expect(SENSOR_IDS).toContain('modis-aqua');
    expect(ALL_SENSOR_IDS.slice(SENSOR_IDS.length)).toEqual(['aster']);
    for (const id of ALL_SENSOR_IDS) {
      const profile = getSensorProfile(id);
      expect(profile.id).toBe(id);
      const names = profile.bands.map((band) => band.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('gives every sensor id a profile with that id and unique band names', () => {
    for (const id of SENSOR_IDS) {
      const profile = getSensorProfile(id);
      expect(profile.id).toBe(id);
      const names = profile.bands.map((band) => band.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('names the Landsat 7 thermal bands B6_VCID_1 and B6_VCID_2 and Landsat 5 B6', () => {
    expect(thermalBandNames('landsat7-etm', 'L1')).toEqual(['B6_VCID_1', 'B6_VCID_2']);
    expect(thermalBandNames('landsat5-tm', 'L1')).toEqual(['B6']);
    expect(thermalBandNames('landsat5-tm', 'L2')).toEqual(['ST_B6']);
    expect(thermalBandNames('landsat7-etm', 'L2')).toEqual(['ST_B6']);
  });

  it('names the Landsat 8 and 9 thermal bands B10, B11 at Level 1 and ST_B10 at Level 2', () => {
    for (const id of ['landsat8-oli-tirs', 'landsat9-oli-tirs'] as const) {
      expect(thermalBandNames(id, 'L1')).toEqual(['B10', 'B11']);
      expect(thermalBandNames(id, 'L2')).toEqual(['ST_B10']);
    }
  });

  it('picks red and NIR for NDVI: B4/B5 on OLI, B3/B4 on TM and ETM+, SR_ twins at Level 2', () => {
    expect([
      redBandName('landsat8-oli-tirs', 'L1'),
      nirBandName('landsat8-oli-tirs', 'L1'),
    ]).toEqual(['B4', 'B5']);
    expect([
      redBandName('landsat9-oli-tirs', 'L2'),
      nirBandName('landsat9-oli-tirs', 'L2'),
    ]).toEqual(['SR_B4', 'SR_B5']);
    expect([redBandName('landsat5-tm', 'L1'), nirBandName('landsat5-tm', 'L1')]).toEqual([
      'B3',
      'B4',
    ]);
    expect([redBandName('landsat7-etm', 'L2'), nirBandName('landsat7-etm', 'L2')]).toEqual([
      'SR_B3',
      'SR_B4',
    ]);
  });

  it('has no red, NIR or thermal band in the generic profile', () => {
    expect(thermalBandNames('generic', 'L1')).toEqual([]);
    expect(redBandName('generic', 'L2')).toBeNull();
    expect(getSensorProfile('generic').bands).toEqual([]);
  });

  it('gives centre wavelengths as the midpoints of the USGS band ranges', () => {
    expect(findBandProfile('landsat8-oli-tirs', 'B10')?.centreWavelengthUm).toBe(10.895);
    expect(findBandProfile('landsat8-oli-tirs', 'B11')?.centreWavelengthUm).toBe(12.005);
    expect(findBandProfile('landsat8-oli-tirs', 'B4')?.centreWavelengthUm).toBe(0.655);
    expect(findBandProfile('landsat5-tm', 'B6')?.centreWavelengthUm).toBe(11.45);
    expect(findBandProfile('landsat7-etm', 'B4')?.wavelengthRangeUm).toEqual([0.77, 0.9]);
    expect(findBandProfile('landsat8-oli-tirs', 'SR_B5')?.centreWavelengthUm).toBe(0.865);
  });

  it('keeps the Chander et al. 2009 Table 5 K1/K2 for Landsat 5 and 7 only', () => {
    expect(handbookThermalConstants('landsat5-tm', 'B6')).toEqual({ k1: 607.76, k2: 1260.56 });
    expect(handbookThermalConstants('landsat7-etm', 'B6_VCID_1')).toEqual({
      k1: 666.09,
      k2: 1282.71,
    });
    expect(handbookThermalConstants('landsat7-etm', 'B6_VCID_2')).toEqual({
      k1: 666.09,
      k2: 1282.71,
    });
    expect(handbookThermalConstants('landsat8-oli-tirs', 'B10')).toBeNull();
    expect(handbookThermalConstants('landsat5-tm', 'B4')).toBeNull();
  });

  it('scales Collection 2 Level-2 bands as the Science Product Guide says', () => {
    expect(level2Scaling('landsat8-oli-tirs', 'ST_B10')).toEqual({
      mult: 0.00341802,
      add: 149.0,
      unit: 'K',
    });
    expect(level2Scaling('landsat5-tm', 'ST_B6')).toEqual({
      mult: 0.00341802,
      add: 149.0,
      unit: 'K',
    });
    expect(level2Scaling('landsat9-oli-tirs', 'SR_B4')).toEqual({
      mult: 2.75e-5,
      add: -0.2,
      unit: 'reflectance',
    });
    expect(level2Scaling('landsat8-oli-tirs', 'ST_TRAD')?.mult).toBe(0.001);
    expect(level2Scaling('landsat8-oli-tirs', 'ST_URAD')?.mult).toBe(0.001);
    expect(level2Scaling('landsat8-oli-tirs', 'ST_DRAD')?.mult).toBe(0.001);
    expect(level2Scaling('landsat8-oli-tirs', 'ST_ATRAN')?.mult).toBe(0.0001);
    expect(level2Scaling('landsat8-oli-tirs', 'ST_EMIS')?.mult).toBe(0.0001);
    expect(level2Scaling('landsat8-oli-tirs', 'ST_EMSD')?.mult).toBe(0.0001);
    expect(level2Scaling('landsat8-oli-tirs', 'ST_CDIST')).toEqual({
      mult: 0.01,
      add: 0,
      unit: 'km',
    });
    expect(level2Scaling('landsat8-oli-tirs', 'B10')).toBeNull();
    expect(level2Scaling('landsat8-oli-tirs', 'QA_PIXEL')).toBeNull();
  });

  it('records fill 0 for ST_B10 and SR bands and -9999 for the ST intermediate bands', () => {
    expect(findBandProfile('landsat8-oli-tirs', 'ST_B10')?.fillValue).toBe(0);
    expect(findBandProfile('landsat8-oli-tirs', 'SR_B4')?.fillValue).toBe(0);
    for (const name of [
      'ST_TRAD',
      'ST_URAD',
      'ST_DRAD',
      'ST_ATRAN',
      'ST_EMIS',
      'ST_EMSD',
      'ST_CDIST',
      'ST_QA',
    ]) {
      expect(findBandProfile('landsat9-oli-tirs', name)?.fillValue).toBe(-9999);
    }
    expect(findBandProfile('landsat8-oli-tirs', 'B4')?.fillValue).toBe(0);
  });

  it('lists no SR_B6 for TM and ETM+ (band 6 is thermal) but SR_B6 for OLI', () => {
    expect(findBandProfile('landsat5-tm', 'SR_B6')).toBeNull();
    expect(findBandProfile('landsat7-etm', 'SR_B7')).not.toBeNull();
    expect(findBandProfile('landsat8-oli-tirs', 'SR_B6')).not.toBeNull();
  });
});

describe('sensor detection', () => {
  it('maps MTL spacecraft ids to sensors', () => {
    expect(sensorIdFromSpacecraft('LANDSAT_5')).toBe('landsat5-tm');
    expect(sensorIdFromSpacecraft('LANDSAT_7')).toBe('landsat7-etm');
    expect(sensorIdFromSpacecraft('LANDSAT_8')).toBe('landsat8-oli-tirs');
    expect(sensorIdFromSpacecraft('LANDSAT_9')).toBe('landsat9-oli-tirs');
  });

  it('recognises collection and pre-collection file-name prefixes, case-insensitively', () => {
    expect(sensorIdFromFileName('LC08_L2SP_001062_20201031_20201106_02_T2_ST_B10.TIF')).toBe(
      'landsat8-oli-tirs',
    );
    expect(sensorIdFromFileName('LC80200392015216LGN00_B10.TIF')).toBe('landsat8-oli-tirs');
    expect(sensorIdFromFileName('lc09_l1tp_010065_20220129_20220129_02_t1_b10.tif')).toBe(
      'landsat9-oli-tirs',
    );
    expect(sensorIdFromFileName('LC90100652022029LGN00_B4.TIF')).toBe('landsat9-oli-tirs');
    expect(sensorIdFromFileName('LE07_L1TP_160031_20110416_20161210_01_T1_B6_VCID_1.TIF')).toBe(
      'landsat7-etm',
    );
    expect(sensorIdFromFileName('LE70160382014113EDC01_B3.TIF')).toBe('landsat7-etm');
    expect(sensorIdFromFileName('LT05_L1TP_047027_20101006_20160512_01_T1_B6.TIF')).toBe(
      'landsat5-tm',
    );
    expect(sensorIdFromFileName('LT52240631988227CUB02_B6.TIF')).toBe('landsat5-tm');
  });

  it('recognises no sensor in renamed files or other products', () => {
    expect(sensorIdFromFileName('l8_B4.tif')).toBeNull();
    expect(sensorIdFromFileName('LCX_B4.tif')).toBeNull();
    expect(sensorIdFromFileName('MOD11A1.A2020001.h18v04.tif')).toBeNull();
    expect(sensorIdFromFileName('LC8.tif')).toBeNull();
  });
});
