/**
 * The plan of an `lst` or `emissivity` product computed by a network: which model (the `model`
 * id, else the default of the first setting that fits the scene), which bands to read, and how a
 * block of bands becomes the model's input rows. Checked before any pixel is read. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import type { SceneDescription } from '../../rasters/scene-types.js';
import type { BlockBands } from '../../retrieval/block-runner.js';
import type { LstParameters } from '../../retrieval/lst-parameters.js';
import { ndviStep } from '../../retrieval/ndvi-step.js';
import { qaMaskStep, type QaMaskStep } from '../../retrieval/qa-mask-step.js';
import { sceneBandNames, sceneLevel } from '../../retrieval/scene-bands.js';
import { thermalSource, type BrightnessInversion } from '../../retrieval/thermal-source.js';
import {
  methodOfModel,
  type CatalogModel,
  type ModelCatalog,
  type ModelMethod,
} from './model-catalog.js';
import { waterVapourFeature } from './model-water-vapour.js';
import {
  settingFitsScene,
  settingRequirementsText,
  settingsForScene,
  type LstSetting,
  type SceneBandsSummary,
} from './settings.js';

/** Products a network gives. */
export type ModelProduct = 'lst' | 'emissivity';

/** A network product request. */
export interface ModelProductRequest {
  product: ModelProduct;
  method: ModelMethod;
  /** Model id; default: the setting's default model for the method. */
  model?: string;
  parameters?: LstParameters & { band?: string };
}

/** One block's model inputs: `rows × features` values, row-major; NaN where an input is. */
export type FeatureBlock = Float32Array;

/** A planned network product. */
export interface ModelProductPlan {
  kind: 'model';
  label: string;
  model: CatalogModel;
  /** Bands read (features and QA mask). */
  inputs: string[];
  parameters: Record<string, unknown>;
  notes: string[];
  featureCount: number;
  /** The model's inputs of one block of bands. */
  features: (bands: BlockBands) => FeatureBlock;
  /** Output column of the network the product keeps. */
  outputIndex: number;
  mask: QaMaskStep;
  /** Notes once every block was computed (pixels whose inputs were clamped). */
  finalNotes: () => string[];
}

/** The scene's sensor, level and bands; MissingBand-like refusal when it has no level. */
function summary(scene: SceneDescription): SceneBandsSummary {
  return { sensor: scene.sensor, level: sceneLevel(scene), bands: sceneBandNames(scene) };
}

function refusal(
  scene: SceneBandsSummary,
  request: Pick<ModelProductRequest, 'method' | 'product'>,
): InvalidParameterError {
  return new InvalidParameterError(
    `${request.method} ${request.product} needs a Landsat 8/9 scene with the bands of a ` +
      `setting (${scene.level}: ` +
      `${settingRequirementsText(scene.level)}); this ${scene.sensor} ${scene.level} scene has ` +
      `${scene.bands.join(', ') || 'no bands'}`,
    { sensor: scene.sensor, level: scene.level, available: [...scene.bands] },
  );
}

/** The model a request runs and the settings passed over for lack of a default model. */
export interface ModelChoice {
  model: CatalogModel;
  /** Settings that fit the scene before the model's own but have no default for the method. */
  settingsWithoutDefault: string[];
}

/** Why `setting` does not fit the scene, for the refusal of a named model. */
function misfitText(setting: LstSetting, bands: SceneBandsSummary): string {
  const scenes = setting.scenes;
  if (scenes === null) return `a scene type the platform does not hold on a ${bands.level} scene`;
  if (!scenes.levels.includes(bands.level)) {
    const level = scenes.levels[0] ?? 'L2';
    return `a ${scenes.levels.join(' or ')} scene (${scenes.bandsNeeded[level].join(' + ')}), not ${bands.level}`;
  }
  return `${scenes.bandsNeeded[bands.level].join(' + ')} on a ${bands.level} scene`;
}

/** Refuses a model whose role is not the method's: a student never runs as `teacher`. */
function checkRole(model: CatalogModel, method: ModelMethod): void {
  const served = methodOfModel(model);
  if (served === method) return;
  const role = model.role ?? `registered ${served}, trained by ${model.metadata.method}`;
  throw new InvalidParameterError(
    `model ${model.id} is a ${served} (role ${role}, ${model.parameters} parameters), not a ` +
      `${method}: request method ${served} to run it`,
    { model: model.id, role, method, modelMethod: served },
  );
}

function namedModel(
  bands: SceneBandsSummary,
  id: string,
  method: ModelMethod,
  catalog: ModelCatalog,
): CatalogModel {
  const model = catalog.find(id);
  if (model === null) {
    throw new InvalidParameterError(`unknown model "${id}"`, { model: id });
  }
  checkRole(model, method);
  if (!settingFitsScene(model.setting, bands)) {
    const needed = model.setting.scenes?.bandsNeeded[bands.level] ?? [];
    throw new InvalidParameterError(
      `model ${model.id} (setting ${model.setting.id}) needs ${misfitText(model.setting, bands)}; ` +
        `this scene has ${bands.bands.join(', ')}`,
      { model: model.id, setting: model.setting.id, needed: [...needed] },
    );
  }
  return model;
}

/**
 * The model of a request: the named one (checked against the scene), or the default of the
 * first setting that fits the scene and has one (so a Level-2 scene falls back from
 * `landsat-b10-wv-ndvi` to `landsat-b10-ndvi` while the former has no default model).
 */
export function chooseModel(
  scene: SceneDescription,
  request: ModelProductRequest,
  catalog: ModelCatalog,
): ModelChoice {
  const bands = summary(scene);
  if (request.model !== undefined) {
    const model = namedModel(bands, request.model, request.method, catalog);
    return { model, settingsWithoutDefault: [] };
  }
  const settings = settingsForScene(bands);
  if (settings.length === 0) throw refusal(bands, request);
  const settingsWithoutDefault: string[] = [];
  for (const setting of settings) {
    const model = catalog.defaultFor(setting.id, request.method);
    if (model !== null) return { model, settingsWithoutDefault };
    settingsWithoutDefault.push(setting.id);
  }
  throw new InvalidParameterError(
    `no default ${request.method} model is installed for setting ${settings.map((s) => s.id).join(' or ')} ` +
      `(models/defaults/<setting>/); train one with npm run train:defaults or pass a model id`,
    { settings: settings.map((s) => s.id) },
  );
}

/** The model of a request (see {@link chooseModel}). */
export function resolveModel(
  scene: SceneDescription,
  request: ModelProductRequest,
  catalog: ModelCatalog,
): CatalogModel {
  return chooseModel(scene, request, catalog).model;
}

/** Range of the NDVI proxy the models were trained on (setting-dataset.ts). */
const NDVI_RANGE: readonly [number, number] = [-0.2, 0.85];

function clampInPlace(values: Float32Array, [low, high]: readonly [number, number]): Float32Array {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < low) values[i] = low;
    else if (value > high) values[i] = high;
  }
  return values;
}

type FeatureReader = {
  inputs: string[];
  notes: string[];
  read: (bands: BlockBands) => Float32Array;
  finalNotes?: () => string[];
};

function featureReaders(
  scene: SceneDescription,
  setting: LstSetting,
  parameters: LstParameters,
  inversion: BrightnessInversion,
): { readers: FeatureReader[]; resolved: Record<string, unknown> } {
  const level = sceneLevel(scene);
  const resolved: Record<string, unknown> = { inversion };
  const readers = setting.features.map((feature): FeatureReader => {
    const source = feature.source;
    if (source.kind === 'brightness-temperature') {
      const band = thermalSource(scene, level, source.band, inversion);
      return {
        inputs: band.inputs,
        notes: [band.note],
        read: (bands) => band.brightnessKelvin(band.radiance(bands)),
      };
    }
    if (source.kind === 'ndvi') {
      const step = ndviStep(scene, level);
      return {
        inputs: [step.red, step.nir],
        notes: [
          `${step.notes.join('; ')}; clamped to the NDVI proxy's training range ${NDVI_RANGE[0]}…${NDVI_RANGE[1]}`,
        ],
        read: (bands) => clampInPlace(step.compute(bands).ndvi, NDVI_RANGE),
      };
    }
    const water = waterVapourFeature(scene, level, source, parameters);
    Object.assign(resolved, water.parameters);
    return water;
  });
  return { readers, resolved };
}

function outputIndexOf(model: CatalogModel, request: ModelProductRequest): number {
  if (request.product === 'lst') return 0;
  const band = request.parameters?.band ?? model.setting.bands[0] ?? '';
  const index = model.setting.targets.indexOf(`emissivity.${band}`);
  if (index < 0) {
    throw new InvalidParameterError(
      `model ${model.id} predicts the emissivity of ${model.setting.bands.join(', ')}, not "${band}"`,
      { band, bands: [...model.setting.bands] },
    );
  }
  return index;
}

/** A note when the model's simulated sensor is not the scene's (Landsat 9 on Landsat 8 data). */
function sensorNote(scene: SceneDescription, model: CatalogModel): string[] {
  if (scene.sensor !== 'landsat9-oli-tirs' || model.metadata.sensor !== 'landsat-8') return [];
  return [
    'the model was trained on simulated Landsat 8 TIRS data and is applied to Landsat 9 TIRS-2 unchanged',
  ];
}

/** Interleaves per-feature arrays into `rows × features` rows. */
function interleave(columns: readonly Float32Array[]): Float32Array {
  const rows = columns[0]?.length ?? 0;
  const width = columns.length;
  const out = new Float32Array(rows * width);
  columns.forEach((column, c) => {
    for (let r = 0; r < rows; r++) out[r * width + c] = column[r] as number;
  });
  return out;
}

/** What the product records of its model: id, setting, role, metadata. */
function modelParameters(choice: ModelChoice, output: string): Record<string, unknown> {
  const { model } = choice;
  return {
    model: model.id,
    role: model.role ?? methodOfModel(model),
    setting: model.setting.id,
    ...(choice.settingsWithoutDefault.length > 0
      ? { settingsWithoutDefault: choice.settingsWithoutDefault }
      : {}),
    output,
    modelMetadata: {
      name: model.metadata.name,
      method: model.metadata.method,
      parameters: model.parameters,
      sensor: model.metadata.sensor,
      trainingDataHash: model.metadata.trainingDataHash,
      commandLine: model.metadata.commandLine,
      metrics: model.metadata.metrics,
      createdAt: model.metadata.createdAt,
    },
  };
}

/** The first notes of the product: which network, and any setting it fell back from. */
function modelNotes(choice: ModelChoice, method: ModelMethod, output: string): string[] {
  const { model } = choice;
  const fallback = choice.settingsWithoutDefault;
  return [
    `${output} by the ${method} network ${model.id} (setting ${model.setting.id}, ` +
      `${model.parameters} parameters, ${model.metadata.method}) trained on simulated ` +
      `${model.metadata.sensor} data (sha256 ${model.metadata.trainingDataHash.slice(0, 12)}…)`,
    ...(fallback.length > 0
      ? [
          `no default ${method} model is installed for setting ${fallback.join(' or ')}, which ` +
            `fits this scene first; the default of ${model.setting.id} ran instead`,
        ]
      : []),
  ];
}

/**
 * The plan of a network product on a scene. Throws InvalidParameterError when no setting fits
 * the scene (naming the bands each setting needs), the model is unknown or does not fit, and the
 * typed errors of the band steps (MissingBandError, MetadataError).
 */
export function planModelProduct(
  scene: SceneDescription,
  request: ModelProductRequest,
  catalog: ModelCatalog,
): ModelProductPlan {
  const choice = chooseModel(scene, request, catalog);
  const { model } = choice;
  const parameters = request.parameters ?? {};
  // The simulator's Tb is the band-integrated Planck inversion; K1/K2 only when asked.
  const inversion = parameters.inversion ?? 'band-integrated';
  const { readers, resolved } = featureReaders(scene, model.setting, parameters, inversion);
  const outputIndex = outputIndexOf(model, request);
  const featureInputs = [...new Set(readers.flatMap((reader) => reader.inputs))];
  const thermal = featureInputs.filter((name) => /^(B1[01]|ST_TRAD)$/.test(name));
  const mask = qaMaskStep(scene, parameters.mask ?? [], thermal);
  const output = model.setting.targets[outputIndex] ?? '';

  return {
    kind: 'model',
    label: `${request.method} ${request.product}`,
    model,
    inputs: [...new Set([...featureInputs, ...mask.inputs])],
    parameters: { ...resolved, ...mask.parameters, ...modelParameters(choice, output) },
    notes: [
      ...modelNotes(choice, request.method, output),
      ...readers.flatMap((reader) => reader.notes),
      ...sensorNote(scene, model),
      ...mask.notes,
    ],
    featureCount: readers.length,
    features: (bands) => interleave(readers.map((reader) => reader.read(bands))),
    outputIndex,
    mask,
    finalNotes: () => readers.flatMap((reader) => reader.finalNotes?.() ?? []),
  };
}
