/**
 * Landsat MTL metadata → LandsatMetadata: spacecraft, collection, product level, and the
 * calibration of every band the MTL describes, keyed by the band names of file names (`B10`,
 * `B6_VCID_1`, `SR_B4`, `ST_B10`).
 *
 * Handles pre-collection (including the old LMAX/LMIN/QCALMAX/QCALMIN form), Collection 1 and
 * Collection 2 MTLs, Level 1 and Level 2, as ODL text, JSON or XML.
 *
 * Which group a value comes from: product-level fields (LANDSAT_PRODUCT_ID, PROCESSING_LEVEL…)
 * take the first group in file order that has them, so a Collection 2 Level-2 MTL reports its
 * Level-2 product id (PRODUCT_CONTENTS), not the Level-1 id of LEVEL1_PROCESSING_RECORD. A
 * calibration value found in two groups with different values is refused (MetadataError) rather
 * than silently taking either.
 */
import { MetadataError } from '../errors.js';
import {
  handbookThermalConstants,
  sensorIdFromSpacecraft,
  thermalBandNames,
} from '../retrieval/sensors.js';
import { allMtlGroups, findMtlValue, parseMtlDocument } from './mtl-document.js';
import type { MtlGroup } from './mtl-document.js';
import type { BandCalibration, LandsatMetadata, Spacecraft } from './scene-types.js';

type CalibrationField = Exclude<keyof BandCalibration, 'k1k2Source'>;

/** Raw per-band values of the old pre-collection form, for Chander et al. 2009 eq. 1. */
interface RadianceRange {
  lmax?: number;
  lmin?: number;
  qcalmax?: number;
  qcalmin?: number;
}

/** Where each calibration value was read, to refuse conflicting duplicates. */
interface BandAccumulator {
  calibration: BandCalibration;
  sources: Map<CalibrationField, string>;
  range: RadianceRange;
}

/**
 * Parses an MTL (text, JSON or XML, detected from the content) into LandsatMetadata. K1/K2 of
 * Landsat 5/7 thermal bands that the MTL lacks are filled from the sensor handbook (k1k2Source
 * 'handbook'). Throws MetadataError naming `fileName` on malformed text, a missing
 * SPACECRAFT_ID or processing level, a non-numeric calibration value, or conflicting duplicates.
 */
export function parseMtl(text: string, fileName = 'MTL'): LandsatMetadata {
  const { root } = parseMtlDocument(text, fileName);
  const fileGroup = root.groups.find(
    (g) => g.name === 'LANDSAT_METADATA_FILE' || g.name === 'L1_METADATA_FILE',
  );
  if (fileGroup === undefined) {
    const found = root.groups.map((g) => g.name).join(', ') || 'none';
    throw new MetadataError(
      `${fileName}: not a Landsat MTL (no LANDSAT_METADATA_FILE or L1_METADATA_FILE group; groups found: ${found})`,
      { fileName, groups: found },
    );
  }

  const spacecraft = parseSpacecraft(findMtlValue(fileGroup, 'SPACECRAFT_ID'), fileName);
  const processingLevel =
    findMtlValue(fileGroup, 'PROCESSING_LEVEL') ??
    findMtlValue(fileGroup, 'DATA_TYPE') ??
    findMtlValue(fileGroup, 'PRODUCT_TYPE');
  if (processingLevel === null) {
    throw new MetadataError(`${fileName}: no PROCESSING_LEVEL, DATA_TYPE or PRODUCT_TYPE`, {
      fileName,
    });
  }

  const collection = detectCollection(fileGroup, fileName);
  return {
    spacecraft,
    sensorId: findMtlValue(fileGroup, 'SENSOR_ID') ?? '',
    collection,
    processingLevel,
    level: processingLevel.toUpperCase().startsWith('L2') ? 'L2' : 'L1',
    sceneId: findMtlValue(fileGroup, 'LANDSAT_SCENE_ID'),
    productId: findMtlValue(fileGroup, 'LANDSAT_PRODUCT_ID'),
    acquisitionDate: parseDate(
      findMtlValue(fileGroup, 'DATE_ACQUIRED') ?? findMtlValue(fileGroup, 'ACQUISITION_DATE'),
    ),
    sunElevationDeg: optionalNumber(fileGroup, 'SUN_ELEVATION', fileName),
    bands: readBandCalibrations(fileGroup, spacecraft, collection, fileName),
  };
}

/** LANDSAT_8, Landsat8, LANDSAT-8 … → LANDSAT_8. */
function parseSpacecraft(value: string | null, fileName: string): Spacecraft {
  if (value === null) throw new MetadataError(`${fileName}: no SPACECRAFT_ID`, { fileName });
  const digit = /^LANDSAT[\s_-]?([5789])$/i.exec(value.trim())?.[1];
  if (digit === undefined) {
    throw new MetadataError(
      `${fileName}: unsupported SPACECRAFT_ID "${value}" (Landsat 5, 7, 8 or 9)`,
      {
        fileName,
        spacecraft: value,
      },
    );
  }
  return `LANDSAT_${digit}` as Spacecraft;
}

function detectCollection(fileGroup: MtlGroup, fileName: string): LandsatMetadata['collection'] {
  if (fileGroup.name === 'LANDSAT_METADATA_FILE') return 'collection-2';
  const number = findMtlValue(fileGroup, 'COLLECTION_NUMBER');
  if (number === null) return 'pre-collection';
  const parsed = Number(number);
  if (parsed === 1) return 'collection-1';
  if (parsed === 2) return 'collection-2';
  throw new MetadataError(`${fileName}: unsupported COLLECTION_NUMBER ${number}`, {
    fileName,
    collection: number,
  });
}

function parseDate(value: string | null): string | null {
  const date = value === null ? undefined : /^(\d{4}-\d{2}-\d{2})/.exec(value.trim())?.[1];
  return date ?? null;
}

function toNumber(value: string, key: string, fileName: string): number {
  const parsed = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(parsed)) {
    throw new MetadataError(`${fileName}: ${key} = "${value}" is not a number`, {
      fileName,
      key,
      value,
    });
  }
  return parsed;
}

function optionalNumber(group: MtlGroup, key: string, fileName: string): number | null {
  const value = findMtlValue(group, key);
  return value === null ? null : toNumber(value, key, fileName);
}

function emptyCalibration(): BandCalibration {
  return {
    radianceMult: null,
    radianceAdd: null,
    reflectanceMult: null,
    reflectanceAdd: null,
    k1: null,
    k2: null,
    k1k2Source: null,
    level2Mult: null,
    level2Add: null,
  };
}

/** A band-name suffix of an MTL key → the file-name band name: `10` → B10, `6_VCID_1` → B6_VCID_1. */
function bandName(suffix: string, spacecraft: Spacecraft): string {
  // Old Landsat 7 MTLs number the two band-6 gains 61 and 62 (LMAX_BAND61).
  const etmGain = spacecraft === 'LANDSAT_7' ? /^6([12])$/.exec(suffix)?.[1] : undefined;
  if (etmGain !== undefined) return `B6_VCID_${etmGain}`;
  return suffix.startsWith('ST_B') ? suffix : `B${suffix}`;
}

/** One MTL key → which band and which field it sets, or null for keys that are not calibration. */
interface KeyMeaning {
  suffix: string;
  field?: CalibrationField;
  rangePart?: keyof RadianceRange;
  surfaceReflectance?: boolean;
}

const KEY_RULES: readonly {
  pattern: RegExp;
  meaning: (m: RegExpExecArray, level2: boolean) => KeyMeaning;
}[] = [
  {
    pattern: /^RADIANCE_(MULT|ADD)_BAND_(\w+)$/,
    meaning: (m) => ({
      suffix: m[2] ?? '',
      field: m[1] === 'MULT' ? 'radianceMult' : 'radianceAdd',
    }),
  },
  {
    // LEVEL2_SURFACE_REFLECTANCE_PARAMETERS holds SR scaling; other groups hold TOA reflectance.
    pattern: /^REFLECTANCE_(MULT|ADD)_BAND_(\w+)$/,
    meaning: (m, level2) =>
      level2
        ? {
            suffix: m[2] ?? '',
            field: m[1] === 'MULT' ? 'level2Mult' : 'level2Add',
            surfaceReflectance: true,
          }
        : { suffix: m[2] ?? '', field: m[1] === 'MULT' ? 'reflectanceMult' : 'reflectanceAdd' },
  },
  {
    pattern: /^K([12])_CONSTANT_BAND_(\w+)$/,
    meaning: (m) => ({ suffix: m[2] ?? '', field: m[1] === '1' ? 'k1' : 'k2' }),
  },
  {
    pattern: /^TEMPERATURE_(MULT|ADD)_BAND_(ST_B\w+)$/,
    meaning: (m) => ({ suffix: m[2] ?? '', field: m[1] === 'MULT' ? 'level2Mult' : 'level2Add' }),
  },
  {
    pattern: /^(?:L(MAX|MIN)_BAND|RADIANCE_(MAXIMUM|MINIMUM)_BAND_)(\w+)$/,
    meaning: (m) => ({
      suffix: m[3] ?? '',
      rangePart: m[1] === 'MAX' || m[2] === 'MAXIMUM' ? 'lmax' : 'lmin',
    }),
  },
  {
    pattern: /^(?:QCAL(MAX|MIN)_BAND|QUANTIZE_CAL_(MAX|MIN)_BAND_)(\w+)$/,
    meaning: (m) => ({
      suffix: m[3] ?? '',
      rangePart: (m[1] ?? m[2]) === 'MAX' ? 'qcalmax' : 'qcalmin',
    }),
  },
];

function interpretKey(key: string, level2Group: boolean): KeyMeaning | null {
  for (const rule of KEY_RULES) {
    const match = rule.pattern.exec(key);
    if (match !== null) return rule.meaning(match, level2Group);
  }
  return null;
}

function readBandCalibrations(
  fileGroup: MtlGroup,
  spacecraft: Spacecraft,
  collection: LandsatMetadata['collection'],
  fileName: string,
): Record<string, BandCalibration> {
  const bands = new Map<string, BandAccumulator>();
  const accumulatorFor = (name: string): BandAccumulator => {
    let entry = bands.get(name);
    if (entry === undefined) {
      entry = { calibration: emptyCalibration(), sources: new Map(), range: {} };
      bands.set(name, entry);
    }
    return entry;
  };

  for (const group of allMtlGroups(fileGroup)) {
    const level2Group = group.name.startsWith('LEVEL2');
    for (const [key, raw] of group.values) {
      const meaning = interpretKey(key, level2Group);
      if (meaning === null) continue;
      // Level-2 groups also repeat QUANTIZE_CAL limits of SR bands: not radiance ranges.
      if (meaning.rangePart !== undefined && level2Group) continue;

      const name =
        (meaning.surfaceReflectance === true ? 'SR_' : '') + bandName(meaning.suffix, spacecraft);
      const entry = accumulatorFor(name);
      const value = toNumber(raw, key, fileName);
      if (meaning.rangePart !== undefined) entry.range[meaning.rangePart] ??= value;
      if (meaning.field !== undefined)
        setCalibration(entry, meaning.field, value, `${group.name}.${key}`, fileName);
    }
  }

  const preferLimits =
    collection === 'pre-collection' && (spacecraft === 'LANDSAT_5' || spacecraft === 'LANDSAT_7');
  const result: Record<string, BandCalibration> = {};
  for (const [name, entry] of bands) {
    const calibration = withDerivedRadiance(entry, preferLimits);
    if (isEmpty(calibration)) continue;
    result[name] = withThermalConstants(name, calibration, spacecraft);
  }
  return result;
}

function setCalibration(
  entry: BandAccumulator,
  field: CalibrationField,
  value: number,
  source: string,
  fileName: string,
): void {
  const previous = entry.calibration[field];
  if (previous !== null && previous !== value) {
    throw new MetadataError(
      `${fileName}: ${source} = ${value} contradicts ${entry.sources.get(field) ?? field} = ${previous}`,
      { fileName, key: source, value, previous },
    );
  }
  entry.calibration[field] = value;
  entry.sources.set(field, source);
}

/**
 * Radiance rescaling from the band's radiance and pixel-value limits. Chander, Markham & Helder
 * 2009, eq. 1: L = (LMAX − LMIN)/(QCALMAX − QCALMIN)·(Q − QCALMIN) + LMIN, so
 * mult = (LMAX − LMIN)/(QCALMAX − QCALMIN) and add = LMIN − mult·QCALMIN.
 *
 * Used when the MTL gives no RADIANCE_MULT/ADD (the old LMAX/LMIN form), and always for
 * pre-collection Landsat 5/7 MTLs (`preferLimits`): those print RADIANCE_MULT with three
 * decimals (TM B6: 0.055 for 0.055374, ETM+ B6_VCID_2: 0.037 for 0.037205), a 0.7 % radiance
 * error that would shift brightness temperatures by about 0.5 K.
 */
function withDerivedRadiance(entry: BandAccumulator, preferLimits: boolean): BandCalibration {
  const { calibration, range } = entry;
  const printed = calibration.radianceMult !== null || calibration.radianceAdd !== null;
  if (printed && !preferLimits) return calibration;
  const { lmax, lmin, qcalmax, qcalmin } = range;
  if (lmax === undefined || lmin === undefined || qcalmax === undefined || qcalmin === undefined) {
    return calibration;
  }
  if (qcalmax === qcalmin) return calibration;

  const mult = (lmax - lmin) / (qcalmax - qcalmin);
  return { ...calibration, radianceMult: mult, radianceAdd: lmin - mult * qcalmin };
}

function isEmpty(calibration: BandCalibration): boolean {
  return Object.values(calibration).every((value) => value === null);
}

/** Marks K1/K2 as from the MTL, or fills them from the handbook for Landsat 5/7 thermal bands. */
function withThermalConstants(
  name: string,
  calibration: BandCalibration,
  spacecraft: Spacecraft,
): BandCalibration {
  if (calibration.k1 !== null || calibration.k2 !== null)
    return { ...calibration, k1k2Source: 'mtl' };

  const sensor = sensorIdFromSpacecraft(spacecraft);
  const handbook = handbookThermalConstants(sensor, name);
  if (handbook === null || !thermalBandNames(sensor, 'L1').includes(name)) return calibration;
  return { ...calibration, k1: handbook.k1, k2: handbook.k2, k1k2Source: 'handbook' };
}
