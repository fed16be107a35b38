/**
 * Plans of the products other than LST — brightness temperature, emissivity, water vapour, NDVI —
 * and of MODIS LST from a MOD11/MYD11 product's own LST band. Each checks the scene before any
 * pixel is read.
 */
import { InvalidParameterError, MissingBandError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { blockBand } from './block-runner.js';
import { emissivityStep } from './emissivity-step.js';
import type { LstParameters } from './lst-parameters.js';
import type { ProductPlan } from './lst-plans.js';
import { modisPhysicalValues } from './modis.js';
import { ndviStep, redNirNames } from './ndvi-step.js';
import { describeBands, requireBands, sceneBandNames } from './scene-bands.js';
import type { ProductLevel } from './sensors.js';
import { level1ThermalNames, thermalSource } from './thermal-source.js';
import { waterVapourStep } from './water-vapour-step.js';

/** The thermal band a per-band product asks for: `parameters.band` or the sensor's first. */
function productBand(scene: SceneDescription, parameters: LstParameters, what: string): string {
  const thermal = level1ThermalNames(scene);
  const band = parameters.band ?? thermal[0];
  if (band === undefined) {
    throw new MissingBandError(
      `${what} needs a thermal band and a ${scene.sensor} scene has none; it has ` +
        describeBands(sceneBandNames(scene)),
      { required: ['B10', 'B11', 'B6'], available: sceneBandNames(scene) },
    );
  }
  return band;
}

/** Top-of-atmosphere brightness temperature in kelvin of one thermal band. */
export function planBrightnessTemperature(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): ProductPlan {
  const band = thermalSource(
    scene,
    level,
    productBand(scene, parameters, 'brightness temperature'),
    parameters.inversion,
  );
  return {
    label: `${band.name} brightness temperature`,
    inputs: band.inputs,
    parameters: { band: band.name, inversion: band.inversion, thermalConstants: band.constants },
    notes: [band.note],
    compute: (bands) => band.brightnessKelvin(band.radiance(bands)),
    finalNotes: () => [],
  };
}

/** Surface emissivity of one thermal band by the emissivity step. */
export function planEmissivity(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): ProductPlan {
  const band = productBand(scene, parameters, 'emissivity');
  const thermal = level1ThermalNames(scene);
  if (!thermal.includes(band)) {
    throw new InvalidParameterError(
      `${band} is not a thermal band of a ${scene.sensor} scene (thermal: ${thermal.join(', ')})`,
      { band, thermal: [...thermal] },
    );
  }
  const step = emissivityStep(scene, level, parameters, [band]);
  return {
    label: `${band} emissivity`,
    inputs: step.inputs,
    parameters: { band, ...step.parameters },
    notes: step.notes,
    compute: (bands) => step.compute(bands)[0] as Float32Array,
    finalNotes: () => [],
  };
}

/** Column water vapour in g/cm2 by the water-vapour step (default: covariance ratio). */
export function planWaterVapour(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): ProductPlan {
  const step = waterVapourStep(scene, level, {
    ...parameters,
    waterVapourSource: parameters.waterVapourSource ?? 'covariance-ratio',
  });
  return {
    label: 'water vapour',
    inputs: step.inputs,
    parameters: step.parameters,
    notes: step.notes,
    haloRows: step.haloRows,
    compute: (bands, window) => {
      const values = step.compute(bands, window);
      return typeof values === 'number'
        ? new Float32Array(window.width * window.height).fill(values)
        : values;
    },
    finalNotes: () => [],
  };
}

/** NDVI: TOA reflectance for Level 1, surface reflectance SR_Bn for Level 2. */
export function planNdvi(scene: SceneDescription, level: ProductLevel): ProductPlan {
  const { red, nir } = redNirNames(scene, level);
  requireBands('NDVI', [red, nir], scene);
  const step = ndviStep(scene, level);
  return {
    label: 'NDVI',
    inputs: [red, nir],
    parameters: { red, nir, level },
    notes: step.notes,
    compute: (bands) => step.compute(bands).ndvi,
    finalNotes: () => [],
  };
}

/** The MOD11/MYD11 LST band of a scene (`LST_Day_1km`, `LST_Night_1km`), or null. */
export function modisLstBand(
  scene: SceneDescription,
  parameters: LstParameters = {},
): string | null {
  const names = sceneBandNames(scene).filter((name) => /^LST_(Day|Night)_1km$/.test(name));
  if (parameters.band !== undefined)
    return names.includes(parameters.band) ? parameters.band : null;
  return names[0] ?? null;
}

/** The MODIS product's own LST (×0.02 K, MOD11 user's guide, Wan 2013), fill and invalid NaN. */
export function planModisLst(scene: SceneDescription, parameters: LstParameters): ProductPlan {
  const band = modisLstBand(scene, parameters);
  if (band === null) {
    throw new MissingBandError(
      `level2 LST on a MODIS scene needs its LST_Day_1km or LST_Night_1km band; the scene has ` +
        describeBands(sceneBandNames(scene)),
      { required: ['LST_Day_1km', 'LST_Night_1km'], available: sceneBandNames(scene) },
    );
  }
  return {
    label: 'MODIS LST',
    inputs: [band],
    parameters: { band, mult: 0.02, add: 0 },
    notes: [`the MODIS product's own LST ${band} = 0.02·DN K (Wan 2013); fill 0 is noData`],
    compute: (bands) => modisPhysicalValues(band, blockBand(bands, band)),
    finalNotes: () => [],
  };
}
