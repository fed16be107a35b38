/**
 * A thermal band made ready for per-block radiance and brightness temperature, on either product
 * level: Level-1 DN through the MTL's RADIANCE_MULT/ADD, or the Level-2 ST_TRAD band (TOA
 * radiance ×0.001, LSDS-1619) with the Level-1 band's K1/K2 kept in the L2 MTL. The temperature
 * is the K1/K2 form (Landsat Handbook eq. 5-3) or the band-integrated Planck inversion through the
 * band's spectral response.
 */
import { InvalidParameterError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { blockBand, type BlockBands } from './block-runner.js';
import {
  dnToRadiance,
  outputArray,
  radianceToBrightnessTemperature,
  scaleDn,
} from './brightness-temperature.js';
import { bandBrightnessTemperature } from './planck.js';
import type { RTE_INVERSIONS } from './rte.js';
import {
  level2BandScaling,
  radianceRescaling,
  requireBands,
  thermalConstants,
} from './scene-bands.js';
import { thermalBandNames, type ProductLevel, type ThermalConstants } from './sensors.js';
import { spectralResponseForBand } from './thermal-bands.js';

/** How a radiance becomes a brightness temperature. */
export type BrightnessInversion = (typeof RTE_INVERSIONS)[number];

/** A thermal band of a scene, per block. */
export interface ThermalSource {
  /** Level-1 band name (`B10`, `B6`), also on Level-2 scenes. */
  name: string;
  /** Bands read: the band itself (L1) or ST_TRAD (L2). */
  inputs: string[];
  constants: ThermalConstants;
  inversion: BrightnessInversion;
  /** TOA radiance in W/(m2 sr um) of one block. */
  radiance: (bands: BlockBands) => Float32Array;
  /** Brightness temperature in kelvin of one block's radiance. */
  brightnessKelvin: (radianceWm2SrUm: Float32Array) => Float32Array;
  note: string;
}

function inversionOf(
  scene: SceneDescription,
  name: string,
  inversion: BrightnessInversion,
  constants: ThermalConstants,
): (radiance: Float32Array) => Float32Array {
  if (inversion === 'k1k2')
    return (radiance) => radianceToBrightnessTemperature(radiance, constants);
  const srf = spectralResponseForBand(scene.sensor, name);
  if (srf === null) {
    throw new InvalidParameterError(
      `band-integrated inversion needs the spectral response of ${name}; a ${scene.sensor} ` +
        'scene has none: use inversion k1k2',
      { sensor: scene.sensor, band: name },
    );
  }
  return (radiance) => {
    const out = outputArray(radiance.length);
    for (let i = 0; i < radiance.length; i++) {
      out[i] = bandBrightnessTemperature(srf, radiance[i] as number);
    }
    return out;
  };
}

/** The Level-1 thermal band names of the scene's sensor. */
export function level1ThermalNames(scene: SceneDescription): readonly string[] {
  return thermalBandNames(scene.sensor, 'L1');
}

/**
 * The thermal source of band `name` (a Level-1 name: `B10`, `B11`, `B6`, `B6_VCID_1`).
 * Throws MissingBandError when the band (L1) or ST_TRAD (L2) is missing, MetadataError when
 * calibration is missing, InvalidParameterError when `name` is not a thermal band of the sensor or
 * a Level-2 scene is asked for a band other than the one ST_TRAD holds.
 */
export function thermalSource(
  scene: SceneDescription,
  level: ProductLevel,
  name: string,
  inversion: BrightnessInversion = 'k1k2',
): ThermalSource {
  const thermal = level1ThermalNames(scene);
  if (!thermal.includes(name)) {
    throw new InvalidParameterError(
      `${name} is not a thermal band of a ${scene.sensor} scene (thermal: ${thermal.join(', ') || 'none'})`,
      { band: name, thermal: [...thermal] },
    );
  }
  const constants = thermalConstants(scene, [name]);
  const brightnessKelvin = inversionOf(scene, name, inversion, constants);
  const how = inversion === 'k1k2' ? 'K1/K2' : 'band-integrated Planck inversion';
  if (level === 'L1') {
    requireBands(`${name} brightness temperature`, [name], scene);
    const { mult, add } = radianceRescaling(scene, name);
    return {
      name,
      inputs: [name],
      constants,
      inversion,
      radiance: (bands) => dnToRadiance(blockBand(bands, name), mult, add),
      brightnessKelvin,
      note: `${name} brightness temperature from DN (RADIANCE_MULT/ADD) by ${how}`,
    };
  }
  if (name !== thermal[0]) {
    throw new InvalidParameterError(
      `a Level-2 scene's ST_TRAD holds the radiance of ${thermal[0]} only, not ${name}`,
      { band: name },
    );
  }
  requireBands(`${name} brightness temperature`, ['ST_TRAD'], scene);
  const { mult, add } = level2BandScaling(scene, 'ST_TRAD');
  return {
    name,
    inputs: ['ST_TRAD'],
    constants,
    inversion,
    radiance: (bands) => scaleDn(blockBand(bands, 'ST_TRAD'), mult, add, null),
    brightnessKelvin,
    note: `${name} brightness temperature from the Level-2 TOA radiance ST_TRAD by ${how}`,
  };
}
