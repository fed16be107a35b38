/**
 * What a retrieval needs to know about a scene's bands: its product level, which bands it has,
 * and each band's calibration (MTL first, then the sensor profile), with typed errors that name
 * the missing band or field.
 */
import { MetadataError, MissingBandError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import {
  findBandProfile,
  handbookThermalConstants,
  level2Scaling,
  type ProductLevel,
  type ThermalConstants,
} from './sensors.js';

/** Product level of a scene: its own, the MTL's, or L2 when any band is an SR_/ST_ band. */
export function sceneLevel(scene: SceneDescription): ProductLevel {
  const level = scene.level ?? scene.metadata?.level ?? null;
  if (level !== null) return level;
  return scene.bands.some((band) => /^(SR|ST)_/.test(band.name)) ? 'L2' : 'L1';
}

/** Band names of a scene, in scene order. */
export function sceneBandNames(scene: SceneDescription): string[] {
  return scene.bands.map((band) => band.name);
}

/**
 * Throws MissingBandError unless the scene has every band in `required`. The message lists what
 * is needed and what the scene has: "split-window LST needs bands B10, B11, B4, B5; the scene has
 * B2, B3".
 */
export function requireBands(
  product: string,
  required: readonly string[],
  scene: SceneDescription,
): void {
  const available = sceneBandNames(scene);
  if (required.every((name) => available.includes(name))) return;
  throw new MissingBandError(
    `${product} needs bands ${required.join(', ')}; the scene has ${describeBands(available)}`,
    { required: [...required], available },
  );
}

/** A band list for messages: "B2, B3", or "no bands". */
export function describeBands(names: readonly string[]): string {
  return names.length === 0 ? 'no bands' : names.join(', ');
}

/** Radiance rescaling (RADIANCE_MULT/ADD_BAND_n) of a Level-1 band from the MTL. */
export function radianceRescaling(
  scene: SceneDescription,
  bandName: string,
): { mult: number; add: number } {
  const calibration = scene.metadata?.bands[bandName];
  const mult = calibration?.radianceMult ?? null;
  const add = calibration?.radianceAdd ?? null;
  if (mult === null || add === null) {
    throw new MetadataError(
      `the scene's MTL has no radiance rescaling (RADIANCE_MULT/ADD) for band ${bandName}`,
      { band: bandName, sceneId: scene.sceneId },
    );
  }
  return { mult, add };
}

/** Reflectance rescaling (REFLECTANCE_MULT/ADD_BAND_n) of a band, or null when the MTL lacks it. */
export function reflectanceRescaling(
  scene: SceneDescription,
  bandName: string,
): { mult: number; add: number } | null {
  const calibration = scene.metadata?.bands[bandName];
  const mult = calibration?.reflectanceMult ?? null;
  const add = calibration?.reflectanceAdd ?? null;
  return mult === null || add === null ? null : { mult, add };
}

/**
 * K1/K2 of a thermal band: the first of `bandNames` with constants in the MTL (an L2 MTL keeps
 * them, under LEVEL1_THERMAL_CONSTANTS, for the Level-1 band, e.g. `B10`), then the sensor
 * handbook's; MetadataError when neither has them.
 */
export function thermalConstants(
  scene: SceneDescription,
  bandNames: readonly string[],
): ThermalConstants {
  for (const name of bandNames) {
    const calibration = scene.metadata?.bands[name];
    if (calibration?.k1 != null && calibration.k2 != null) {
      return { k1: calibration.k1, k2: calibration.k2 };
    }
  }
  for (const name of bandNames) {
    const handbook = handbookThermalConstants(scene.sensor, name);
    if (handbook !== null) return handbook;
  }
  throw new MetadataError(
    `the scene's MTL has no thermal constants K1/K2 for band ${bandNames.join(' or ')}`,
    { bands: [...bandNames], sceneId: scene.sceneId },
  );
}

/**
 * Level-2 scaling of a band (physical = mult·DN + add): the MTL's where present (ST_B10,
 * SR_Bn), else the sensor profile's (ST_TRAD ×0.001, ST_ATRAN ×0.0001…).
 */
export function level2BandScaling(
  scene: SceneDescription,
  bandName: string,
): { mult: number; add: number } {
  const calibration = scene.metadata?.bands[bandName];
  if (calibration?.level2Mult != null && calibration.level2Add != null) {
    return { mult: calibration.level2Mult, add: calibration.level2Add };
  }
  const profile = level2Scaling(scene.sensor, bandName);
  if (profile !== null) return { mult: profile.mult, add: profile.add };
  throw new MetadataError(
    `no Level-2 scaling is known for band ${bandName} of a ${scene.sensor} scene`,
    {
      band: bandName,
      sensor: scene.sensor,
    },
  );
}

/** The stored fill value of a band from the sensor profile (L1 DN 0, ST_TRAD −9999…), or null. */
export function bandFillValue(scene: SceneDescription, bandName: string): number | null {
  return findBandProfile(scene.sensor, bandName)?.fillValue ?? null;
}
