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
  /** ε = intercept + slope·Pv for mixed pixels, used by the `linear` mixed-pixel model only. */
  mixedLinear?: { intercept: number; slope: number };
}

/**
 * How a mixed pixel (NDVIs ≤ NDVI ≤ NDVIv) is computed from the vegetation proportion Pv:
 * - `sobrino-cavity`: εv·Pv + εs·(1 − Pv) + (1 − εs)·εv·F·(1 − Pv) (Sobrino et al. 2004, eq. 5);
 * - `valor-caselles`: εv·Pv + εs·(1 − Pv) + 4·⟨dε⟩·Pv·(1 − Pv) (Valor & Caselles 1996);
 * - `linear`: intercept + slope·Pv with the band's `mixedLinear` (Sobrino et al. 2008).
 */
export type MixedPixelModel =
  | { kind: 'sobrino-cavity' }
  | { kind: 'valor-caselles'; meanCavityTerm: number }
  | { kind: 'linear' };

/** A named set of NDVI-threshold emissivity coefficients. */
export interface EmissivitySet {
  id: string;
  citation: string;
  /** Mixed-pixel model; the Sobrino 2004 cavity term when absent. */
  mixedPixelModel?: MixedPixelModel;
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

// Sobrino, Jiménez-Muñoz, Sòria et al. 2008, IEEE TGRS 46(2), 316-327 (NDVI-thresholds method
// adapted to several sensors): for TM band 6 the mixed-pixel emissivity is written linearly in Pv,
// ε = 0.986 + 0.004·Pv, with bare soil 0.979 − 0.035·ρred and full vegetation 0.99. These values
// are as implemented by third-party code citing Sobrino 2008; the paper's tables could not be
// checked offline.
const TM_BAND6_2008: BandEmissivityCoefficients = {
  ...TM_BAND6,
  mixedLinear: { intercept: 0.986, slope: 0.004 },
};

/** Sobrino et al. 2008 for TM/ETM+ band 6: linear mixed-pixel relation (values: see above). */
export const SOBRINO_2008_TM: EmissivitySet = {
  id: 'sobrino-2008',
  citation: 'Sobrino, Jiménez-Muñoz, Sòria et al. 2008, IEEE TGRS 46(2), 316-327',
  mixedPixelModel: { kind: 'linear' },
  ndviSoil: 0.2,
  ndviVegetation: 0.5,
  cavityShapeFactor: 0.55,
  bands: { B6: TM_BAND6_2008, B6_VCID_1: TM_BAND6_2008, B6_VCID_2: TM_BAND6_2008 },
};

// Valor & Caselles 1996, Remote Sens. Environ. 57, 167-184 (vegetation cover method):
// ε = εv·Pv + εg·(1 − Pv) + 4·⟨dε⟩·Pv·(1 − Pv) with εv = 0.985, εg = 0.960 and ⟨dε⟩ = 0.015 for
// the 10.5-12.5 µm window, values as used by third-party implementations (not checked against the
// paper offline). The paper derives Pv from NDVI with its own scaling; here Pv is the set's
// Carlson & Ripley (1997) proportion with NDVIs = 0.2, NDVIv = 0.5. The coefficients are broadband
// (one window), so the same values serve TM/ETM+ B6 and TIRS B10/B11.
const VALOR_CASELLES_WINDOW: BandEmissivityCoefficients = {
  soilEmissivity: 0.96,
  vegetationEmissivity: 0.985,
  soilFromRed: null,
  waterEmissivity: WATER_11UM,
};

/** Valor & Caselles 1996 vegetation cover method with its cavity term 4⟨dε⟩Pv(1 − Pv). */
export const VALOR_CASELLES_1996: EmissivitySet = {
  id: 'valor-caselles-1996',
  citation: 'Valor & Caselles 1996, Remote Sens. Environ. 57, 167-184',
  mixedPixelModel: { kind: 'valor-caselles', meanCavityTerm: 0.015 },
  ndviSoil: 0.2,
  ndviVegetation: 0.5,
  cavityShapeFactor: 0.55,
  bands: {
    B6: VALOR_CASELLES_WINDOW,
    B6_VCID_1: VALOR_CASELLES_WINDOW,
    B6_VCID_2: VALOR_CASELLES_WINDOW,
    B10: VALOR_CASELLES_WINDOW,
    B11: { ...VALOR_CASELLES_WINDOW, waterEmissivity: WATER_12UM },
  },
};

/** Every emissivity set by id. */
export const EMISSIVITY_SETS: Readonly<Record<string, EmissivitySet>> = {
  [SOBRINO_2004_TM.id]: SOBRINO_2004_TM,
  [SOBRINO_2008_TM.id]: SOBRINO_2008_TM,
  [SKOKOVIC_2014_TIRS.id]: SKOKOVIC_2014_TIRS,
  [YU_2014_TIRS.id]: YU_2014_TIRS,
  [VALOR_CASELLES_1996.id]: VALOR_CASELLES_1996,
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
