/**
 * Emissivity by land-cover class, and water/snow constants by surface class.
 *
 * Land cover: Du, Ren, Qin, Meng & Zhao 2015 (Remote Sens. 7(1), 647-665, Table 2) give the mean
 * TIRS B10/B11 emissivities of the ten level-1 classes of the FROM-GLC 30 m land-cover map (Gong et
 * al. 2013). Values as transcribed in the GRASS add-on i.landsat8.swlst (average_emissivity.csv);
 * FROM-GLC codes a level-1 class as 10, 20, … 100 and its level-2 subclasses as 11, 12, … (the
 * tens digit), and 120 as cloud.
 *
 * Surface class (from the QA band, e.g. Landsat QA_PIXEL water and snow bits): water and snow/ice
 * pixels get a constant emissivity whatever the NDVI or land cover says.
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';

/** Level-1 FROM-GLC classes by code. */
export const FROM_GLC_CLASSES = {
  10: 'cropland',
  20: 'forest',
  30: 'grassland',
  40: 'shrubland',
  50: 'wetland',
  60: 'water',
  70: 'tundra',
  80: 'impervious',
  90: 'barren',
  100: 'snow-ice',
} as const;

/** A level-1 FROM-GLC code. */
export type FromGlcCode = keyof typeof FROM_GLC_CLASSES;

/** Emissivities of TIRS B10 and B11 for one class. */
export interface TirsEmissivityPair {
  b10: number;
  b11: number;
}

/** Du 2015 Table 2: mean TIRS emissivities of the FROM-GLC level-1 classes. */
export const DU_2015_LANDCOVER_EMISSIVITY: Readonly<Record<FromGlcCode, TirsEmissivityPair>> = {
  10: { b10: 0.971, b11: 0.968 },
  20: { b10: 0.995, b11: 0.996 },
  30: { b10: 0.97, b11: 0.971 },
  40: { b10: 0.969, b11: 0.97 },
  50: { b10: 0.992, b11: 0.998 },
  60: { b10: 0.992, b11: 0.998 },
  70: { b10: 0.98, b11: 0.984 },
  80: { b10: 0.973, b11: 0.981 },
  90: { b10: 0.969, b11: 0.978 },
  100: { b10: 0.992, b11: 0.998 },
};

/** The level-1 code of a FROM-GLC level-1 or level-2 code (e.g. 23 → 20); null for others. */
export function fromGlcLevel1(code: number): FromGlcCode | null {
  if (!Number.isInteger(code) || code < 10 || code > 109) return null;
  return (Math.floor(code / 10) * 10) as FromGlcCode;
}

/**
 * Emissivity of one TIRS band for every pixel from its FROM-GLC code (level 1 or 2). NaN for
 * codes with no class (0, cloud 120, noData NaN).
 */
export function landCoverEmissivity(
  classCodes: ArrayLike<number>,
  band: 'B10' | 'B11',
  table: Readonly<Record<FromGlcCode, TirsEmissivityPair>> = DU_2015_LANDCOVER_EMISSIVITY,
  out?: Float32Array,
): Float32Array {
  const result = outputArray(classCodes.length, out);
  const lookup = new Map<number, number>();
  for (let i = 0; i < classCodes.length; i++) {
    const code = classCodes[i] as number;
    let value = lookup.get(code);
    if (value === undefined) {
      const level1 = fromGlcLevel1(code);
      const pair = level1 === null ? undefined : table[level1];
      value = pair === undefined ? Number.NaN : band === 'B10' ? pair.b10 : pair.b11;
      lookup.set(code, value);
    }
    result[i] = value;
  }
  return result;
}

/** Surface classes a QA decoder hands over: anything else is left as it is. */
export const SURFACE_CLASS = { land: 0, water: 1, snowIce: 2 } as const;

/**
 * Surface classes from 1/0 water and snow masks (e.g. qa-masks.ts `waterMask`, `snowMask`); a pixel
 * in both counts as snow/ice. A null mask marks no pixel.
 * @throws InvalidParameterError when a mask's length is not `pixelCount`.
 */
export function surfaceClassFromMasks(
  waterMask: Uint8Array | null,
  snowMask: Uint8Array | null,
  pixelCount: number,
): Uint8Array {
  for (const mask of [waterMask, snowMask]) {
    if (mask !== null && mask.length !== pixelCount) {
      throw new InvalidParameterError(`mask has ${mask.length} pixels, expected ${pixelCount}`);
    }
  }
  const classes = new Uint8Array(pixelCount);
  for (let i = 0; i < pixelCount; i++) {
    if (snowMask?.[i] === 1) classes[i] = SURFACE_CLASS.snowIce;
    else if (waterMask?.[i] === 1) classes[i] = SURFACE_CLASS.water;
  }
  return classes;
}

/** Emissivity constants for water and snow/ice pixels of one band. */
export interface WaterSnowEmissivity {
  water: number;
  snowIce: number;
  citation: string;
}

/**
 * Ermida et al. 2020 (Remote Sens. 12(9), 1471; their GEE code): water 0.99 and snow/ice 0.989
 * for the single thermal band, applied from the QA_PIXEL water and snow bits.
 */
export const ERMIDA_2020_WATER_SNOW: WaterSnowEmissivity = {
  water: 0.99,
  snowIce: 0.989,
  citation: 'Ermida et al. 2020, Remote Sens. 12(9), 1471',
};

/** Du 2015 Table 2 water-body and snow/ice emissivities of TIRS B10. */
export const DU_2015_WATER_SNOW_B10: WaterSnowEmissivity = {
  water: DU_2015_LANDCOVER_EMISSIVITY[60].b10,
  snowIce: DU_2015_LANDCOVER_EMISSIVITY[100].b10,
  citation: 'Du et al. 2015, Remote Sens. 7(1), 647-665, Table 2 (B10)',
};

/** Du 2015 Table 2 water-body and snow/ice emissivities of TIRS B11. */
export const DU_2015_WATER_SNOW_B11: WaterSnowEmissivity = {
  water: DU_2015_LANDCOVER_EMISSIVITY[60].b11,
  snowIce: DU_2015_LANDCOVER_EMISSIVITY[100].b11,
  citation: 'Du et al. 2015, Remote Sens. 7(1), 647-665, Table 2 (B11)',
};

/**
 * Overwrite, in place, the emissivity of water and snow/ice pixels (by {@link SURFACE_CLASS}
 * code) with the constants; other pixels keep their value. Returns `emissivity`.
 * @throws InvalidParameterError when the arrays differ in length.
 */
export function applyWaterSnowEmissivity(
  emissivity: Float32Array,
  surfaceClass: ArrayLike<number>,
  constants: WaterSnowEmissivity,
): Float32Array {
  if (surfaceClass.length !== emissivity.length) {
    throw new InvalidParameterError(
      `surface-class array has ${surfaceClass.length} pixels, emissivity has ${emissivity.length}`,
    );
  }
  for (let i = 0; i < emissivity.length; i++) {
    const code = surfaceClass[i];
    if (code === SURFACE_CLASS.water) emissivity[i] = constants.water;
    else if (code === SURFACE_CLASS.snowIce) emissivity[i] = constants.snowIce;
  }
  return emissivity;
}
