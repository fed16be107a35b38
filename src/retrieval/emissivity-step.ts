/**
 * The emissivity step shared by the LST methods and the emissivity product: per thermal band, one
 * block's surface emissivity by the NDVI-threshold method (a named coefficient set), a land-cover
 * class table (Du et al. 2015, FROM-GLC codes in a scene band), or the Level-2 ST_EMIS band
 * (ASTER GED based, LSDS-1619); water and snow/ice from the QA bits when the scene has them.
 */
import { InvalidParameterError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { blockBand, type BlockBands } from './block-runner.js';
import { scaleDn } from './brightness-temperature.js';
import { ndviThresholdEmissivity } from './emissivity.js';
import {
  applyWaterSnowEmissivity,
  DU_2015_WATER_SNOW_B10,
  DU_2015_WATER_SNOW_B11,
  ERMIDA_2020_WATER_SNOW,
  landCoverEmissivity,
  surfaceClassFromMasks,
  type WaterSnowEmissivity,
} from './emissivity-landcover.js';
import { resolveEmissivitySet, type LstParameters } from './lst-parameters.js';
import { ndviStep, redNirNames } from './ndvi-step.js';
import { findQaBand } from './qa-mask-step.js';
import { snowMask, waterMask } from './qa-masks.js';
import { describeBands, level2BandScaling, requireBands, sceneBandNames } from './scene-bands.js';
import type { ProductLevel } from './sensors.js';

/** Emissivity methods. */
export const EMISSIVITY_METHODS = ['ndvi-threshold', 'land-cover', 'level2'] as const;

/** One emissivity method. */
export type EmissivityMethod = (typeof EMISSIVITY_METHODS)[number];

/** The emissivity step of a product: bands to read, resolved parameters, per-block compute. */
export interface EmissivityStep {
  inputs: string[];
  parameters: Record<string, unknown>;
  notes: string[];
  /** Emissivity of each of the step's thermal bands, in their order, for one block. */
  compute: (bands: BlockBands) => Float32Array[];
}

interface Core {
  inputs: string[];
  parameters: Record<string, unknown>;
  notes: string[];
  compute: (bands: BlockBands, band: string) => Float32Array;
}

function ndviThresholdCore(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
  thermal: readonly string[],
): Core {
  const { red, nir } = redNirNames(scene, level);
  requireBands('NDVI-threshold emissivity', [red, nir], scene);
  const set = resolveEmissivitySet(parameters, scene.sensor, thermal);
  const ndviOf = ndviStep(scene, level);
  return {
    inputs: [red, nir],
    parameters: { emissivityMethod: 'ndvi-threshold', emissivitySet: set.id },
    notes: [
      `emissivity by the NDVI-threshold method (Sobrino et al. 2004; NDVIs ${set.ndviSoil}, ` +
        `NDVIv ${set.ndviVegetation}) with the ${set.id} coefficients (${set.citation}); ` +
        'water (NDVI < 0) constant',
      ...ndviOf.notes,
    ],
    compute: (bands, band) => {
      const { ndvi, redReflectance } = ndviOf.compute(bands);
      return ndviThresholdEmissivity(ndvi, redReflectance, set, band);
    },
  };
}

function landCoverCore(
  scene: SceneDescription,
  parameters: LstParameters,
  thermal: readonly string[],
): Core {
  const classBand = parameters.landCoverBand;
  if (classBand === undefined) {
    throw new InvalidParameterError(
      'land-cover emissivity needs the parameter landCoverBand: the name of a scene band of ' +
        'FROM-GLC class codes (Du et al. 2015, Table 2)',
      { emissivityMethod: 'land-cover' },
    );
  }
  const unsupported = thermal.filter((band) => band !== 'B10' && band !== 'B11');
  if (unsupported.length > 0) {
    throw new InvalidParameterError(
      `the Du 2015 land-cover table covers TIRS B10 and B11 only, not ${unsupported.join(', ')}`,
      { bands: unsupported },
    );
  }
  requireBands('land-cover emissivity', [classBand], scene);
  return {
    inputs: [classBand],
    parameters: { emissivityMethod: 'land-cover', landCoverBand: classBand },
    notes: [`emissivity by land-cover class of ${classBand} (Du et al. 2015, Table 2)`],
    compute: (bands, band) =>
      landCoverEmissivity(blockBand(bands, classBand), band as 'B10' | 'B11'),
  };
}

function level2Core(
  scene: SceneDescription,
  level: ProductLevel,
  thermal: readonly string[],
): Core {
  if (level !== 'L2') {
    throw new InvalidParameterError(
      'level2 emissivity reads the Collection 2 Level-2 band ST_EMIS, and this scene is ' +
        `Level-1 (it has ${describeBands(sceneBandNames(scene))}): upload the L2SP ST_EMIS file, ` +
        'or use emissivityMethod ndvi-threshold',
      { level, required: ['ST_EMIS'], available: sceneBandNames(scene) },
    );
  }
  if (thermal.length !== 1) {
    throw new InvalidParameterError(
      `level2 emissivity: ST_EMIS holds the emissivity of one thermal band, not of ` +
        `${thermal.join(' and ')}: use emissivityMethod ndvi-threshold`,
      { level, bands: [...thermal] },
    );
  }
  requireBands('level2 emissivity', ['ST_EMIS'], scene);
  const { mult, add } = level2BandScaling(scene, 'ST_EMIS');
  return {
    inputs: ['ST_EMIS'],
    parameters: { emissivityMethod: 'level2' },
    notes: ['emissivity from the Level-2 ST_EMIS band (ASTER GED based, LSDS-1619)'],
    compute: (bands) => scaleDn(blockBand(bands, 'ST_EMIS'), mult, add, null),
  };
}

function waterSnowConstants(method: EmissivityMethod, band: string): WaterSnowEmissivity {
  if (method !== 'land-cover') return ERMIDA_2020_WATER_SNOW;
  return band === 'B11' ? DU_2015_WATER_SNOW_B11 : DU_2015_WATER_SNOW_B10;
}

/**
 * The emissivity of `thermal` (Level-1 band names) by `parameters.emissivityMethod` (default
 * ndvi-threshold). With `waterSnowFromQa` (the library's default false, the API's true) water and snow/ice pixels flagged by the
 * QA band get the constants of Ermida et al. 2020 (Du et al. 2015 for land-cover); level2 keeps
 * ST_EMIS as it is.
 */
export function emissivityStep(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
  thermal: readonly string[],
): EmissivityStep {
  const method = parameters.emissivityMethod ?? 'ndvi-threshold';
  const core =
    method === 'land-cover'
      ? landCoverCore(scene, parameters, thermal)
      : method === 'level2'
        ? level2Core(scene, level, thermal)
        : ndviThresholdCore(scene, level, parameters, thermal);
  const qa = method === 'level2' || parameters.waterSnowFromQa !== true ? null : findQaBand(scene);
  const useQa = qa !== null && qa.scheme !== 'modis-lst-qc';
  const qaNote = useQa
    ? [`water and snow/ice pixels from ${qa.name} bits take constant emissivities`]
    : [];

  return {
    inputs: [...core.inputs, ...(useQa ? [qa.name] : [])],
    parameters: { ...core.parameters, waterSnowFromQa: useQa },
    notes: [...core.notes, ...qaNote],
    compute: (bands) => {
      const surface = useQa ? surfaceClasses(bands, qa.name, qa.scheme) : null;
      return thermal.map((band) => {
        const emissivity = core.compute(bands, band);
        return surface === null
          ? emissivity
          : applyWaterSnowEmissivity(emissivity, surface, waterSnowConstants(method, band));
      });
    },
  };
}

function surfaceClasses(
  bands: BlockBands,
  name: string,
  scheme: NonNullable<ReturnType<typeof findQaBand>>['scheme'],
): Uint8Array {
  const qa = blockBand(bands, name);
  const water = safeMask(() => waterMask(qa, scheme));
  const snow = safeMask(() => snowMask(qa, scheme));
  return surfaceClassFromMasks(water, snow, qa.length);
}

/** A QA mask, or null when the scheme has no such flag. */
function safeMask(make: () => Uint8Array): Uint8Array | null {
  try {
    return make();
  } catch (error) {
    if (error instanceof InvalidParameterError) return null;
    throw error;
  }
}
