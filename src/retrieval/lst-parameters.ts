/**
 * Parameters of the LST methods: their domains, defaults and the notes that explain a default.
 */
import { InvalidParameterError } from '../errors.js';
import type { SensorId } from '../rasters/scene-types.js';
import { EMISSIVITY_SETS, defaultEmissivitySetId, type EmissivitySet } from './emissivity-sets.js';

export const LST_METHODS = [
  'split-window',
  'split-window-du2015',
  'single-channel',
  'mono-window',
  'statistical-mono-window',
  'rte',
  'level2',
  'modis-split-window',
  'student',
  'teacher',
] as const;

/**
 * LST retrieval methods: `split-window` (Jiménez-Muñoz et al. 2014), `split-window-du2015`,
 * `single-channel` (generalized, ψ), `mono-window` (Qin 2001), `statistical-mono-window`
 * (Ermida 2020), `rte` (inversion of the radiative transfer equation), `level2` (the USGS ST_B10
 * or MODIS LST of the product itself), `modis-split-window` (refused: no scene holds its inputs),
 * `student` and `teacher` (a network of src/models/lst, planned by planProduct with a catalog).
 */
export type LstMethod = (typeof LST_METHODS)[number];

/** Optional parameters of {@link LstMethod}s; unset ones take the defaults documented here. */
export interface LstParameters {
  /** Column water vapour in g/cm2 (split-window, single-channel); default 2.0. */
  waterVapourGcm2?: number;
  /** Emissivity set id (`skokovic-2014`, `yu-2014`, `sobrino-2004`); default by sensor. */
  emissivitySet?: string;
  /** Band-effective atmospheric transmittance τ in (0, 1] (rte on Level-1 scenes). */
  transmittance?: number;
  /** Upwelling (path) radiance L↑ in W/(m2 sr um) (rte on Level-1 scenes). */
  upwellingRadianceWm2SrUm?: number;
  /** Downwelling sky radiance L↓ in W/(m2 sr um) (rte on Level-1 scenes). */
  downwellingRadianceWm2SrUm?: number;
  /** Pixel flags to mask as noData from the QA band; none by default (the API: cloud, fill). */
  mask?: string[];
  /** Radiance to temperature: `k1k2` (default) or `band-integrated` (spectral response). */
  inversion?: 'k1k2' | 'band-integrated';
  /**
   * Range rule of a Level-2 band-integrated RTE: `open` (default: radiance ≤ 0 is noData) or
   * `usgs-st` (USGS's 150–373 K clamp, to reproduce ST_B10; see rte.ts).
   */
  stRange?: 'open' | 'usgs-st';
  /** `ndvi-threshold` (default), `land-cover` (needs landCoverBand) or `level2` (ST_EMIS). */
  emissivityMethod?: 'ndvi-threshold' | 'land-cover' | 'level2';
  /** Scene band of FROM-GLC class codes, for emissivityMethod `land-cover`. */
  landCoverBand?: string;
  /** Water and snow/ice emissivity from the QA bits when the scene has them (API default true). */
  waterSnowFromQa?: boolean;
  /**
   * Where water vapour comes from: `constant`, `band`, `covariance-ratio` (B10/B11) or
   * `from-transmittance` (Level 2: ST_ATRAN, per pixel). Default `constant`.
   */
  waterVapourSource?: 'constant' | 'band' | 'covariance-ratio' | 'from-transmittance';
  /** Scene band of column water vapour, for waterVapourSource `band`. */
  waterVapourBand?: string;
  /** Unit of waterVapourBand's physical values (after scale/offset); default g/cm2. */
  waterVapourUnit?: 'g/cm2' | 'cm' | 'kg/m2' | 'mm';
  /** physical = scale·stored + offset for waterVapourBand; default 1 and 0. */
  waterVapourScale?: number;
  waterVapourOffset?: number;
  /** Moving-window side in pixels for the covariance ratio (odd, 3-101); default 11. */
  covarianceWindowPx?: number;
  /** Thermal band of an emissivity or brightness-temperature product, e.g. `B11`. */
  band?: string;
  /** Near-surface air temperature in kelvin (mono-window, Qin et al. 2001). */
  airTemperatureKelvin?: number;
  /** Standard atmosphere of the mono-window mean-temperature relation; default mid-latitude-summer. */
  standardAtmosphere?: 'usa-1976' | 'tropical' | 'mid-latitude-summer' | 'mid-latitude-winter';
}

/**
 * Default column water vapour, 2.0 g/cm2: the middle of the 0-3 g/cm2 range over which the
 * Jiménez-Muñoz et al. (2009, 2014) ψ and split-window coefficients are most accurate, and close
 * to the global mean total column water vapour (~2.5 g/cm2, Trenberth, Fasullo & Smith 2005,
 * Clim. Dyn. 24, 741-758). Humid summer scenes often hold 3-5 g/cm2: pass the measured value.
 */
export const DEFAULT_WATER_VAPOUR_GCM2 = 2.0;

/** Largest accepted water vapour: above the wettest columns observed (~7 g/cm2). */
export const MAX_WATER_VAPOUR_GCM2 = 8;

/** Water vapour above which the ψ coefficients lose accuracy (Jiménez-Muñoz et al. 2009, 2014). */
export const ACCURATE_WATER_VAPOUR_MAX_GCM2 = 3;

/** A resolved water vapour with its provenance and any note about it. */
export interface ResolvedWaterVapour {
  waterVapourGcm2: number;
  source: 'parameter' | 'default';
  notes: string[];
}

/** The water vapour to use: the parameter (checked) or the default, with notes. */
export function resolveWaterVapour(parameters: LstParameters): ResolvedWaterVapour {
  const given = parameters.waterVapourGcm2;
  if (given === undefined) {
    return {
      waterVapourGcm2: DEFAULT_WATER_VAPOUR_GCM2,
      source: 'default',
      notes: [
        `column water vapour not given: the default ${DEFAULT_WATER_VAPOUR_GCM2} g/cm2 was used ` +
          `(the retrieval is sensitive to it: pass the measured waterVapourGcm2)`,
      ],
    };
  }
  if (!Number.isFinite(given) || given < 0 || given > MAX_WATER_VAPOUR_GCM2) {
    throw new InvalidParameterError(
      `waterVapourGcm2 must be within 0-${MAX_WATER_VAPOUR_GCM2} g/cm2, got ${given}`,
      { waterVapourGcm2: given },
    );
  }
  const notes =
    given > ACCURATE_WATER_VAPOUR_MAX_GCM2
      ? [
          `water vapour ${given} g/cm2 is above ${ACCURATE_WATER_VAPOUR_MAX_GCM2} g/cm2, where the ` +
            `Jiménez-Muñoz coefficients lose accuracy (errors of several K are possible)`,
        ]
      : [];
  return { waterVapourGcm2: given, source: 'parameter', notes };
}

/** The emissivity set to use for `thermalBands`: the parameter or the sensor's default. */
export function resolveEmissivitySet(
  parameters: LstParameters,
  sensor: SensorId,
  thermalBands: readonly string[],
): EmissivitySet {
  const id = parameters.emissivitySet ?? defaultEmissivitySetId(sensor);
  const known = Object.keys(EMISSIVITY_SETS).join(', ');
  if (id === null) {
    throw new InvalidParameterError(`no emissivity set applies to a ${sensor} scene`, { sensor });
  }
  const set = EMISSIVITY_SETS[id];
  if (set === undefined) {
    throw new InvalidParameterError(`unknown emissivitySet "${id}"; known sets: ${known}`, {
      emissivitySet: id,
      known: Object.keys(EMISSIVITY_SETS),
    });
  }
  const missing = thermalBands.filter((band) => set.bands[band] === undefined);
  if (missing.length > 0) {
    throw new InvalidParameterError(
      `emissivity set ${id} has no coefficients for band ${missing.join(', ')} ` +
        `(it covers ${Object.keys(set.bands).join(', ')})`,
      { emissivitySet: id, bands: missing },
    );
  }
  return set;
}

/** The atmosphere of an rte retrieval on a Level-1 scene, from the parameters. */
export interface ScalarAtmosphere {
  transmittance: number;
  upwellingRadianceWm2SrUm: number;
  downwellingRadianceWm2SrUm: number;
}

/** The parameters' atmosphere, checked; InvalidParameterError naming what is missing or wrong. */
export function resolveScalarAtmosphere(parameters: LstParameters): ScalarAtmosphere {
  const {
    transmittance,
    upwellingRadianceWm2SrUm: up,
    downwellingRadianceWm2SrUm: down,
  } = parameters;
  if (transmittance === undefined || up === undefined || down === undefined) {
    throw new InvalidParameterError(
      'rte LST on a Level-1 scene needs the parameters transmittance, upwellingRadianceWm2SrUm ' +
        'and downwellingRadianceWm2SrUm (e.g. from an atmospheric correction calculator)',
      { transmittance, upwellingRadianceWm2SrUm: up, downwellingRadianceWm2SrUm: down },
    );
  }
  if (!(transmittance > 0 && transmittance <= 1)) {
    throw new InvalidParameterError(`transmittance must be within (0, 1], got ${transmittance}`, {
      transmittance,
    });
  }
  if (!(up >= 0) || !(down >= 0)) {
    throw new InvalidParameterError(
      `atmospheric radiances must be ≥ 0 W/(m2 sr um), got up ${up} and down ${down}`,
      { upwellingRadianceWm2SrUm: up, downwellingRadianceWm2SrUm: down },
    );
  }
  return { transmittance, upwellingRadianceWm2SrUm: up, downwellingRadianceWm2SrUm: down };
}
