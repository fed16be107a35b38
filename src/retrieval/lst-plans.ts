/**
 * Plans of the LST methods: for a scene and parameters, which bands to read, the resolved
 * parameters and notes, and the per-block computation. Each plan checks its bands and
 * calibration up front, so errors come before any pixel is read.
 */
import type { SceneDescription } from '../rasters/scene-types.js';
import type { PixelWindow } from '../rasters/types.js';
import { emissivityStep } from './emissivity-step.js';
import { thermalSource } from './thermal-source.js';
import type { ProductLevel } from './sensors.js';
import { blockBand, type BlockBands } from './block-runner.js';
import { dnToRadiance, radianceToBrightnessTemperature } from './brightness-temperature.js';
import { ndviThresholdEmissivity } from './emissivity.js';
import type { EmissivitySet } from './emissivity-sets.js';
import {
  resolveEmissivitySet,
  resolveScalarAtmosphere,
  resolveWaterVapour,
  type LstParameters,
} from './lst-parameters.js';
import { ndviStep, redNirNames, type NdviStep } from './ndvi-step.js';
import { rteInversion } from './rte.js';
import { radianceRescaling, requireBands, thermalConstants } from './scene-bands.js';
import {
  atmosphericFunctions,
  bGammaKelvin,
  singleChannelCoefficientsFor,
  singleChannelLst,
  singleChannelLstKelvin,
  type SingleChannelCoefficients,
} from './single-channel.js';
import { JIMENEZ_MUNOZ_2014_SPLIT_WINDOW, splitWindowLst } from './split-window.js';
import { findBandProfile, thermalBandNames, type ThermalConstants } from './sensors.js';
import { InvalidParameterError } from '../errors.js';
import { waterVapourStep } from './water-vapour-step.js';

/** A planned product run. */
export interface ProductPlan {
  /** Product name for messages, e.g. "split-window LST". */
  label: string;
  inputs: string[];
  parameters: Record<string, unknown>;
  notes: string[];
  /** One block's values over `window` (the block plus any halo rows). */
  compute: (bands: BlockBands, window: PixelWindow) => Float32Array;
  /** Rows of context above and below each block (moving-window steps); default 0. */
  haloRows?: number;
  /** Notes known only after every block ran (counts of pixels without a value…). */
  finalNotes: () => string[];
}

/** A Level-1 thermal band made ready for per-block brightness temperatures. */
interface ThermalBand {
  name: string;
  constants: ThermalConstants;
  radiance: (bands: BlockBands) => Float32Array;
}

function thermalBand(scene: SceneDescription, name: string): ThermalBand {
  const rescaling = radianceRescaling(scene, name);
  const constants = thermalConstants(scene, [name]);
  return {
    name,
    constants,
    radiance: (bands) => dnToRadiance(blockBand(bands, name), rescaling.mult, rescaling.add),
  };
}

function emissivityNote(set: EmissivitySet): string {
  return (
    `emissivity by the NDVI-threshold method (Sobrino et al. 2004; NDVIs ${set.ndviSoil}, ` +
    `NDVIv ${set.ndviVegetation}) with the ${set.id} coefficients (${set.citation}); water (NDVI < 0) constant`
  );
}

/** A note when Landsat 8 TIRS coefficients are applied to Landsat 9 TIRS-2 data. */
function sensorNotes(scene: SceneDescription): string[] {
  return scene.sensor === 'landsat9-oli-tirs'
    ? [
        'the coefficients were fitted for Landsat 8 TIRS and are applied unchanged to Landsat 9 TIRS-2',
      ]
    : [];
}

/** The first Level-1 thermal band of the sensor that the scene has (L7: VCID_1, then VCID_2). */
function singleThermalBandName(scene: SceneDescription): string {
  const candidates = thermalBandNames(scene.sensor, 'L1');
  const present = candidates.find((name) => scene.bands.some((band) => band.name === name));
  return present ?? candidates[0] ?? 'B10';
}

/**
 * Throws InvalidParameterError when two thermal bands cover the same spectral range: a
 * split-window needs the differential absorption of two channels, and Landsat 7 ETM+ B6_VCID_1 and
 * B6_VCID_2 are one band read at low and high gain.
 */
function checkDistinctThermalBands(scene: SceneDescription, nameI: string, nameJ: string): void {
  const rangeI = findBandProfile(scene.sensor, nameI)?.wavelengthRangeUm ?? null;
  const rangeJ = findBandProfile(scene.sensor, nameJ)?.wavelengthRangeUm ?? null;
  if (rangeI === null || rangeJ === null) return;
  if (rangeI[0] !== rangeJ[0] || rangeI[1] !== rangeJ[1]) return;
  throw new InvalidParameterError(
    `split-window LST needs two thermal bands at different wavelengths; the ${scene.sensor} ` +
      `bands ${nameI} and ${nameJ} both cover ${rangeI[0]}–${rangeI[1]} µm (one band at two ` +
      'gains): use method single-channel or rte',
    { sensor: scene.sensor, thermalBands: [nameI, nameJ] },
  );
}

/** Split-window LST (Jiménez-Muñoz et al. 2014) on a Level-1 Landsat 8/9 scene. */
export function planSplitWindow(scene: SceneDescription, parameters: LstParameters): ProductPlan {
  const thermal = thermalBandNames(scene.sensor, 'L1');
  const [nameI, nameJ] = thermal;
  if (thermal.length !== 2 || nameI === undefined || nameJ === undefined) {
    throw new InvalidParameterError(
      `split-window LST needs two thermal bands; a ${scene.sensor} scene has ${thermal.length}`,
      { sensor: scene.sensor, thermalBands: [...thermal] },
    );
  }
  checkDistinctThermalBands(scene, nameI, nameJ);
  const { red, nir } = redNirNames(scene, 'L1');
  requireBands('split-window LST', [nameI, nameJ, red, nir], scene);
  if (parameters.waterVapourSource !== undefined && parameters.waterVapourSource !== 'constant') {
    // Jiménez-Muñoz et al. 2014 is applied here with one scene water vapour; per-pixel
    // sources go through the Du 2015 split-window, whose coefficients are binned by w.
    throw new InvalidParameterError(
      `split-window LST takes one water vapour (waterVapourSource constant); ` +
        `for '${parameters.waterVapourSource}' use split-window-du2015`,
      { waterVapourSource: parameters.waterVapourSource },
    );
  }

  const water = resolveWaterVapour(parameters);
  const set = resolveEmissivitySet(parameters, scene.sensor, [nameI, nameJ]);
  const bandI = thermalBand(scene, nameI);
  const bandJ = thermalBand(scene, nameJ);
  const ndviOf: NdviStep = ndviStep(scene, 'L1');
  const coefficients = JIMENEZ_MUNOZ_2014_SPLIT_WINDOW;

  return {
    label: 'split-window LST',
    inputs: [nameI, nameJ, red, nir],
    parameters: {
      waterVapourGcm2: water.waterVapourGcm2,
      waterVapourSource: 'constant',
      waterVapourDefaulted: water.source === 'default',
      emissivitySet: set.id,
      coefficients: coefficients.id,
      thermalConstants: { [nameI]: bandI.constants, [nameJ]: bandJ.constants },
    },
    notes: [
      `split-window LST from ${nameI} and ${nameJ} brightness temperatures (${coefficients.citation})`,
      emissivityNote(set),
      ...ndviOf.notes,
      ...water.notes,
      ...sensorNotes(scene),
    ],
    compute: (bands) => {
      const tbI = radianceToBrightnessTemperature(bandI.radiance(bands), bandI.constants);
      const tbJ = radianceToBrightnessTemperature(bandJ.radiance(bands), bandJ.constants);
      const { ndvi, redReflectance } = ndviOf.compute(bands);
      const emissivityI = ndviThresholdEmissivity(ndvi, redReflectance, set, nameI);
      const emissivityJ = ndviThresholdEmissivity(ndvi, redReflectance, set, nameJ);
      return splitWindowLst(
        tbI,
        tbJ,
        emissivityI,
        emissivityJ,
        water.waterVapourGcm2,
        coefficients,
      );
    },
    finalNotes: () => [],
  };
}

/**
 * The water-vapour source of single-channel LST: the parameter, else `constant` (waterVapourGcm2
 * or its 2 g/cm2 default), on Level-2 scenes too. `from-transmittance` is not made the Level-2
 * default: its w = ψ1⁻¹(1/ST_ATRAN) is 6.4-6.6 g/cm2 on the humid shared scenes, where the
 * ψ2/ψ3 fits of Jiménez-Muñoz et al. 2014 (accurate below ~3 g/cm2) overstate L↑/τ, and
 * single-channel LST came out further from ST_B10 than at 2 g/cm2 on two of the three shared
 * scenes (bias −14.2 vs −10.8 K, −16.8 vs +8.0 K; better only on 017036, −5.6 vs +6.5 K; see
 * test/api-level2-single-channel.test.ts).
 */
export function singleChannelWaterVapourSource(
  parameters: LstParameters,
): NonNullable<LstParameters['waterVapourSource']> {
  return parameters.waterVapourSource ?? 'constant';
}

/** Single-channel LST of every pixel at one water vapour, or at a per-pixel one. */
function singleChannelLstOf(
  radiance: Float32Array,
  tb: Float32Array,
  emissivity: Float32Array,
  waterVapourGcm2: Float32Array | number,
  coefficients: SingleChannelCoefficients,
): Float32Array {
  if (typeof waterVapourGcm2 === 'number') {
    return singleChannelLst(radiance, tb, emissivity, waterVapourGcm2, coefficients);
  }
  const bGamma = bGammaKelvin(coefficients.effectiveWavelengthUm);
  const result = new Float32Array(radiance.length);
  for (let i = 0; i < result.length; i++) {
    const w = waterVapourGcm2[i] as number;
    result[i] = Number.isNaN(w)
      ? Number.NaN
      : singleChannelLstKelvin(
          radiance[i] as number,
          tb[i] as number,
          emissivity[i] as number,
          atmosphericFunctions(w, coefficients),
          bGamma,
        );
  }
  return result;
}

/**
 * Generalized single-channel LST (Jiménez-Muñoz & Sobrino 2003; ψ of Jiménez-Muñoz et al. 2009,
 * 2014) on a Level-1 scene (DN of the thermal band) or a Level-2 scene (ST_TRAD radiance), with
 * the water vapour of {@link singleChannelWaterVapourSource}.
 */
export function planSingleChannel(
  scene: SceneDescription,
  parameters: LstParameters,
  level: ProductLevel = 'L1',
): ProductPlan {
  const coefficients = singleChannelCoefficientsFor(scene.sensor);
  if (coefficients === null) {
    throw new InvalidParameterError(
      `single-channel LST has no coefficients for a ${scene.sensor} scene`,
      { sensor: scene.sensor },
    );
  }
  const band = thermalSource(scene, level, singleThermalBandName(scene), parameters.inversion);
  const source = singleChannelWaterVapourSource(parameters);
  const water = waterVapourStep(scene, level, { ...parameters, waterVapourSource: source });
  const emissivity = emissivityStep(scene, level, parameters, [band.name]);

  return {
    label: 'single-channel LST',
    inputs: [...new Set([...band.inputs, ...emissivity.inputs, ...water.inputs])],
    parameters: {
      ...water.parameters,
      ...(source === 'constant'
        ? { waterVapourDefaulted: parameters.waterVapourGcm2 === undefined }
        : {}),
      ...emissivity.parameters,
      coefficients: coefficients.id,
      thermalBand: band.name,
      inversion: band.inversion,
      thermalConstants: { [band.name]: band.constants },
    },
    notes: [
      `single-channel LST from ${band.name} (Jiménez-Muñoz & Sobrino 2003; ψ: ${coefficients.citation})`,
      band.note,
      ...emissivity.notes,
      ...water.notes,
      ...sensorNotes(scene),
    ],
    haloRows: water.haloRows,
    compute: (bands, window) => {
      const radiance = band.radiance(bands);
      const tb = band.brightnessKelvin(radiance);
      const [epsilon] = emissivity.compute(bands) as [Float32Array];
      const w = water.compute(bands, window);
      return singleChannelLstOf(radiance, tb, epsilon, w, coefficients);
    },
    finalNotes: () => [],
  };
}

/** Counts pixels with every input valid whose result is NaN (no RTE inversion). */
export function countNoInversion(inputs: readonly Float32Array[], result: Float32Array): number {
  let count = 0;
  for (let i = 0; i < result.length; i++) {
    if (!Number.isNaN(result[i])) continue;
    if (inputs.every((values) => !Number.isNaN(values[i] as number))) count++;
  }
  return count;
}

/** The note on pixels without an RTE inversion. */
export function noInversionNote(count: number): string {
  return (
    `${count} pixels with valid inputs have a corrected surface radiance ≤ 0 (no inversion: ` +
    `clouds or atmosphere terms larger than the signal); they are noData (NaN), where the USGS ` +
    `ST_B10 product holds its 150 K floor`
  );
}

/** RTE LST on a Level-1 scene with one atmosphere (τ, L↑, L↓) for the whole scene. */
export function planRteLevel1(scene: SceneDescription, parameters: LstParameters): ProductPlan {
  const atmosphere = resolveScalarAtmosphere(parameters);
  const name = singleThermalBandName(scene);
  const { red, nir } = redNirNames(scene, 'L1');
  requireBands('rte LST', [name, red, nir], scene);
  const set = resolveEmissivitySet(parameters, scene.sensor, [name]);
  const band = thermalBand(scene, name);
  const ndviOf = ndviStep(scene, 'L1');
  let noInversion = 0;

  return {
    label: 'rte LST',
    inputs: [name, red, nir],
    parameters: {
      ...atmosphere,
      emissivitySet: set.id,
      thermalBand: name,
      thermalConstants: { [name]: band.constants },
    },
    notes: [
      `RTE inversion of ${name} with one atmosphere for the whole scene (τ ${atmosphere.transmittance})`,
      emissivityNote(set),
      ...ndviOf.notes,
    ],
    compute: (bands) => {
      const radiance = band.radiance(bands);
      const { ndvi, redReflectance } = ndviOf.compute(bands);
      const emissivity = ndviThresholdEmissivity(ndvi, redReflectance, set, name);
      const lst = rteInversion(
        {
          toaRadianceWm2SrUm: radiance,
          upwellingWm2SrUm: atmosphere.upwellingRadianceWm2SrUm,
          downwellingWm2SrUm: atmosphere.downwellingRadianceWm2SrUm,
          transmittance: atmosphere.transmittance,
          emissivity,
        },
        band.constants,
      );
      noInversion += countNoInversion([radiance, emissivity], lst);
      return lst;
    },
    finalNotes: () => [noInversionNote(noInversion)],
  };
}
