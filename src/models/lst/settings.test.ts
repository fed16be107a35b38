import { describe, expect, it } from 'vitest';
import { settingDataset, ndviProxyOf } from './setting-dataset.js';
import {
  parseSettingDatasetFileName,
  settingDatasetFileName,
  simulateNamedDataset,
} from './setting-dataset-file.js';
import { modelWaterVapourSource, type WaterVapourFeatureSource } from './model-water-vapour.js';
import { lstSetting, settingRequirementsText, settingsForScene } from './settings.js';

const L1_BANDS = ['B2', 'B3', 'B4', 'B5', 'B10', 'B11', 'BQA'];
const L2_BANDS = ['SR_B4', 'SR_B5', 'ST_B10', 'ST_TRAD', 'ST_ATRAN', 'QA_PIXEL'];

describe('default setting by sensor and bands', () => {
  it('picks B10 + B11 + water vapour + NDVI first on a Landsat 8 Level-1 scene', () => {
    const ids = settingsForScene({ sensor: 'landsat8-oli-tirs', level: 'L1', bands: L1_BANDS });
    expect(ids.map((s) => s.id)).toEqual(['landsat-b10-b11-wv-ndvi', 'landsat-b10-ndvi']);
  });

  it('picks B10 + water vapour + NDVI, then B10 + NDVI, on a Level-2 scene with ST_ATRAN', () => {
    const ids = settingsForScene({ sensor: 'landsat9-oli-tirs', level: 'L2', bands: L2_BANDS });
    expect(ids.map((s) => s.id)).toEqual(['landsat-b10-wv-ndvi', 'landsat-b10-ndvi']);
  });

  it('keeps B10 + NDVI on a Level-2 scene without ST_ATRAN (ST_TRAD holds B10 only)', () => {
    const bands = L2_BANDS.filter((band) => band !== 'ST_ATRAN');
    const ids = settingsForScene({ sensor: 'landsat8-oli-tirs', level: 'L2', bands });
    expect(ids.map((s) => s.id)).toEqual(['landsat-b10-ndvi']);
  });

  it('falls back to B10 + NDVI on a Level-1 scene without B11', () => {
    const bands = L1_BANDS.filter((band) => band !== 'B11');
    const ids = settingsForScene({ sensor: 'landsat8-oli-tirs', level: 'L1', bands });
    expect(ids.map((s) => s.id)).toEqual(['landsat-b10-ndvi']);
  });

  it('has no setting for Landsat 7, MODIS MOD11 or a Level-2 scene without SR_B4', () => {
    expect(settingsForScene({ sensor: 'landsat7-etm', level: 'L1', bands: ['B6_VCID_1'] })).toEqual(
      [],
    );
    expect(
      settingsForScene({ sensor: 'modis-terra', level: 'L2', bands: ['LST_Day_1km'] }),
    ).toEqual([]);
    const bands = L2_BANDS.filter((band) => band !== 'SR_B4');
    expect(settingsForScene({ sensor: 'landsat8-oli-tirs', level: 'L2', bands })).toEqual([]);
  });

  it('names the bands every setting needs at a level', () => {
    expect(settingRequirementsText('L2')).toBe(
      'landsat-b10-wv-ndvi: ST_TRAD + ST_ATRAN + SR_B4 + SR_B5; landsat-b10-ndvi: ST_TRAD + SR_B4 + SR_B5',
    );
    expect(settingRequirementsText('L1')).toBe(
      'landsat-b10-b11-wv-ndvi: B10 + B11 + B4 + B5; landsat-b10-ndvi: B10 + B4 + B5',
    );
  });

  it('refuses an unknown setting id naming the known ones', () => {
    expect(() => lstSetting('aster')).toThrow(
      'unknown LST setting "aster"; known: aster-tir, landsat-b10-b11-wv-ndvi, landsat-b10-wv-ndvi, landsat-b10-ndvi, modis-31-32',
    );
  });
});

describe('the water-vapour input of the B10 + water vapour + NDVI setting', () => {
  const setting = lstSetting('landsat-b10-wv-ndvi');
  const waterOf = (id: string) =>
    lstSetting(id).features.find((f) => f.column === 'waterVapourGcm2')!
      .source as WaterVapourFeatureSource;

  it('reads tb B10, water vapour and NDVI and predicts LST and the B10 emissivity', () => {
    expect(setting.features.map((f) => f.column)).toEqual([
      'tbKelvin.B10',
      'waterVapourGcm2',
      'ndviProxy',
    ]);
    expect(setting.targets).toEqual(['lstKelvin', 'emissivity.B10']);
    expect(setting.simulatorSensor).toBe('landsat-8');
    expect(waterOf('landsat-b10-wv-ndvi')).toEqual({
      kind: 'water-vapour-transmittance',
      band: 'ST_ATRAN',
    });
  });

  it('takes w from ST_ATRAN on Level 2 and from waterVapourGcm2 on Level 1', () => {
    const source = waterOf('landsat-b10-wv-ndvi');
    expect(modelWaterVapourSource(source, 'L2', {})).toBe('from-transmittance');
    expect(modelWaterVapourSource(source, 'L1', {})).toBe('constant');
  });

  it('lets an explicit waterVapourGcm2 or waterVapourSource override ST_ATRAN', () => {
    const source = waterOf('landsat-b10-wv-ndvi');
    expect(modelWaterVapourSource(source, 'L2', { waterVapourGcm2: 3 })).toBe('constant');
    expect(modelWaterVapourSource(source, 'L2', { waterVapourSource: 'band' })).toBe('band');
    const both = { waterVapourGcm2: 3, waterVapourSource: 'from-transmittance' } as const;
    expect(modelWaterVapourSource(source, 'L2', both)).toBe('from-transmittance');
  });

  it('keeps the constant parameter for the B10 + B11 setting on either level', () => {
    const source = waterOf('landsat-b10-b11-wv-ndvi');
    expect(source).toEqual({ kind: 'water-vapour' });
    expect(modelWaterVapourSource(source, 'L2', {})).toBe('constant');
    expect(modelWaterVapourSource(source, 'L1', {})).toBe('constant');
  });

  it('simulates its dataset with the water-vapour and NDVI proxy columns', () => {
    const dataset = settingDataset(setting, { sampleCount: 400, seed: 4 });
    expect(dataset.metadata.featureColumns).toEqual(
      expect.arrayContaining(['tbKelvin.B10', 'waterVapourGcm2', 'ndviProxy']),
    );
    const w = dataset.columns['waterVapourGcm2']!;
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0.2);
    expect(Math.max(...w)).toBeLessThanOrEqual(6);
  });
});

describe('setting datasets', () => {
  it('inverts the NDVI-threshold vegetation fraction: Pv 0.25 → NDVI 0.35 ± noise', () => {
    const ndvi = ndviProxyOf(new Float32Array(2000).fill(0.25), 3);
    const mean = ndvi.reduce((sum, v) => sum + v, 0) / ndvi.length;
    expect(mean).toBeCloseTo(0.35, 2);
    const bare = ndviProxyOf(new Float32Array(500), 3);
    expect(Math.min(...bare)).toBeGreaterThanOrEqual(-0.2);
    expect(Math.max(...bare)).toBeLessThan(0.2);
  });

  it('adds the NDVI proxy column to the Landsat dataset and updates its content hash', () => {
    const setting = lstSetting('landsat-b10-ndvi');
    const dataset = settingDataset(setting, { sampleCount: 400, seed: 4 });
    expect(dataset.metadata.columns.at(-1)?.name).toBe('ndviProxy');
    expect(dataset.metadata.featureColumns).toContain('ndviProxy');
    const again = settingDataset(setting, { sampleCount: 400, seed: 4 });
    expect(again.metadata.contentHash).toBe(dataset.metadata.contentHash);
    const aster = settingDataset(lstSetting('aster-tir'), { sampleCount: 400, seed: 4 });
    expect(aster.metadata.bands).toEqual(['B10', 'B11', 'B12', 'B13', 'B14']);
    expect(aster.columns['ndviProxy']).toBeUndefined();
  });

  it('round-trips dataset file names and refuses others', () => {
    const name = { settingId: 'landsat-b10-b11-wv-ndvi', sampleCount: 200000, seed: 2025 };
    const file = settingDatasetFileName(name);
    expect(file).toBe('lst-landsat-b10-b11-wv-ndvi-n200000-s2025.rskdsim');
    expect(parseSettingDatasetFileName(`../runs/datasets/${file}`)).toEqual(name);
    expect(() => parseSettingDatasetFileName('l8.rskdsim')).toThrow(
      'dataset file "l8.rskdsim" is not a setting dataset name',
    );
    const noiseFree = { settingId: 'aster-tir', sampleCount: 2000, seed: 5, neDeltaTKelvin: 0 };
    expect(settingDatasetFileName(noiseFree)).toBe('lst-aster-tir-n2000-s5-nedt0.rskdsim');
    expect(parseSettingDatasetFileName('lst-aster-tir-n2000-s5-nedt0.1.rskdsim')).toEqual({
      ...noiseFree,
      neDeltaTKelvin: 0.1,
    });
    expect(() => parseSettingDatasetFileName('lst-aster-tir-n2000-s5-nedt9.rskdsim')).toThrow(
      'NEΔT 9 K is above 5 K',
    );
  });

  it('simulates the NEΔT a file name asks for: same surfaces and atmospheres, other noise', () => {
    const tb = (file: string) => simulateNamedDataset(file).columns['tbKelvin.B13']!;
    const spec = tb('lst-aster-tir-n400-s4.rskdsim');
    const clean = tb('lst-aster-tir-n400-s4-nedt0.rskdsim');
    const tenth = tb('lst-aster-tir-n400-s4-nedt0.1.rskdsim');
    const rms = (a: Float32Array, b: Float32Array) =>
      Math.sqrt(a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0) / a.length);
    // The sensor's NEΔT is 0.3 K (ASTER specification); the draws differ only by the noise.
    expect(rms(spec, clean)).toBeGreaterThan(0.25);
    expect(rms(spec, clean)).toBeLessThan(0.35);
    expect(rms(tenth, clean)).toBeGreaterThan(0.08);
    expect(rms(tenth, clean)).toBeLessThan(0.12);
  });
});
