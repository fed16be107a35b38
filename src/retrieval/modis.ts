/**
 * MODIS MOD11/MYD11 (Terra/Aqua LST/LSE, Collection 6/6.1) GeoTIFF exports: the sensor profiles,
 * the file-name rules of single-SDS exports (`MOD11A1.A2019305.h14v09.006_LST_Day_1km.tif`, as
 * written by gdal_translate or AppEEARS-style tools) and the scaling of each SDS. Node-free.
 *
 * Source: Wan 2013, "MODIS Land Surface Temperature Products Users' Guide" (Collection 6),
 * Table 13 (MOD11A1 SDSs: scale, offset, fill, valid range) and the QC layout (qa-masks.ts);
 * thermal band ranges from the MODIS instrument specification (NASA MODIS "Specifications").
 */
import { InvalidParameterError } from '../errors.js';
import type { BandProfile, Level2Scaling, ModisSensorId, SensorProfile } from './sensors.js';

/** One MODIS LST SDS: scaling, fill and valid stored range. */
interface ModisSdsRow {
  name: string;
  role: BandProfile['role'];
  scaling: Level2Scaling | null;
  fillValue: number | null;
  /** Valid stored range [min, max] (Wan 2013, Table 13). */
  validRange: readonly [number, number];
}

const LST_SCALING: Level2Scaling = { mult: 0.02, add: 0, unit: 'K' };
const EMISSIVITY_SCALING: Level2Scaling = { mult: 0.002, add: 0.49, unit: 'unitless' };
const VIEW_TIME_SCALING: Level2Scaling = { mult: 0.1, add: 0, unit: 'h' };
const VIEW_ANGLE_SCALING: Level2Scaling = { mult: 1, add: -65, unit: 'degree' };
const COVERAGE_SCALING: Level2Scaling = { mult: 0.0005, add: 0, unit: 'unitless' };

/** MOD11A1/MYD11A1 (and the 8-day A2) SDSs, Wan 2013 Table 13. */
const SDS_ROWS: readonly ModisSdsRow[] = [
  {
    name: 'LST_Day_1km',
    role: 'surface-temperature',
    scaling: LST_SCALING,
    fillValue: 0,
    validRange: [7500, 65535],
  },
  { name: 'QC_Day', role: 'quality', scaling: null, fillValue: null, validRange: [0, 255] },
  {
    name: 'Day_view_time',
    role: 'quality',
    scaling: VIEW_TIME_SCALING,
    fillValue: 255,
    validRange: [0, 240],
  },
  {
    name: 'Day_view_angl',
    role: 'quality',
    scaling: VIEW_ANGLE_SCALING,
    fillValue: 255,
    validRange: [0, 130],
  },
  {
    name: 'LST_Night_1km',
    role: 'surface-temperature',
    scaling: LST_SCALING,
    fillValue: 0,
    validRange: [7500, 65535],
  },
  { name: 'QC_Night', role: 'quality', scaling: null, fillValue: null, validRange: [0, 255] },
  {
    name: 'Night_view_time',
    role: 'quality',
    scaling: VIEW_TIME_SCALING,
    fillValue: 255,
    validRange: [0, 240],
  },
  {
    name: 'Night_view_angl',
    role: 'quality',
    scaling: VIEW_ANGLE_SCALING,
    fillValue: 255,
    validRange: [0, 130],
  },
  {
    name: 'Emis_31',
    role: 'emissivity',
    scaling: EMISSIVITY_SCALING,
    fillValue: 0,
    validRange: [1, 255],
  },
  {
    name: 'Emis_32',
    role: 'emissivity',
    scaling: EMISSIVITY_SCALING,
    fillValue: 0,
    validRange: [1, 255],
  },
  {
    name: 'Clear_day_cov',
    role: 'quality',
    scaling: COVERAGE_SCALING,
    fillValue: 0,
    validRange: [1, 65535],
  },
  {
    name: 'Clear_night_cov',
    role: 'quality',
    scaling: COVERAGE_SCALING,
    fillValue: 0,
    validRange: [1, 65535],
  },
];

/** MODIS thermal emissive bands used by the LST algorithms: band, range in µm (specification). */
const THERMAL_ROWS: readonly (readonly [name: string, minUm: number, maxUm: number])[] = [
  ['29', 8.4, 8.7],
  ['31', 10.78, 11.28],
  ['32', 11.77, 12.27],
];

/** The band names of a MOD11/MYD11 export, in product order. */
export const MODIS_LST_BANDS: readonly string[] = SDS_ROWS.map((row) => row.name);

function modisBands(): BandProfile[] {
  const thermal: BandProfile[] = THERMAL_ROWS.map(([name, minUm, maxUm]) => ({
    name,
    levels: ['L1'],
    role: 'thermal',
    wavelengthRangeUm: [minUm, maxUm],
    centreWavelengthUm: Math.round(((minUm + maxUm) / 2) * 10000) / 10000,
    fillValue: null,
    level2Scaling: null,
  }));
  const sds: BandProfile[] = SDS_ROWS.map((row) => ({
    name: row.name,
    levels: ['L2'],
    role: row.role,
    wavelengthRangeUm: null,
    centreWavelengthUm: null,
    fillValue: row.fillValue,
    level2Scaling: row.scaling,
  }));
  return [...sds, ...thermal];
}

function modisProfile(id: ModisSensorId, name: string, prefix: string): SensorProfile {
  return {
    id,
    name,
    spacecraft: null,
    fileNamePrefixes: [prefix],
    bands: modisBands(),
    roles: {
      L1: { red: null, nir: null, thermal: ['31', '32'] },
      L2: { red: null, nir: null, thermal: ['LST_Day_1km', 'LST_Night_1km'] },
    },
    handbookThermalConstants: {},
  };
}

/** MODIS Terra and Aqua profiles (MOD11/MYD11 LST products; L1 = the 29/31/32 radiance bands). */
export const MODIS_PROFILES: Readonly<Record<ModisSensorId, SensorProfile>> = {
  'modis-terra': modisProfile('modis-terra', 'MODIS Terra (MOD11)', 'MOD'),
  'modis-aqua': modisProfile('modis-aqua', 'MODIS Aqua (MYD11)', 'MYD'),
};

/** What a MODIS LST export's file name says. */
export interface ModisGranuleName {
  /** `MOD11A1.A2019305.h14v09.006`: product, acquisition, tile, collection. */
  granuleId: string;
  product: string;
  sensor: ModisSensorId;
  /** ISO date YYYY-MM-DD of the acquisition (from AYYYYDDD). */
  acquisitionDate: string;
  /** Sinusoidal tile, e.g. `h14v09`. */
  tile: string;
  /** Collection, e.g. `006`, `061`. */
  collection: string;
  /** SDS name from the suffix (`LST_Day_1km`), or null when the name has none or an unknown one. */
  band: string | null;
}

const GRANULE_NAME =
  /^(MOD|MYD)(11A1|11A2)\.A(\d{4})(\d{3})\.(h\d{2}v\d{2})\.(\d{3})(?:\.\d{13})?(?:[._](.+?))?\.tiff?$/i;

function isoDate(year: number, dayOfYear: number): string {
  const date = new Date(Date.UTC(year, 0, dayOfYear));
  return date.toISOString().slice(0, 10);
}

/** Parses a MOD11/MYD11 export file name; null when the name is not one. */
export function modisGranuleFromFileName(fileName: string): ModisGranuleName | null {
  const match = GRANULE_NAME.exec(fileName);
  if (match === null) return null;
  const [, platform, product, year, day, tile, collection, suffix] = match;
  const band = MODIS_LST_BANDS.find((name) => name.toLowerCase() === suffix?.toLowerCase());
  return {
    granuleId: `${platform!.toUpperCase()}${product!.toUpperCase()}.A${year}${day}.${tile!.toLowerCase()}.${collection}`,
    product: `${platform!.toUpperCase()}${product!.toUpperCase()}`,
    sensor: platform!.toUpperCase() === 'MOD' ? 'modis-terra' : 'modis-aqua',
    acquisitionDate: isoDate(Number(year), Number(day)),
    tile: tile!.toLowerCase(),
    collection: collection!,
    band: band ?? null,
  };
}

function sdsRow(bandName: string): ModisSdsRow {
  const row = SDS_ROWS.find((r) => r.name === bandName);
  if (row === undefined) {
    throw new InvalidParameterError(
      `"${bandName}" is not a MOD11 band; known: ${MODIS_LST_BANDS.join(', ')}`,
      { band: bandName, known: [...MODIS_LST_BANDS] },
    );
  }
  return row;
}

/**
 * Physical values of a MOD11 SDS from its stored values (RasterReader output): LST in kelvin
 * (×0.02), emissivity (×0.002 + 0.49), view time in hours, view angle in degrees, coverage;
 * QC bytes are returned unchanged. Fill values, NaN and values outside the valid range are NaN.
 *
 * @throws InvalidParameterError for a band that is not a MOD11 SDS.
 */
export function modisPhysicalValues(bandName: string, stored: Float32Array): Float32Array {
  const row = sdsRow(bandName);
  const [min, max] = row.validRange;
  const mult = row.scaling?.mult ?? 1;
  const add = row.scaling?.add ?? 0;
  const out = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) {
    const value = stored[i] as number;
    const valid = value !== row.fillValue && value >= min && value <= max;
    out[i] = valid ? mult * value + add : Number.NaN;
  }
  return out;
}
