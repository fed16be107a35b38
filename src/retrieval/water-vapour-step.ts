/**
 * The water-vapour step of the LST methods and of the water-vapour product: per block, column
 * water vapour in g/cm2 from one value, a band of the scene, or the B10/B11 brightness-temperature
 * pair by the covariance–variance ratio (Ren et al. 2015; Du et al. 2015 eq. 3) over a moving
 * window, which needs halo rows around each block, or (Level 2) the ST_ATRAN transmittance by
 * inverting the single-channel ψ1(w) = 1/τ of Jiménez-Muñoz et al. 2014.
 */
import { InvalidParameterError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import type { PixelWindow } from '../rasters/types.js';
import { blockBand, type BlockBands } from './block-runner.js';
import { scaleDn } from './brightness-temperature.js';
import { resolveWaterVapour, type LstParameters } from './lst-parameters.js';
import { level2BandScaling, requireBands } from './scene-bands.js';
import type { ProductLevel } from './sensors.js';
import { singleChannelCoefficientsFor } from './single-channel.js';
import { level1ThermalNames, thermalSource, type ThermalSource } from './thermal-source.js';
import {
  covarianceHaloRows,
  du2015WaterVapour,
  waterVapourFromRaster,
  DU_2015_WATER_VAPOUR,
} from './water-vapour.js';
import { waterVapourFromTransmittance } from './water-vapour-transmittance.js';

/** Water-vapour sources. */
export const WATER_VAPOUR_SOURCES = [
  'constant',
  'band',
  'covariance-ratio',
  'from-transmittance',
] as const;

/** One water-vapour source. */
export type WaterVapourSource = (typeof WATER_VAPOUR_SOURCES)[number];

/**
 * Default covariance window, 11 px (330 m on the 30 m TIRS grid): our choice, wide enough to hold
 * temperature contrast over most land and small enough to follow the field; pass
 * covarianceWindowPx to change it.
 */
export const DEFAULT_COVARIANCE_WINDOW_PX = 11;

/** Per-block water vapour: one value, or an array over the block (its halo included). */
export interface WaterVapourStep {
  inputs: string[];
  parameters: Record<string, unknown>;
  notes: string[];
  haloRows: number;
  compute: (bands: BlockBands, window: PixelWindow) => Float32Array | number;
}

function constantStep(parameters: LstParameters): WaterVapourStep {
  const water = resolveWaterVapour(parameters);
  return {
    inputs: [],
    parameters: { waterVapourSource: 'constant', waterVapourGcm2: water.waterVapourGcm2 },
    notes: water.notes,
    haloRows: 0,
    compute: () => water.waterVapourGcm2,
  };
}

function bandStep(scene: SceneDescription, parameters: LstParameters): WaterVapourStep {
  const name = parameters.waterVapourBand;
  if (name === undefined) {
    throw new InvalidParameterError(
      'waterVapourSource band needs the parameter waterVapourBand (a band of the scene)',
      { waterVapourSource: 'band' },
    );
  }
  requireBands('water vapour', [name], scene);
  const scaling = {
    unit: parameters.waterVapourUnit ?? 'g/cm2',
    scale: parameters.waterVapourScale ?? 1,
    offset: parameters.waterVapourOffset ?? 0,
  };
  return {
    inputs: [name],
    parameters: { waterVapourSource: 'band', waterVapourBand: name, waterVapourScaling: scaling },
    notes: [
      `column water vapour from band ${name} (${scaling.scale}·value + ${scaling.offset} ${scaling.unit})`,
    ],
    haloRows: 0,
    compute: (bands) => waterVapourFromRaster(blockBand(bands, name), scaling),
  };
}

function checkWindow(windowPx: number): void {
  if (!Number.isInteger(windowPx) || windowPx < 3 || windowPx > 101 || windowPx % 2 === 0) {
    throw new InvalidParameterError(
      `covarianceWindowPx must be an odd integer within 3-101, got ${windowPx}`,
      { covarianceWindowPx: windowPx },
    );
  }
}

/** The two thermal sources of a split-window pair; InvalidParameterError for other sensors. */
export function thermalPair(
  scene: SceneDescription,
  level: ProductLevel,
  what: string,
): [ThermalSource, ThermalSource] {
  const [nameI, nameJ] = level1ThermalNames(scene);
  if (
    level !== 'L1' ||
    scene.sensor.startsWith('landsat7') ||
    nameI === undefined ||
    nameJ === undefined
  ) {
    throw new InvalidParameterError(
      `${what} needs two thermal bands at different wavelengths (Level-1 Landsat 8/9 B10 and B11); ` +
        `this ${scene.sensor} ${level} scene does not have them`,
      { sensor: scene.sensor, level },
    );
  }
  return [thermalSource(scene, level, nameI), thermalSource(scene, level, nameJ)];
}

function covarianceStep(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): WaterVapourStep {
  const windowPx = parameters.covarianceWindowPx ?? DEFAULT_COVARIANCE_WINDOW_PX;
  checkWindow(windowPx);
  const [bandI, bandJ] = thermalPair(scene, level, 'covariance-ratio water vapour');
  return {
    inputs: [...bandI.inputs, ...bandJ.inputs],
    parameters: { waterVapourSource: 'covariance-ratio', covarianceWindowPx: windowPx },
    notes: [
      `column water vapour from the ${bandI.name}/${bandJ.name} covariance–variance ratio over ` +
        `${windowPx}×${windowPx} pixels (${DU_2015_WATER_VAPOUR.citation}); NaN where a window ` +
        'is flat (water, uniform fields)',
    ],
    haloRows: covarianceHaloRows(windowPx),
    compute: (bands, window) => {
      const tbI = bandI.brightnessKelvin(bandI.radiance(bands));
      const tbJ = bandJ.brightnessKelvin(bandJ.radiance(bands));
      return du2015WaterVapour(tbI, tbJ, window.width, window.height, { windowPx });
    },
  };
}

/** The Level-2 band of the band-effective atmospheric transmittance (×0.0001, fill −9999). */
export const TRANSMITTANCE_BAND = 'ST_ATRAN';

/**
 * Per-pixel water vapour from ST_ATRAN by inverting ψ1(w) = 1/τ (see
 * water-vapour-transmittance.ts); Level-2 scenes only, with the sensor's ψ coefficients.
 */
function transmittanceStep(scene: SceneDescription, level: ProductLevel): WaterVapourStep {
  if (level !== 'L2') {
    throw new InvalidParameterError(
      `waterVapourSource from-transmittance needs a Level-2 scene with ${TRANSMITTANCE_BAND}; ` +
        `this ${scene.sensor} scene is ${level}`,
      { waterVapourSource: 'from-transmittance', level },
    );
  }
  requireBands('water vapour from transmittance', [TRANSMITTANCE_BAND], scene);
  const coefficients = singleChannelCoefficientsFor(scene.sensor);
  if (coefficients === null) {
    throw new InvalidParameterError(
      `waterVapourSource from-transmittance has no ψ coefficients for a ${scene.sensor} scene`,
      { waterVapourSource: 'from-transmittance', sensor: scene.sensor },
    );
  }
  const { mult, add } = level2BandScaling(scene, TRANSMITTANCE_BAND);
  return {
    inputs: [TRANSMITTANCE_BAND],
    parameters: {
      waterVapourSource: 'from-transmittance',
      transmittanceBand: TRANSMITTANCE_BAND,
      waterVapourCoefficients: coefficients.id,
    },
    notes: [
      `column water vapour per pixel from ${TRANSMITTANCE_BAND} (USGS's MODTRAN transmittance) ` +
        `by inverting ψ1(w) = 1/τ (Jiménez-Muñoz & Sobrino 2003; ψ: ${coefficients.citation}); ` +
        'above 3 g/cm2 the ψ fits lose accuracy',
    ],
    haloRows: 0,
    compute: (bands) =>
      waterVapourFromTransmittance(
        scaleDn(blockBand(bands, TRANSMITTANCE_BAND), mult, add, null),
        coefficients,
      ),
  };
}

/** The water-vapour step by `parameters.waterVapourSource` (default constant). */
export function waterVapourStep(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): WaterVapourStep {
  const source = parameters.waterVapourSource ?? 'constant';
  if (source === 'band') return bandStep(scene, parameters);
  if (source === 'covariance-ratio') return covarianceStep(scene, level, parameters);
  if (source === 'from-transmittance') return transmittanceStep(scene, level);
  return constantStep(parameters);
}
