/**
 * Level-1 calibration of the four bands a split-window LST reads (two thermal, red, NIR), as
 * plain numbers for the DN kernel (USGS Landsat 8 Data Users Handbook, LSDS-1574, section 5:
 * L = ML·Q + AL, Tb = K2/ln(K1/L + 1), ρ = (Mρ·Q + Aρ)/sin θsun). Plain data: it crosses
 * worker-thread boundaries by structured clone.
 */
import { MetadataError } from '../../errors.js';
import type { SceneDescription } from '../../rasters/scene-types.js';
import { radianceRescaling, reflectanceRescaling, thermalConstants } from '../scene-bands.js';

/** DN → radiance → brightness temperature of one thermal band. */
export interface ThermalDnCalibration {
  /** RADIANCE_MULT_BAND_n ML in W/(m2 sr um) per DN. */
  radianceMult: number;
  /** RADIANCE_ADD_BAND_n AL in W/(m2 sr um). */
  radianceAdd: number;
  /** K1 in W/(m2 sr um). */
  k1: number;
  /** K2 in kelvin. */
  k2Kelvin: number;
}

/** DN → top-of-atmosphere reflectance of one reflective band. */
export interface ReflectanceDnCalibration {
  /** REFLECTANCE_MULT_BAND_n Mρ per DN. */
  reflectanceMult: number;
  /** REFLECTANCE_ADD_BAND_n Aρ. */
  reflectanceAdd: number;
}

/** Calibration of the bands read by {@link splitWindowNdviFromDn}. */
export interface SplitWindowDnCalibration {
  thermalI: ThermalDnCalibration;
  thermalJ: ThermalDnCalibration;
  red: ReflectanceDnCalibration;
  nir: ReflectanceDnCalibration;
  /** Sun elevation in degrees (reflectance divided by its sine); null for uncorrected ρ'. */
  sunElevationDeg: number | null;
  /** DN that marks fill in every band (Landsat Level-1: 0). */
  fillDn: number;
}

/** Band names of a Level-1 split-window scene: thermal i, j, red, NIR (L8: B10, B11, B4, B5). */
export interface SplitWindowBandNames {
  thermalI: string;
  thermalJ: string;
  red: string;
  nir: string;
}

/** Landsat Level-1 fill DN (LSDS-1574). */
export const LANDSAT_L1_FILL_DN = 0;

function thermalCalibration(scene: SceneDescription, name: string): ThermalDnCalibration {
  const rescaling = radianceRescaling(scene, name);
  const constants = thermalConstants(scene, [name]);
  return {
    radianceMult: rescaling.mult,
    radianceAdd: rescaling.add,
    k1: constants.k1,
    k2Kelvin: constants.k2,
  };
}

function reflectanceCalibration(scene: SceneDescription, name: string): ReflectanceDnCalibration {
  const rescaling = reflectanceRescaling(scene, name);
  if (rescaling === null) {
    throw new MetadataError(
      `the scene's MTL has no reflectance rescaling (REFLECTANCE_MULT/ADD) for band ${name}`,
      { band: name, sceneId: scene.sceneId },
    );
  }
  return { reflectanceMult: rescaling.mult, reflectanceAdd: rescaling.add };
}

/**
 * The calibration of a Level-1 scene's split-window bands from its MTL; MetadataError when a
 * rescaling or a thermal constant is missing (as the per-block plan in lst-plans.ts).
 */
export function sceneSplitWindowDnCalibration(
  scene: SceneDescription,
  names: SplitWindowBandNames,
): SplitWindowDnCalibration {
  return {
    thermalI: thermalCalibration(scene, names.thermalI),
    thermalJ: thermalCalibration(scene, names.thermalJ),
    red: reflectanceCalibration(scene, names.red),
    nir: reflectanceCalibration(scene, names.nir),
    sunElevationDeg: scene.metadata?.sunElevationDeg ?? null,
    fillDn: LANDSAT_L1_FILL_DN,
  };
}
