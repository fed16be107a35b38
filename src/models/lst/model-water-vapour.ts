/**
 * The water-vapour input of a network product: the water-vapour step of the physics methods
 * (water-vapour-step.ts) chosen from the feature's source, the scene's level and the request,
 * clamped to the range the simulator drew w over, as NDVI is clamped to its proxy's range.
 * Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import type { SceneDescription } from '../../rasters/scene-types.js';
import type { BlockBands } from '../../retrieval/block-runner.js';
import type { LstParameters } from '../../retrieval/lst-parameters.js';
import type { ProductLevel } from '../../retrieval/sensors.js';
import { DEFAULT_WATER_VAPOUR_RANGE_GCM2 } from '../../retrieval/simulation/atmosphere-draws.js';
import { waterVapourStep, type WaterVapourSource } from '../../retrieval/water-vapour-step.js';
import type { SceneFeatureSource } from './settings.js';

/** A water-vapour feature source of a setting. */
export type WaterVapourFeatureSource = Extract<
  SceneFeatureSource,
  { kind: 'water-vapour' | 'water-vapour-transmittance' }
>;

/**
 * Range of w the models were trained on, g/cm2: the simulator's default draw (settingDataset
 * passes no other range).
 */
export const MODEL_WATER_VAPOUR_RANGE_GCM2 = DEFAULT_WATER_VAPOUR_RANGE_GCM2;

/** The water-vapour input of one block, with what the product records about it. */
export interface WaterVapourFeature {
  /** Bands it reads (ST_ATRAN, a water-vapour band, or none for a constant). */
  inputs: string[];
  parameters: Record<string, unknown>;
  notes: string[];
  /** w in g/cm2 of every pixel of the block, clamped to the training range; NaN where unknown. */
  read: (bands: BlockBands) => Float32Array;
  /** Notes once every block was read: how many pixels were clamped. */
  finalNotes: () => string[];
}

/**
 * Where w comes from: the request's `waterVapourSource` when given; else, for a
 * `water-vapour-transmittance` source on a Level-2 scene, ST_ATRAN unless `waterVapourGcm2` is
 * given; else the `waterVapourGcm2` constant (default 2.0 g/cm2). The physics methods read the
 * same two parameters (an explicit source wins; a given w is a constant).
 */
export function modelWaterVapourSource(
  source: WaterVapourFeatureSource,
  level: ProductLevel,
  parameters: LstParameters,
): WaterVapourSource {
  if (parameters.waterVapourSource !== undefined) return parameters.waterVapourSource;
  const perPixel = source.kind === 'water-vapour-transmittance' && level === 'L2';
  return perPixel && parameters.waterVapourGcm2 === undefined ? 'from-transmittance' : 'constant';
}

/** Clamps in place; returns how many finite values were below and above the range. */
function clampCounting(values: Float32Array, low: number, high: number): [number, number] {
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < low) {
      values[i] = low;
      below++;
    } else if (value > high) {
      values[i] = high;
      above++;
    }
  }
  return [below, above];
}

function blockPixels(bands: BlockBands): number {
  return bands.values().next().value?.length ?? 0;
}

/**
 * The water-vapour feature of `source` on a scene. Throws InvalidParameterError for
 * `covariance-ratio` (a moving window over B10/B11: the physics methods' source, not a per-pixel
 * input here) and the errors of the physics step (Level-1 scene asked for `from-transmittance`,
 * missing ST_ATRAN or water-vapour band, w out of 0–8 g/cm2).
 */
export function waterVapourFeature(
  scene: SceneDescription,
  level: ProductLevel,
  source: WaterVapourFeatureSource,
  parameters: LstParameters,
): WaterVapourFeature {
  const chosen = modelWaterVapourSource(source, level, parameters);
  if (chosen === 'covariance-ratio') {
    throw new InvalidParameterError(
      'network LST reads water vapour per pixel without a moving window: waterVapourSource ' +
        'covariance-ratio is for the physics methods; use constant, band or from-transmittance',
      { waterVapourSource: chosen },
    );
  }
  const step = waterVapourStep(scene, level, { ...parameters, waterVapourSource: chosen });
  const [low, high] = MODEL_WATER_VAPOUR_RANGE_GCM2;
  let below = 0;
  let above = 0;

  const constant = chosen === 'constant';
  const stepNotes = step.notes.length > 0 ? step.notes : constantNote(step.parameters);
  return {
    inputs: [...step.inputs],
    parameters: {
      ...step.parameters,
      ...(constant ? { waterVapourDefaulted: parameters.waterVapourGcm2 === undefined } : {}),
      waterVapourRangeGcm2: [low, high],
    },
    notes: stepNotes,
    read: (bands) => {
      const pixels = blockPixels(bands);
      // The window only matters to covariance-ratio, refused above.
      const w = step.compute(bands, { x: 0, y: 0, width: pixels, height: 1 });
      const values = typeof w === 'number' ? new Float32Array(pixels).fill(w) : w;
      const [blockBelow, blockAbove] = clampCounting(values, low, high);
      below += blockBelow;
      above += blockAbove;
      return values;
    },
    finalNotes: () =>
      below + above === 0
        ? []
        : [
            `water vapour of ${above} pixels above ${high} g/cm2 and ${below} below ${low} g/cm2 ` +
              `was clamped to the training range (the network would extrapolate there)`,
          ],
  };
}

function constantNote(parameters: Record<string, unknown>): string[] {
  const w = parameters['waterVapourGcm2'];
  return typeof w === 'number' ? [`water vapour ${w} g/cm2 for every pixel`] : [];
}
