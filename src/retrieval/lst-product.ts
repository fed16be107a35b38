/**
 * The windowed product runners used by the backend: land-surface temperature by one of the
 * {@link LstMethod}s, and NDVI. Both check the scene (bands, level, calibration) before reading a
 * pixel, then process the scene in blocks of rows, checking the abort signal between blocks.
 */
import { InvalidParameterError, MissingBandError } from '../errors.js';
import type { ProgressCallback } from '../logger.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { runRowBlocks, type BandReader } from './block-runner.js';
import { planLevel2, planRteLevel2 } from './lst-level2-plans.js';
import { LST_METHODS, type LstMethod, type LstParameters } from './lst-parameters.js';
import {
  planRteLevel1,
  planSingleChannel,
  planSplitWindow,
  type ProductPlan,
} from './lst-plans.js';
import { ndviStep, redNirNames } from './ndvi-step.js';
import {
  bandFillValue,
  describeBands,
  requireBands,
  sceneBandNames,
  sceneLevel,
} from './scene-bands.js';
import { thermalBandNames, type ProductLevel } from './sensors.js';

/** Input of {@link computeLst}. */
export interface LstInput {
  scene: SceneDescription;
  /** Reads raw DN of a band over a window, NaN for noData. */
  read: BandReader;
  method: LstMethod;
  parameters?: LstParameters;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Rows per block (default 256). */
  blockRows?: number;
}

/** A computed product raster on the scene grid, with how it was made. */
export interface ProductRaster<Unit extends string> {
  /** width·height values, row-major; NaN is noData. */
  data: Float32Array;
  width: number;
  height: number;
  unit: Unit;
  method: string;
  /** The parameters used, defaults filled in. */
  parameters: Record<string, unknown>;
  /** Band names read. */
  inputs: string[];
  /** Human-readable notes: sources, defaults used, pixels without a value. */
  notes: string[];
}

/** An LST raster in kelvin. */
export type LstResult = ProductRaster<'K'>;

/** Methods that read Level-1 DN (the others need a Level-2 scene, except rte which takes both). */
const LEVEL1_METHODS: readonly LstMethod[] = ['split-window', 'single-channel'];

/** Every band name that carries thermal information for the scene's sensor. */
function thermalNames(scene: SceneDescription): string[] {
  const names = [...thermalBandNames(scene.sensor, 'L1'), ...thermalBandNames(scene.sensor, 'L2')];
  return [...new Set([...names, 'ST_TRAD'])];
}

function checkHasThermalBand(method: LstMethod, scene: SceneDescription): void {
  const available = sceneBandNames(scene);
  const candidates = thermalNames(scene);
  if (scene.sensor === 'generic') {
    const required = ['B10', 'B11', 'B6', 'ST_B10', 'ST_TRAD'];
    throw new MissingBandError(
      `${method} LST needs a Landsat scene with thermal calibration; this scene's sensor is ` +
        `unknown (no MTL and no Landsat file names): upload the band files with their MTL`,
      { required, available },
    );
  }
  if (candidates.some((name) => available.includes(name))) return;
  const required = candidates;
  throw new MissingBandError(
    `${method} LST needs a thermal band (${required.join(', ')}) and the scene has none; ` +
      `it has ${describeBands(available)}`,
    { required, available },
  );
}

function checkLevel(method: LstMethod, level: ProductLevel): void {
  if (LEVEL1_METHODS.includes(method) && level !== 'L1') {
    throw new InvalidParameterError(
      `${method} LST needs a Level-1 scene (DN of the thermal bands); this scene is Level-2: ` +
        `use method rte or level2`,
      { method, level },
    );
  }
  if (method === 'level2' && level !== 'L2') {
    throw new InvalidParameterError(
      `level2 LST needs a Collection 2 Level-2 scene (ST_B10); this scene is Level-1: ` +
        `use method split-window, single-channel or rte`,
      { method, level },
    );
  }
}

/** The plan of an LST method for a scene; throws the typed errors of each check. */
export function planLst(
  scene: SceneDescription,
  method: LstMethod,
  parameters: LstParameters = {},
): ProductPlan {
  if (!LST_METHODS.includes(method)) {
    throw new InvalidParameterError(
      `unknown LST method "${String(method)}"; known: ${LST_METHODS.join(', ')}`,
      {
        method,
        known: [...LST_METHODS],
      },
    );
  }
  checkHasThermalBand(method, scene);
  const level = sceneLevel(scene);
  checkLevel(method, level);

  switch (method) {
    case 'split-window':
      return planSplitWindow(scene, parameters);
    case 'single-channel':
      return planSingleChannel(scene, parameters);
    case 'rte':
      return level === 'L2' ? planRteLevel2(scene, parameters) : planRteLevel1(scene, parameters);
    case 'level2':
      return planLevel2(scene);
  }
}

async function runPlan<Unit extends string>(
  plan: ProductPlan,
  unit: Unit,
  method: string,
  input: Omit<LstInput, 'method' | 'parameters'>,
): Promise<ProductRaster<Unit>> {
  const { scene } = input;
  const fillValues = new Map(
    plan.inputs.map((name) => [name, bandFillValue(scene, name)] as const),
  );
  const data = await runRowBlocks({
    width: scene.width,
    height: scene.height,
    inputs: plan.inputs,
    fillValues,
    read: input.read,
    compute: (bands) => plan.compute(bands),
    label: plan.label,
    ...(input.blockRows === undefined ? {} : { blockRows: input.blockRows }),
    ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  return {
    data,
    width: scene.width,
    height: scene.height,
    unit,
    method,
    parameters: plan.parameters,
    inputs: [...plan.inputs],
    notes: [...plan.notes, ...plan.finalNotes()],
  };
}

/**
 * Land-surface temperature in kelvin of a whole scene by `method`, read in blocks of rows.
 * Throws MissingBandError when bands are missing (or the scene has no thermal band at all),
 * InvalidParameterError when the method does not apply to the scene's level or a parameter is
 * out of its domain, MetadataError when calibration is missing, CancelledError on abort.
 */
export async function computeLst(input: LstInput): Promise<LstResult> {
  const plan = planLst(input.scene, input.method, input.parameters ?? {});
  const result = await runPlan(plan, 'K', input.method, input);
  const implausible = countOutsideEarthRange(result.data);
  if (implausible > 0) {
    result.notes.push(
      `${implausible} pixels lie outside ${EARTH_LST_RANGE_KELVIN[0]}–${EARTH_LST_RANGE_KELVIN[1]} K, ` +
        'the range of land-surface temperatures observed on Earth: most likely cloud or cloud ' +
        'edges, where the method does not apply; their values are kept, not masked',
    );
  }
  return result;
}

/**
 * Extremes of satellite-observed land-surface temperature, kelvin: −98 °C on the East
 * Antarctic plateau (Scambos et al. 2018, GRL 45) and 70.7 °C in the Lut desert (Mildrexler,
 * Zhao & Running 2011, BAMS 92), rounded outwards.
 */
export const EARTH_LST_RANGE_KELVIN = [175, 345] as const;

function countOutsideEarthRange(lstKelvin: Float32Array): number {
  const [low, high] = EARTH_LST_RANGE_KELVIN;
  let count = 0;
  for (const value of lstKelvin) {
    if (value < low || value > high) count++;
  }
  return count;
}

/** Input of {@link computeNdvi}. */
export type NdviInput = Omit<LstInput, 'method' | 'parameters'>;

/** NDVI of a scene: TOA reflectance for Level 1, surface reflectance SR_Bn for Level 2. */
export async function computeNdvi(input: NdviInput): Promise<ProductRaster<'unitless'>> {
  const { scene } = input;
  const level = sceneLevel(scene);
  const { red, nir } = redNirNames(scene, level);
  requireBands('NDVI', [red, nir], scene);
  const step = ndviStep(scene, level);
  const plan: ProductPlan = {
    label: 'NDVI',
    inputs: [red, nir],
    parameters: { red, nir, level },
    notes: step.notes,
    compute: (bands) => step.compute(bands).ndvi,
    finalNotes: () => [],
  };
  return runPlan(plan, 'unitless', 'ndvi', input);
}
