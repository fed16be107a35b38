/**
 * Sensor profiles as data: the bands of Landsat 5 TM, Landsat 7 ETM+, Landsat 8 OLI/TIRS and
 * Landsat 9 OLI-2/TIRS-2 as they appear in file names, their wavelengths, fill values, the
 * Collection 2 Level-2 scaling and the handbook thermal constants; plus a `generic` profile for
 * plain GeoTIFFs. MODIS MOD11/MYD11 (modis.ts) and ASTER TIR (aster.ts) profiles are reached
 * through the wider {@link AnySensorId}; scenes carry only {@link SensorId} so far. Node-free.
 *
 * Sources:
 * - Band ranges: USGS, "What are the band designations for the Landsat satellites?"; the centre
 *   wavelength here is the midpoint of that range.
 * - Handbook K1/K2: Chander, Markham & Helder 2009, Remote Sens. Environ. 113, Table 5.
 * - Level-2 scaling and fill values: USGS Landsat 8-9 Collection 2 Level 2 Science Product
 *   Guide (LSDS-1619), and the Landsat 4-7 Collection 2 Level 2 guide (LSDS-1618), which uses
 *   the same factors for SR_Bn and ST_B6.
 */
import type { SensorId, Spacecraft } from '../rasters/scene-types.js';
import { ASTER_PROFILE } from './aster.js';
import { MODIS_PROFILES } from './modis.js';

/** MODIS Terra (MOD11) and Aqua (MYD11). */
export type ModisSensorId = 'modis-terra' | 'modis-aqua';

/** Every sensor with a profile: the scene sensors, MODIS and ASTER TIR. */
export type AnySensorId = SensorId | ModisSensorId | 'aster';

/** Processing level of a band or product. */
export type ProductLevel = 'L1' | 'L2';

/** What a band measures. */
export type BandRole =
  | 'reflective'
  | 'panchromatic'
  | 'thermal'
  | 'quality'
  | 'surface-reflectance'
  | 'surface-temperature'
  | 'surface-temperature-intermediate'
  | 'emissivity';

/** Level-2 scaling of a band: physical = mult·DN + add, in `unit`. */
export interface Level2Scaling {
  mult: number;
  add: number;
  /** Unit of the physical value: 'K', 'reflectance', 'W/(m2 sr um)', 'unitless', 'km'. */
  unit: string;
}

/** One band of a sensor profile. */
export interface BandProfile {
  /** Name as in file names: `B4`, `B6_VCID_1`, `BQA`, `SR_B4`, `ST_B10`, `QA_PIXEL`. */
  name: string;
  /** Product levels whose files carry this band (QA_PIXEL is in both L1 and L2 products). */
  levels: readonly ProductLevel[];
  role: BandRole;
  /** Spectral range [min, max] in micrometres; null for quality and derived bands. */
  wavelengthRangeUm: readonly [number, number] | null;
  /** Midpoint of `wavelengthRangeUm` in micrometres; null when the range is null. */
  centreWavelengthUm: number | null;
  /** Stored value that marks missing data; null when the band has no numeric fill. */
  fillValue: number | null;
  /** Collection 2 Level-2 scaling; null for Level-1 bands (their calibration is in the MTL). */
  level2Scaling: Level2Scaling | null;
}

/** Thermal calibration constants K1 (W/(m2 sr um)) and K2 (kelvin). */
export interface ThermalConstants {
  k1: number;
  k2: number;
}

/** Band names a retrieval needs, per product level; null when the sensor lacks the band. */
export interface BandRoles {
  red: string | null;
  nir: string | null;
  /** Thermal bands in wavelength order (L7: low-gain VCID_1 then high-gain VCID_2). */
  thermal: readonly string[];
}

/** Declarative description of a sensor. */
export interface SensorProfile {
  id: AnySensorId;
  /** Human-readable name, e.g. "Landsat 8 OLI/TIRS". */
  name: string;
  /** MTL SPACECRAFT_ID; null for the generic, MODIS and ASTER profiles. */
  spacecraft: Spacecraft | null;
  /** Upper-case file-name prefixes: collection (`LC08`), pre-collection (`LC8`), NLAPS (`L5`). */
  fileNamePrefixes: readonly string[];
  bands: readonly BandProfile[];
  roles: Readonly<Record<ProductLevel, BandRoles>>;
  /** K1/K2 to use when an MTL lacks them, keyed by band name; empty when the MTL always has them. */
  handbookThermalConstants: Readonly<Record<string, ThermalConstants>>;
}

// Collection 2 Level-2 scaling (LSDS-1619 Table 6-1; LSDS-1618 for Landsat 4-7).
const SR_SCALING: Level2Scaling = { mult: 2.75e-5, add: -0.2, unit: 'reflectance' };
const ST_SCALING: Level2Scaling = { mult: 0.00341802, add: 149.0, unit: 'K' };
const RADIANCE_SCALING: Level2Scaling = { mult: 0.001, add: 0, unit: 'W/(m2 sr um)' };
const FRACTION_SCALING: Level2Scaling = { mult: 0.0001, add: 0, unit: 'unitless' };
const CLOUD_DISTANCE_SCALING: Level2Scaling = { mult: 0.01, add: 0, unit: 'km' };
const ST_QA_SCALING: Level2Scaling = { mult: 0.01, add: 0, unit: 'K' };
const OPACITY_SCALING: Level2Scaling = { mult: 0.001, add: 0, unit: 'unitless' };

const L1_FILL = 0;
const SR_FILL = 0;
const ST_FILL = 0;
const ST_INTERMEDIATE_FILL = -9999;
/** QA_PIXEL bit 0 ("fill") alone: the value of a fill pixel. */
const QA_PIXEL_FILL = 1;

const L1_ONLY: readonly ProductLevel[] = ['L1'];
const L2_ONLY: readonly ProductLevel[] = ['L2'];
const BOTH_LEVELS: readonly ProductLevel[] = ['L1', 'L2'];

/** A spectral Level-1 band: name, role and USGS range in micrometres. */
type SpectralRow = readonly [name: string, role: BandRole, minUm: number, maxUm: number];

function centreUm(minUm: number, maxUm: number): number {
  return Math.round(((minUm + maxUm) / 2) * 10000) / 10000;
}

function level1Bands(rows: readonly SpectralRow[]): BandProfile[] {
  return rows.map(([name, role, minUm, maxUm]) => ({
    name,
    levels: L1_ONLY,
    role,
    wavelengthRangeUm: [minUm, maxUm] as const,
    centreWavelengthUm: centreUm(minUm, maxUm),
    fillValue: L1_FILL,
    level2Scaling: null,
  }));
}

function surfaceReflectanceBands(
  rows: readonly SpectralRow[],
  names: readonly string[],
): BandProfile[] {
  return rows
    .filter(([name]) => names.includes(name))
    .map(([name, , minUm, maxUm]) => ({
      name: `SR_${name}`,
      levels: L2_ONLY,
      role: 'surface-reflectance' as const,
      wavelengthRangeUm: [minUm, maxUm] as const,
      centreWavelengthUm: centreUm(minUm, maxUm),
      fillValue: SR_FILL,
      level2Scaling: SR_SCALING,
    }));
}

function derivedBand(
  name: string,
  levels: readonly ProductLevel[],
  role: BandRole,
  fillValue: number | null,
  level2Scaling: Level2Scaling | null,
): BandProfile {
  return {
    name,
    levels,
    role,
    wavelengthRangeUm: null,
    centreWavelengthUm: null,
    fillValue,
    level2Scaling,
  };
}

function surfaceTemperatureBand(name: string, minUm: number, maxUm: number): BandProfile {
  return {
    name,
    levels: L2_ONLY,
    role: 'surface-temperature',
    wavelengthRangeUm: [minUm, maxUm],
    centreWavelengthUm: centreUm(minUm, maxUm),
    fillValue: ST_FILL,
    level2Scaling: ST_SCALING,
  };
}

/** The ST intermediate bands of an L2SP product (LSDS-1619 Table 6-1), and the quality bands. */
function level2AuxiliaryBands(): BandProfile[] {
  const st = (name: string, scaling: Level2Scaling): BandProfile =>
    derivedBand(name, L2_ONLY, 'surface-temperature-intermediate', ST_INTERMEDIATE_FILL, scaling);
  return [
    st('ST_TRAD', RADIANCE_SCALING),
    st('ST_URAD', RADIANCE_SCALING),
    st('ST_DRAD', RADIANCE_SCALING),
    st('ST_ATRAN', FRACTION_SCALING),
    st('ST_EMIS', FRACTION_SCALING),
    st('ST_EMSD', FRACTION_SCALING),
    st('ST_CDIST', CLOUD_DISTANCE_SCALING),
    derivedBand('ST_QA', L2_ONLY, 'quality', ST_INTERMEDIATE_FILL, ST_QA_SCALING),
    derivedBand('QA_PIXEL', BOTH_LEVELS, 'quality', QA_PIXEL_FILL, null),
    derivedBand('QA_RADSAT', BOTH_LEVELS, 'quality', null, null),
  ];
}

// USGS band designations, micrometres.
const TM_ROWS: readonly SpectralRow[] = [
  ['B1', 'reflective', 0.45, 0.52],
  ['B2', 'reflective', 0.52, 0.6],
  ['B3', 'reflective', 0.63, 0.69],
  ['B4', 'reflective', 0.76, 0.9],
  ['B5', 'reflective', 1.55, 1.75],
  ['B6', 'thermal', 10.4, 12.5],
  ['B7', 'reflective', 2.08, 2.35],
];

const ETM_ROWS: readonly SpectralRow[] = [
  ['B1', 'reflective', 0.45, 0.52],
  ['B2', 'reflective', 0.52, 0.6],
  ['B3', 'reflective', 0.63, 0.69],
  ['B4', 'reflective', 0.77, 0.9],
  ['B5', 'reflective', 1.55, 1.75],
  ['B6_VCID_1', 'thermal', 10.4, 12.5],
  ['B6_VCID_2', 'thermal', 10.4, 12.5],
  ['B7', 'reflective', 2.09, 2.35],
  ['B8', 'panchromatic', 0.52, 0.9],
];

const OLI_TIRS_ROWS: readonly SpectralRow[] = [
  ['B1', 'reflective', 0.43, 0.45],
  ['B2', 'reflective', 0.45, 0.51],
  ['B3', 'reflective', 0.53, 0.59],
  ['B4', 'reflective', 0.64, 0.67],
  ['B5', 'reflective', 0.85, 0.88],
  ['B6', 'reflective', 1.57, 1.65],
  ['B7', 'reflective', 2.11, 2.29],
  ['B8', 'panchromatic', 0.5, 0.68],
  ['B9', 'reflective', 1.36, 1.38],
  ['B10', 'thermal', 10.6, 11.19],
  ['B11', 'thermal', 11.5, 12.51],
];

const TM_ETM_SR = ['B1', 'B2', 'B3', 'B4', 'B5', 'B7'];
const OLI_SR = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'];

/** TM and ETM+ bands; the Level-2 ST_B6 spans the band-6 range of both (10.40-12.50 um). */
function tmEtmBands(rows: readonly SpectralRow[]): BandProfile[] {
  return [
    ...level1Bands(rows),
    derivedBand('BQA', L1_ONLY, 'quality', null, null),
    ...surfaceReflectanceBands(rows, TM_ETM_SR),
    surfaceTemperatureBand('ST_B6', 10.4, 12.5),
    derivedBand('SR_ATMOS_OPACITY', L2_ONLY, 'quality', -9999, OPACITY_SCALING),
    derivedBand('SR_CLOUD_QA', L2_ONLY, 'quality', null, null),
    ...level2AuxiliaryBands(),
  ];
}

function oliTirsBands(): BandProfile[] {
  return [
    ...level1Bands(OLI_TIRS_ROWS),
    derivedBand('BQA', L1_ONLY, 'quality', null, null),
    ...surfaceReflectanceBands(OLI_TIRS_ROWS, OLI_SR),
    surfaceTemperatureBand('ST_B10', 10.6, 11.19),
    derivedBand('SR_QA_AEROSOL', L2_ONLY, 'quality', null, null),
    ...level2AuxiliaryBands(),
  ];
}

const TM_ROLES: Record<ProductLevel, BandRoles> = {
  L1: { red: 'B3', nir: 'B4', thermal: ['B6'] },
  L2: { red: 'SR_B3', nir: 'SR_B4', thermal: ['ST_B6'] },
};

const ETM_ROLES: Record<ProductLevel, BandRoles> = {
  L1: { red: 'B3', nir: 'B4', thermal: ['B6_VCID_1', 'B6_VCID_2'] },
  L2: { red: 'SR_B3', nir: 'SR_B4', thermal: ['ST_B6'] },
};

const OLI_TIRS_ROLES: Record<ProductLevel, BandRoles> = {
  L1: { red: 'B4', nir: 'B5', thermal: ['B10', 'B11'] },
  L2: { red: 'SR_B4', nir: 'SR_B5', thermal: ['ST_B10'] },
};

const LANDSAT_PROFILES: Readonly<Record<Exclude<SensorId, ModisSensorId>, SensorProfile>> = {
  'landsat5-tm': {
    id: 'landsat5-tm',
    name: 'Landsat 5 TM',
    spacecraft: 'LANDSAT_5',
    fileNamePrefixes: ['LT05', 'LT5', 'L5'],
    bands: tmEtmBands(TM_ROWS),
    roles: TM_ROLES,
    // Chander, Markham & Helder 2009, Table 5 (TM on Landsat 5).
    handbookThermalConstants: { B6: { k1: 607.76, k2: 1260.56 } },
  },
  'landsat7-etm': {
    id: 'landsat7-etm',
    name: 'Landsat 7 ETM+',
    spacecraft: 'LANDSAT_7',
    fileNamePrefixes: ['LE07', 'LE7', 'L7'],
    bands: tmEtmBands(ETM_ROWS),
    roles: ETM_ROLES,
    // Chander, Markham & Helder 2009, Table 5 (ETM+; the same constants for both gains).
    handbookThermalConstants: {
      B6_VCID_1: { k1: 666.09, k2: 1282.71 },
      B6_VCID_2: { k1: 666.09, k2: 1282.71 },
    },
  },
  'landsat8-oli-tirs': {
    id: 'landsat8-oli-tirs',
    name: 'Landsat 8 OLI/TIRS',
    spacecraft: 'LANDSAT_8',
    fileNamePrefixes: ['LC08', 'LC8', 'LO08', 'LO8'],
    bands: oliTirsBands(),
    roles: OLI_TIRS_ROLES,
    handbookThermalConstants: {},
  },
  'landsat9-oli-tirs': {
    id: 'landsat9-oli-tirs',
    name: 'Landsat 9 OLI-2/TIRS-2',
    spacecraft: 'LANDSAT_9',
    fileNamePrefixes: ['LC09', 'LC9', 'LO09', 'LO9'],
    bands: oliTirsBands(),
    roles: OLI_TIRS_ROLES,
    handbookThermalConstants: {},
  },
  generic: {
    id: 'generic',
    name: 'Generic GeoTIFF',
    spacecraft: null,
    fileNamePrefixes: [],
    bands: [],
    roles: {
      L1: { red: null, nir: null, thermal: [] },
      L2: { red: null, nir: null, thermal: [] },
    },
    handbookThermalConstants: {},
  },
};

const PROFILES: Readonly<Record<AnySensorId, SensorProfile>> = {
  ...LANDSAT_PROFILES,
  ...MODIS_PROFILES,
  aster: ASTER_PROFILE,
};

/** Every scene sensor id: Landsat, then MODIS Terra/Aqua, `generic` last (ASTER is not a scene sensor yet). */
export const SENSOR_IDS: readonly SensorId[] = [
  'landsat5-tm',
  'landsat7-etm',
  'landsat8-oli-tirs',
  'landsat9-oli-tirs',
  'modis-terra',
  'modis-aqua',
  'generic',
];

/** The Landsat sensor ids (file-name prefixes such as LC08, LT5). */
const LANDSAT_SENSOR_IDS = SENSOR_IDS.filter((id) => id.startsWith('landsat'));

/** Every profiled sensor id: {@link SENSOR_IDS}, then ASTER. */
export const ALL_SENSOR_IDS: readonly AnySensorId[] = [...SENSOR_IDS, 'aster'];

/** The profile of a sensor. */
export function getSensorProfile(id: AnySensorId): SensorProfile {
  return PROFILES[id];
}

/** The band of a sensor with this file-name band name (case-sensitive, e.g. `ST_B10`), or null. */
export function findBandProfile(sensor: AnySensorId, bandName: string): BandProfile | null {
  return PROFILES[sensor].bands.find((band) => band.name === bandName) ?? null;
}

/** Thermal band names of a sensor at a product level (L1: B10, B11; L2: ST_B10); [] for generic. */
export function thermalBandNames(sensor: AnySensorId, level: ProductLevel): readonly string[] {
  return PROFILES[sensor].roles[level].thermal;
}

/** Red band name at a product level (L8 L1: B4, L2: SR_B4; TM/ETM+: B3, SR_B3), or null. */
export function redBandName(sensor: AnySensorId, level: ProductLevel): string | null {
  return PROFILES[sensor].roles[level].red;
}

/** Near-infrared band name at a product level (L8 L1: B5, L2: SR_B5; TM/ETM+: B4), or null. */
export function nirBandName(sensor: AnySensorId, level: ProductLevel): string | null {
  return PROFILES[sensor].roles[level].nir;
}

/**
 * Collection 2 Level-2 scaling of a band (`ST_B10`, `SR_B4`, `ST_TRAD`, …), or null when the band
 * is a Level-1 or quality band without scaling, or unknown to the sensor.
 */
export function level2Scaling(sensor: AnySensorId, bandName: string): Level2Scaling | null {
  return findBandProfile(sensor, bandName)?.level2Scaling ?? null;
}

/**
 * Handbook K1/K2 of a thermal band, for MTLs that lack them (Landsat 5 `B6`, Landsat 7
 * `B6_VCID_1`/`B6_VCID_2`); null for other bands and for sensors whose MTLs always carry them.
 */
export function handbookThermalConstants(
  sensor: AnySensorId,
  bandName: string,
): ThermalConstants | null {
  return PROFILES[sensor].handbookThermalConstants[bandName] ?? null;
}

/** The sensor of an MTL SPACECRAFT_ID. */
export function sensorIdFromSpacecraft(spacecraft: Spacecraft): SensorId {
  return SENSOR_IDS.find((id) => PROFILES[id].spacecraft === spacecraft) ?? 'generic';
}

/**
 * The sensor named by a Landsat file-name prefix (`LC08_L1TP_…`, `LC80200392015216LGN00_B4.TIF`,
 * `LT05…`, `LE7…`), case-insensitive; null when the name starts with no known prefix (`l8_B4.tif`).
 */
export function sensorIdFromFileName(fileName: string): SensorId | null {
  const upper = fileName.toUpperCase();
  for (const id of LANDSAT_SENSOR_IDS) {
    const prefixes = PROFILES[id].fileNamePrefixes;
    // A prefix must be followed by the rest of an id: `_` (collections) or a digit (path/row).
    if (prefixes.some((prefix) => new RegExp(`^${prefix}(?:_|\\d)`).test(upper))) return id;
  }
  return null;
}
