/**
 * The input settings of LST/LSE retrieval by networks, as data: which simulated sensor a setting
 * trains on, its input features (names, units), its targets (LST and the emissivity of every
 * band), how a scene's bands become those inputs, and which setting is the default for a scene's
 * sensor and bands. Node-free.
 *
 * 1. `aster-tir`: ASTER TIR bands 10–14, the setting of Dai et al. 2025 (Artificial
 *    Intelligence in Agriculture 15(3)); the platform holds no ASTER scenes, so it has no scene
 *    mapping.
 * 2. `landsat-b10-b11-wv-ndvi`: Landsat 8/9 TIRS B10 + B11 with water vapour and NDVI (Level 1).
 * 3. `landsat-b10-wv-ndvi`: B10 with water vapour and NDVI for Level-2 scenes, whose ST_TRAD
 *    holds B10 only and whose ST_ATRAN gives the water vapour per pixel.
 * 4. `landsat-b10-ndvi`: B10 alone with NDVI (Level 1 without B11, Level 2 without ST_ATRAN).
 * 5. `modis-31-32`: MODIS bands 31/32 with water vapour (the simulator has no band 29); scenes
 *    hold MOD11 products, not band radiances, so it has no scene mapping either.
 */
import { InvalidParameterError } from '../../errors.js';
import type { SensorId } from '../../rasters/scene-types.js';

/** Column name of the NDVI proxy added to simulated datasets (see setting-dataset.ts). */
export const NDVI_PROXY_COLUMN = 'ndviProxy';

/** How one model input is obtained from a scene. */
export type SceneFeatureSource =
  /** Brightness temperature of a Level-1 thermal band (DN → radiance → K1/K2), or of ST_TRAD. */
  | { kind: 'brightness-temperature'; band: string }
  /** NDVI from red/NIR (TOA reflectance on Level 1, SR_B4/SR_B5 on Level 2). */
  | { kind: 'ndvi' }
  /**
   * Column water vapour, g/cm2, on every level from the `waterVapourGcm2` parameter (default
   * 2.0), or from the `waterVapourSource` a caller names (`band`; `from-transmittance` on
   * Level 2).
   */
  | { kind: 'water-vapour' }
  /**
   * Column water vapour, g/cm2, per level. Level 2: per pixel from the `band` transmittance
   * (ST_ATRAN) by inverting ψ1(w) = 1/τ (water-vapour-transmittance.ts). Level 1 (no
   * transmittance band): the `waterVapourGcm2` parameter, as `water-vapour`. On either level a
   * caller's `waterVapourSource`, or a `waterVapourGcm2` given without it, overrides, as the
   * physics methods read those parameters.
   */
  | { kind: 'water-vapour-transmittance'; band: 'ST_ATRAN' };

/** One input feature: a dataset column, its unit, and where a scene gets it. */
export interface SettingFeature {
  /** Column of the simulated dataset (`tbKelvin.B10`, `ndviProxy`, `waterVapourGcm2`). */
  column: string;
  unit: string;
  source: SceneFeatureSource;
}

/** Scene sensors and product levels a setting applies to. */
export interface SettingScenes {
  sensors: readonly SensorId[];
  levels: readonly ('L1' | 'L2')[];
  /** Bands (Level-1 or Level-2 names) a scene needs, per level, for the message of a refusal. */
  bandsNeeded: Readonly<Record<'L1' | 'L2', readonly string[]>>;
}

/** One input setting. */
export interface LstSetting {
  id: string;
  description: string;
  /** Simulator sensor id (simulation-sensors.ts). */
  simulatorSensor: string;
  /** Thermal bands of the simulator used (inputs and emissivity targets). */
  bands: readonly string[];
  features: readonly SettingFeature[];
  /** Target columns: `lstKelvin` then `emissivity.<band>` per band. */
  targets: readonly string[];
  /** Scenes whose bands map onto the features; null when no scene type of the platform does. */
  scenes: SettingScenes | null;
}

const tb = (band: string): SettingFeature => ({
  column: `tbKelvin.${band}`,
  unit: 'K',
  source: { kind: 'brightness-temperature', band },
});
const NDVI: SettingFeature = { column: NDVI_PROXY_COLUMN, unit: '1', source: { kind: 'ndvi' } };
const WATER: SettingFeature = {
  column: 'waterVapourGcm2',
  unit: 'g/cm2',
  source: { kind: 'water-vapour' },
};
const WATER_FROM_ATRAN: SettingFeature = {
  column: 'waterVapourGcm2',
  unit: 'g/cm2',
  source: { kind: 'water-vapour-transmittance', band: 'ST_ATRAN' },
};
const targetsOf = (bands: readonly string[]): string[] => [
  'lstKelvin',
  ...bands.map((band) => `emissivity.${band}`),
];
const LANDSAT: readonly SensorId[] = ['landsat8-oli-tirs', 'landsat9-oli-tirs'];
const ASTER_BANDS = ['B10', 'B11', 'B12', 'B13', 'B14'] as const;

/** Every setting, the Landsat ones in order of preference for a scene. */
export const LST_SETTINGS: readonly LstSetting[] = [
  {
    id: 'aster-tir',
    description: 'ASTER TIR bands 10-14 brightness temperatures (Dai et al. 2025 setting)',
    simulatorSensor: 'aster',
    bands: ASTER_BANDS,
    features: ASTER_BANDS.map(tb),
    targets: targetsOf(ASTER_BANDS),
    scenes: null,
  },
  {
    id: 'landsat-b10-b11-wv-ndvi',
    description: 'Landsat 8/9 TIRS B10 + B11 brightness temperatures, water vapour and NDVI',
    simulatorSensor: 'landsat-8',
    bands: ['B10', 'B11'],
    features: [tb('B10'), tb('B11'), WATER, NDVI],
    targets: targetsOf(['B10', 'B11']),
    scenes: {
      sensors: LANDSAT,
      levels: ['L1'],
      bandsNeeded: { L1: ['B10', 'B11', 'B4', 'B5'], L2: [] },
    },
  },
  {
    id: 'landsat-b10-wv-ndvi',
    description:
      'Landsat 8/9 TIRS B10 brightness temperature, water vapour and NDVI (Level-2: ST_TRAD, water vapour from ST_ATRAN)',
    simulatorSensor: 'landsat-8',
    bands: ['B10'],
    features: [tb('B10'), WATER_FROM_ATRAN, NDVI],
    targets: targetsOf(['B10']),
    scenes: {
      sensors: LANDSAT,
      levels: ['L2'],
      bandsNeeded: { L1: [], L2: ['ST_TRAD', 'ST_ATRAN', 'SR_B4', 'SR_B5'] },
    },
  },
  {
    id: 'landsat-b10-ndvi',
    description: 'Landsat 8/9 TIRS B10 brightness temperature and NDVI (Level-2: ST_TRAD)',
    simulatorSensor: 'landsat-8',
    bands: ['B10'],
    features: [tb('B10'), NDVI],
    targets: targetsOf(['B10']),
    scenes: {
      sensors: LANDSAT,
      levels: ['L1', 'L2'],
      bandsNeeded: { L1: ['B10', 'B4', 'B5'], L2: ['ST_TRAD', 'SR_B4', 'SR_B5'] },
    },
  },
  {
    id: 'modis-31-32',
    description: 'MODIS bands 31 and 32 brightness temperatures and water vapour',
    simulatorSensor: 'modis-terra',
    bands: ['31', '32'],
    features: [tb('31'), tb('32'), WATER],
    targets: targetsOf(['31', '32']),
    scenes: null,
  },
];

/** Ids of every setting. */
export const LST_SETTING_IDS: readonly string[] = LST_SETTINGS.map((setting) => setting.id);

/** The setting `id`; InvalidParameterError naming the known ids otherwise. */
export function lstSetting(id: string): LstSetting {
  const setting = LST_SETTINGS.find((candidate) => candidate.id === id);
  if (setting === undefined) {
    throw new InvalidParameterError(
      `unknown LST setting "${id}"; known: ${LST_SETTING_IDS.join(', ')}`,
      { setting: id, known: LST_SETTING_IDS },
    );
  }
  return setting;
}

/** Input column names of a setting, in model order. */
export function settingInputs(setting: LstSetting): string[] {
  return setting.features.map((feature) => feature.column);
}

/** A scene's sensor, level and band names: what the default choice looks at. */
export interface SceneBandsSummary {
  sensor: SensorId;
  level: 'L1' | 'L2';
  bands: readonly string[];
}

/** True when the scene has every band the setting needs at the scene's level. */
export function settingFitsScene(setting: LstSetting, scene: SceneBandsSummary): boolean {
  const scenes = setting.scenes;
  if (scenes === null) return false;
  if (!scenes.sensors.includes(scene.sensor) || !scenes.levels.includes(scene.level)) return false;
  return scenes.bandsNeeded[scene.level].every((band) => scene.bands.includes(band));
}

/**
 * The settings that fit a scene, most informative first (B10 + B11 + water vapour + NDVI, then
 * B10 + water vapour + NDVI, then B10 + NDVI); empty when none does.
 */
export function settingsForScene(scene: SceneBandsSummary): LstSetting[] {
  return LST_SETTINGS.filter((setting) => settingFitsScene(setting, scene));
}

/** One line naming what each setting needs, for the refusal of a scene no setting fits. */
export function settingRequirementsText(level: 'L1' | 'L2'): string {
  return LST_SETTINGS.filter((setting) => setting.scenes?.levels.includes(level) === true)
    .map((setting) => `${setting.id}: ${setting.scenes?.bandsNeeded[level].join(' + ') ?? ''}`)
    .join('; ');
}
