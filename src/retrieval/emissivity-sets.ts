/**
 * Coefficient sets of the NDVI-threshold emissivity method, as data, keyed by thermal band name.
 * Each band gives the emissivity of bare soil and of full vegetation (and optionally bare soil
 * from red reflectance, ε = a − b·ρred), and the constant used for water (NDVI < 0).
 */
import type { SensorId } from '../rasters/scene-types.js';

/** Emissivity coefficients of one thermal band. */
export interface BandEmissivityCoefficients {
  /** Emissivity of bare soil (NDVI < NDVIs when `soilFromRed` is null; mixed pixels always). */
  soilEmissivity: number;
  /** Emissivity of full vegetation (NDVI > NDVIv). */
  vegetationEmissivity: number;
  /** Bare-soil emissivity from red reflectance ε = intercept − slope·ρred; null to use the constant. */
  soilFromRed: { intercept: number; slope: number } | null;
  /** Emissivity of water pixels (NDVI < 0). */
  waterEmissivity: number;
}

/** A named set of NDVI-threshold emissivity coefficients. */
export interface EmissivitySet {
  id: string;
  citation: string;
  /** NDVI of bare soil NDVIs and of full vegetation NDVIv (Sobrino et al. 2004: 0.2 and 0.5). */
  ndviSoil: number;
  ndviVegetation: number;
  /** Geometric (shape) factor F of the cavity term; Sobrino et al. 2004 give a mean of 0.55. */
  cavityShapeFactor: number;
  /** Coefficients per thermal band name (`B10`, `B11`, `B6`, `B6_VCID_1`…). */
  bands: Readonly<Record<string, BandEmissivityCoefficients>>;
}

// Water: nadir emissivity of a calm water surface at ~11 um and ~12 um, rounded to 0.991 and
// 0.986 (Masuda, Takashima & Takayama 1988, Remote Sens. Environ. 24, 313-329).
const WATER_11UM = 0.991;
const WATER_12UM = 0.986;

// Sobrino, Jiménez-Muñoz & Paolini 2004, Remote Sens. Environ. 90, 434-440 (NDVI-threshold
// method): TM band 6 εs = 0.97, εv = 0.99, bare soil ε = 0.979 − 0.035·ρred, F = 0.55.
const TM_BAND6: BandEmissivityCoefficients = {
  soilEmissivity: 0.97,
  vegetationEmissivity: 0.99,
  soilFromRed: { intercept: 0.979, slope: 0.035 },
  waterEmissivity: WATER_11UM,
};

/** Sobrino et al. 2004 for the single broad thermal band of TM and ETM+. */
export const SOBRINO_2004_TM: EmissivitySet = {
  id: 'sobrino-2004',
  citation: 'Sobrino, Jiménez-Muñoz & Paolini 2004, Remote Sens. Environ. 90, 434-440',
  ndviSoil: 0.2,
  ndviVegetation: 0.5,
  cavityShapeFactor: 0.55,
  bands: { B6: TM_BAND6, B6_VCID_1: TM_BAND6, B6_VCID_2: TM_BAND6 },
};

/**
 * Skoković et al. 2014 (Calibration and validation of land surface temperature for Landsat8-TIRS
 * sensor, ESA LPVE 2014), soil and vegetation emissivities of TIRS bands 10 and 11 (as used by
 * Rongali et al. 2018, J. Geovis. Spat. Anal. 2:14). They give no soil-from-red relation, so the
 * soil constant is used below NDVIs.
 */
export const SKOKOVIC_2014_TIRS: EmissivitySet = {
  id: 'skokovic-2014',
  citation: 'Skoković, Sobrino, Jiménez-Muñoz et al. 2014, ESA LPVE 2014 (TIRS B10/B11)',
  ndviSoil: 0.2,
  ndviVegetation: 0.5,
  cavityShapeFactor: 0.55,
  bands: {
    B10: {
      soilEmissivity: 0.971,
      vegetationEmissivity: 0.987,
      soilFromRed: null,
      waterEmissivity: WATER_11UM,
    },
    B11: {
      soilEmissivity: 0.977,
      vegetationEmissivity: 0.989,
      soilFromRed: null,
      waterEmissivity: WATER_12UM,
    },
  },
};

/**
 * Yu, Guo & Wu 2014, Remote Sens. 6, 9829-9852: TIRS emissivities from ASTER
 * spectral-library spectra convolved with the TIRS responses; bare soil from red reflectance.
 */
export const YU_2014_TIRS: EmissivitySet = {
  id: 'yu-2014',
  citation: 'Yu, Guo & Wu 2014, Remote Sens. 6, 9829-9852',
  ndviSoil: 0.2,
  ndviVegetation: 0.5,
  cavityShapeFactor: 0.55,
  bands: {
    B10: {
      soilEmissivity: 0.9668,
      vegetationEmissivity: 0.9863,
      soilFromRed: { intercept: 0.973, slope: 0.047 },
      waterEmissivity: WATER_11UM,
    },
    B11: {
      soilEmissivity: 0.9747,
      vegetationEmissivity: 0.9896,
      soilFromRed: { intercept: 0.984, slope: 0.026 },
      waterEmissivity: WATER_12UM,
    },
  },
};

/** Every emissivity set by id. */
export const EMISSIVITY_SETS: Readonly<Record<string, EmissivitySet>> = {
  [SOBRINO_2004_TM.id]: SOBRINO_2004_TM,
  [SKOKOVIC_2014_TIRS.id]: SKOKOVIC_2014_TIRS,
  [YU_2014_TIRS.id]: YU_2014_TIRS,
};

/** The default set of a sensor: Skoković 2014 for TIRS, Sobrino 2004 for TM/ETM+; null otherwise. */
export function defaultEmissivitySetId(sensor: SensorId): string | null {
  switch (sensor) {
    case 'landsat8-oli-tirs':
    case 'landsat9-oli-tirs':
      return SKOKOVIC_2014_TIRS.id;
    case 'landsat5-tm':
    case 'landsat7-etm':
      return SOBRINO_2004_TM.id;
    default:
      return null;
  }
}
