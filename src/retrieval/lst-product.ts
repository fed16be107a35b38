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
import { planDu2015, planMonoWindow, planStatisticalMonoWindow } from './lst-plans-extended.js';
import { modisLstBand, planModisLst, planNdvi } from './product-plans.js';
import { storablePhysicalValues } from './physical-range.js';
import { qaMaskStep } from './qa-mask-step.js';
import {
  planRteLevel1,
  planSingleChannel,
  planSplitWindow,
  type ProductPlan,
} from './lst-plans.js';
import { bandFillValue, describeBands, sceneBandNames, sceneLevel } from './scene-bands.js';
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

/** Methods that need the two Level-1 thermal bands (a Level-2 scene has only ST_TRAD of B10). */
const LEVEL1_METHODS: readonly LstMethod[] = ['split-window', 'split-window-du2015'];

/** Every band name that carries thermal information for the scene's sensor. */
function thermalNames(scene: SceneDescription): string[] {
  const names = [...thermalBandNames(scene.sensor, 'L1'), ...thermalBandNames(scene.sensor, 'L2')];
  return [...new Set([...names, 'ST_TRAD'])];
}

function checkHasThermalBand(method: LstMethod, scene: SceneDescription): void {
  const available = sceneBandNames(scene);
  const candidates = thermalNames(scene);
  if (method === 'level2' && modisLstBand(scene) !== null) return;
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

function checkLevel(method: LstMethod, level: ProductLevel, isModis: boolean): void {
  if (LEVEL1_METHODS.includes(method) && level !== 'L1') {
    throw new InvalidParameterError(
      `${method} LST needs a Level-1 scene (DN of the thermal bands); this scene is Level-2 ` +
        `(ST_TRAD holds one band): use method rte, single-channel, statistical-mono-window or level2`,
      { method, level },
    );
  }
  if (method === 'level2' && level !== 'L2' && !isModis) {
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
  if (method === 'modis-split-window') throw modisSplitWindowRefusal(scene);
  if (method === 'student' || method === 'teacher') {
    throw new InvalidParameterError(
      `${method} LST runs a network: plan it with planProduct and a model catalog`,
      { method },
    );
  }
  checkHasThermalBand(method, scene);
  const isModis = modisLstBand(scene) !== null;
  const level = sceneLevel(scene);
  checkLevel(method, level, isModis);

  switch (method) {
    case 'split-window':
      return planSplitWindow(scene, parameters);
    case 'split-window-du2015':
      return planDu2015(scene, level, parameters);
    case 'single-channel':
      return planSingleChannel(scene, parameters, level);
    case 'statistical-mono-window':
      return planStatisticalMonoWindow(scene, level, parameters);
    case 'mono-window':
      return planMonoWindow(scene, level, parameters);
    case 'rte':
      return level === 'L2'
        ? planRteLevel2(scene, parameters, parameters.inversion ?? 'k1k2')
        : planRteLevel1(scene, parameters);
    case 'level2':
      return isModis ? planModisLst(scene, parameters) : planLevel2(scene);
  }
}

/**
 * The generalized split-window of the MODIS LST product (Wan & Dozier 1996) needs band 31 and 32
 * brightness temperatures (MOD021KM) and a view-zenith band; scenes hold MOD11 products at most,
 * whose LST is already retrieved: the refusal says so.
 */
function modisSplitWindowRefusal(scene: SceneDescription): InvalidParameterError {
  const available = sceneBandNames(scene);
  const hint =
    modisLstBand(scene) === null
      ? 'upload MODIS band 31/32 radiances with their view zenith'
      : 'this MOD11 scene already holds the product LST: use method level2';
  return new InvalidParameterError(
    `modis-split-window LST needs MODIS band 31 and 32 brightness temperatures and the view ` +
      `zenith angle, which this scene does not have (${describeBands(available)}): ${hint}`,
    { method: 'modis-split-window', available },
  );
}

/** Runs a plan over the scene in row blocks (with its halo rows) into a product raster. */
export async function runPlan<Unit extends string>(
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
    compute: (bands, window) => plan.compute(bands, window),
    label: plan.label,
    ...(plan.haloRows === undefined ? {} : { haloRows: plan.haloRows }),
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
 * Land-surface temperature in kelvin of a whole scene by `method`, read in blocks of rows, with
 * the QA mask of `parameters.mask` (none unless asked); values at or below 0 K are noData. Throws MissingBandError when bands
 * are missing (or the scene has no thermal band at all), InvalidParameterError when the method
 * does not apply to the scene's level or a parameter is out of its domain, MetadataError when
 * calibration is missing, CancelledError on abort.
 */
export async function computeLst(input: LstInput): Promise<LstResult> {
  const plan = withQaMask(
    input.scene,
    planLst(input.scene, input.method, input.parameters ?? {}),
    input.parameters ?? {},
  );
  const result = await runPlan(plan, 'K', input.method, input);
  result.notes.push(...storablePhysicalValues('lst', result.data));
  const note = earthRangeNote(result.data);
  if (note !== null) result.notes.push(note);
  return result;
}

/**
 * The plan with the QA mask of `parameters.mask` applied to its output: flagged pixels become NaN
 * and are counted in the final notes. The library masks nothing unless asked; the API's default
 * is DEFAULT_MASK (qa-mask-step.ts).
 */
export function withQaMask(
  scene: SceneDescription,
  plan: ProductPlan,
  parameters: LstParameters,
): ProductPlan {
  const thermal = plan.inputs.filter((name) => thermalNames(scene).includes(name));
  const mask = qaMaskStep(scene, parameters.mask ?? [], thermal);
  return {
    ...plan,
    inputs: [...new Set([...plan.inputs, ...mask.inputs])],
    parameters: { ...plan.parameters, ...mask.parameters },
    notes: [...plan.notes, ...mask.notes],
    compute: (bands, window) => {
      const values = plan.compute(bands, window);
      mask.apply(bands, values);
      return values;
    },
    finalNotes: () => [...plan.finalNotes(), ...mask.finalNotes()],
  };
}

/**
 * Extremes of satellite-observed land-surface temperature, kelvin: −98 °C on the East
 * Antarctic plateau (Scambos et al. 2018, GRL 45) and 70.7 °C in the Lut desert (Mildrexler,
 * Zhao & Running 2011, BAMS 92), rounded outwards.
 */
export const EARTH_LST_RANGE_KELVIN = [175, 345] as const;

/** The note on pixels outside {@link EARTH_LST_RANGE_KELVIN}, null when there are none. */
export function earthRangeNote(lstKelvin: Float32Array): string | null {
  const implausible = countOutsideEarthRange(lstKelvin);
  if (implausible === 0) return null;
  return (
    `${implausible} pixels lie outside ${EARTH_LST_RANGE_KELVIN[0]}–${EARTH_LST_RANGE_KELVIN[1]} K, ` +
    'the range of land-surface temperatures observed on Earth: most likely cloud or cloud ' +
    'edges, where the method does not apply; their values are kept, not masked'
  );
}

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
  return runPlan(planNdvi(input.scene, sceneLevel(input.scene)), 'unitless', 'ndvi', input);
}
