/**
 * The NDVI step shared by the LST methods and the NDVI product: which bands to read, and how to
 * turn one block of their DN into NDVI and red reflectance, for Level-1 (TOA reflectance from
 * the MTL's REFLECTANCE_MULT/ADD, or from radiance and ESUN for older TM/ETM+ MTLs) and Level-2
 * scenes (surface reflectance SR_Bn).
 */
import { MetadataError, MissingBandError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { blockBand as band, type BlockBands } from './block-runner.js';
import { dnToRadiance, dnToToaReflectance, scaleDn } from './brightness-temperature.js';
import { ESUN_RED_NIR, ndvi, ndviFromRadiance } from './ndvi.js';
import {
  level2BandScaling,
  radianceRescaling,
  reflectanceRescaling,
  sceneBandNames,
} from './scene-bands.js';
import { nirBandName, redBandName, type ProductLevel } from './sensors.js';

/** NDVI and red reflectance of one block. */
export interface NdviBlock {
  ndvi: Float32Array;
  redReflectance: Float32Array;
}

/** The NDVI step of a product. */
export interface NdviStep {
  red: string;
  nir: string;
  notes: string[];
  compute: (bands: BlockBands) => NdviBlock;
}

/** Red and NIR band names of the scene's sensor at a level; MissingBandError for generic scenes. */
export function redNirNames(
  scene: SceneDescription,
  level: ProductLevel,
): { red: string; nir: string } {
  const red = redBandName(scene.sensor, level);
  const nir = nirBandName(scene.sensor, level);
  if (red === null || nir === null) {
    throw new MissingBandError(
      `NDVI needs red and near-infrared bands; a ${scene.sensor} scene names none`,
      { required: ['red', 'nir'], available: sceneBandNames(scene) },
    );
  }
  return { red, nir };
}

function level2Step(scene: SceneDescription, red: string, nir: string): NdviStep {
  const redScale = level2BandScaling(scene, red);
  const nirScale = level2BandScaling(scene, nir);
  return {
    red,
    nir,
    notes: [`NDVI from Level-2 surface reflectance ${red}, ${nir}`],
    compute: (bands) => {
      // Fill values are already NaN (the block runner masks them).
      const redReflectance = scaleDn(band(bands, red), redScale.mult, redScale.add, null);
      const nirReflectance = scaleDn(band(bands, nir), nirScale.mult, nirScale.add, null);
      return { ndvi: ndvi(redReflectance, nirReflectance), redReflectance };
    },
  };
}

function radianceStep(scene: SceneDescription, red: string, nir: string): NdviStep | null {
  const esun = ESUN_RED_NIR[scene.sensor];
  if (esun === undefined) return null;
  const redRadiance = radianceRescaling(scene, red);
  const nirRadiance = radianceRescaling(scene, nir);
  const sunElevationDeg = scene.metadata?.sunElevationDeg ?? 90;
  const sunFactor = Math.sin((sunElevationDeg * Math.PI) / 180);
  return {
    red,
    nir,
    notes: [
      `NDVI from TOA reflectance computed as π·L/(ESUN·sin(sun elevation)) at 1 AU ` +
        `(the MTL has no reflectance rescaling; ESUN: Chander et al. 2009, Table 2)`,
    ],
    compute: (bands) => {
      const redL = dnToRadiance(band(bands, red), redRadiance.mult, redRadiance.add);
      const nirL = dnToRadiance(band(bands, nir), nirRadiance.mult, nirRadiance.add);
      const redReflectance = redL.map((l) => (Math.PI * l) / (esun.red * sunFactor));
      return { ndvi: ndviFromRadiance(redL, nirL, esun), redReflectance };
    },
  };
}

function reflectanceStep(scene: SceneDescription, red: string, nir: string): NdviStep {
  const redRescale = reflectanceRescaling(scene, red);
  const nirRescale = reflectanceRescaling(scene, nir);
  if (redRescale === null || nirRescale === null) {
    const fallback = radianceStep(scene, red, nir);
    if (fallback !== null) return fallback;
    const missing = redRescale === null ? red : nir;
    throw new MetadataError(
      `the scene's MTL has no reflectance rescaling (REFLECTANCE_MULT/ADD) for band ${missing}`,
      { band: missing, sceneId: scene.sceneId },
    );
  }
  const sunElevationDeg = scene.metadata?.sunElevationDeg ?? null;
  return {
    red,
    nir,
    notes: [`NDVI from top-of-atmosphere reflectance ${red}, ${nir} (no atmospheric correction)`],
    compute: (bands) => {
      const redDn = band(bands, red);
      const redReflectance = dnToToaReflectance(
        redDn,
        redRescale.mult,
        redRescale.add,
        sunElevationDeg,
      );
      const nirReflectance = dnToToaReflectance(
        band(bands, nir),
        nirRescale.mult,
        nirRescale.add,
        sunElevationDeg,
      );
      return { ndvi: ndvi(redReflectance, nirReflectance), redReflectance };
    },
  };
}

/** The NDVI step of a scene at a level (bands are checked by the caller). */
export function ndviStep(scene: SceneDescription, level: ProductLevel): NdviStep {
  const { red, nir } = redNirNames(scene, level);
  return level === 'L2' ? level2Step(scene, red, nir) : reflectanceStep(scene, red, nir);
}
