/**
 * Every product kind the platform computes — lst, emissivity, ndvi, water-vapour,
 * brightness-temperature — with its methods, default method and unit; {@link planProduct} checks a
 * request against a scene before any pixel is read, {@link computeProduct} runs it.
 */
import { InvalidParameterError } from '../errors.js';
import { isModelMethod, MODEL_METHODS, type ModelCatalog } from '../models/lst/model-catalog.js';
import { planModelProduct, type ModelProductPlan } from '../models/lst/model-plan.js';
import { computeModelProduct } from '../models/lst/model-product.js';
import type { PixelPredictorFactory } from '../models/lst/model-runner.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { EMISSIVITY_METHODS } from './emissivity-step.js';
import { LST_METHODS, type LstMethod, type LstParameters } from './lst-parameters.js';
import type { ProductPlan } from './lst-plans.js';
import {
  computeLst,
  earthRangeNote,
  planLst,
  runPlan,
  withQaMask,
  type LstInput,
  type ProductRaster,
} from './lst-product.js';
import {
  planBrightnessTemperature,
  planEmissivity,
  planNdvi,
  planWaterVapour,
} from './product-plans.js';
import { modisRequestRefusal } from './modis-requests.js';
import { storablePhysicalValues } from './physical-range.js';
import { RTE_INVERSIONS } from './rte.js';
import { sceneLevel } from './scene-bands.js';
import { WATER_VAPOUR_SOURCES } from './water-vapour-step.js';

/** Product kinds. */
export const PRODUCT_KINDS = [
  'lst',
  'emissivity',
  'ndvi',
  'water-vapour',
  'brightness-temperature',
] as const;

/** One product kind. */
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** The methods of each kind (emissivity: how; water-vapour: source; brightness: inversion). */
export const PRODUCT_METHODS: Readonly<Record<ProductKind, readonly string[]>> = {
  lst: LST_METHODS,
  emissivity: [...EMISSIVITY_METHODS, ...MODEL_METHODS],
  ndvi: ['ndvi'],
  'water-vapour': WATER_VAPOUR_SOURCES,
  'brightness-temperature': RTE_INVERSIONS,
};

/** The method used when a request names none; LST has no default (the choice matters). */
export const DEFAULT_PRODUCT_METHODS: Readonly<Record<ProductKind, string | null>> = {
  lst: null,
  emissivity: 'ndvi-threshold',
  ndvi: 'ndvi',
  'water-vapour': 'covariance-ratio',
  'brightness-temperature': 'k1k2',
};

/** Unit of each kind's values. */
export const PRODUCT_UNITS: Readonly<Record<ProductKind, string>> = {
  lst: 'K',
  emissivity: 'unitless',
  ndvi: 'unitless',
  'water-vapour': 'g/cm2',
  'brightness-temperature': 'K',
};

/**
 * A product request: kind, method (default by kind), parameters, and for the network methods
 * `student`/`teacher` (lst, emissivity) an optional model id (default: the scene's default model).
 */
export interface ProductRequest {
  product: ProductKind;
  method?: string;
  model?: string;
  parameters?: LstParameters & { band?: string };
}

/** What planning and computing a network product needs besides the scene. */
export interface ProductModels {
  /** Models the network methods may use (e.g. the shipped defaults). */
  models?: ModelCatalog;
  /** Opens a model's predictor (Node: filePredictorFactory of default-catalog-node.ts). */
  predictors?: PixelPredictorFactory;
}

/** A checked request: the plan (QA mask included) with its resolved method and unit. */
export interface PlannedProduct {
  product: ProductKind;
  method: string;
  unit: string;
  /** A physics plan, or the plan of a network product (`kind: 'model'`). */
  plan: ProductPlan | ModelProductPlan;
}

function resolveMethod(request: ProductRequest): string {
  const methods = PRODUCT_METHODS[request.product];
  const method = request.method ?? DEFAULT_PRODUCT_METHODS[request.product];
  if (method === null) {
    throw new InvalidParameterError(
      `product ${request.product} needs a method; known: ${methods.join(', ')}`,
      { product: request.product, known: [...methods] },
    );
  }
  if (!methods.includes(method)) {
    throw new InvalidParameterError(
      `unknown ${request.product} method "${method}"; known: ${methods.join(', ')}`,
      { product: request.product, method, known: [...methods] },
    );
  }
  return method;
}

function unmaskedPlan(
  scene: SceneDescription,
  product: ProductKind,
  method: string,
  parameters: LstParameters,
): ProductPlan {
  const level = sceneLevel(scene);
  switch (product) {
    case 'lst':
      return planLst(scene, method as LstMethod, parameters);
    case 'emissivity':
      return planEmissivity(scene, level, { ...parameters, emissivityMethod: method as never });
    case 'ndvi':
      return planNdvi(scene, level);
    case 'water-vapour':
      return planWaterVapour(scene, level, { ...parameters, waterVapourSource: method as never });
    case 'brightness-temperature':
      return planBrightnessTemperature(scene, level, { ...parameters, inversion: method as never });
  }
}

/**
 * The plan of a product request on a scene, with the QA mask; throws the typed error of the first
 * check that fails (unknown method, missing band, wrong level, parameter out of its domain).
 */
export function planProduct(
  scene: SceneDescription,
  request: ProductRequest,
  options: ProductModels = {},
): PlannedProduct {
  const method = resolveMethod(request);
  const parameters = request.parameters ?? {};
  const unit = PRODUCT_UNITS[request.product];
  const modisRefusal = modisRequestRefusal(scene, request.product, method);
  if (modisRefusal !== null) throw modisRefusal;
  if (isModelMethod(method) && (request.product === 'lst' || request.product === 'emissivity')) {
    if (options.models === undefined) {
      throw new InvalidParameterError(`${request.product} method ${method} needs a model catalog`);
    }
    const plan = planModelProduct(
      scene,
      {
        product: request.product,
        method,
        parameters,
        ...(request.model === undefined ? {} : { model: request.model }),
      },
      options.models,
    );
    return { product: request.product, method, unit, plan };
  }
  if (request.model !== undefined) {
    throw new InvalidParameterError(
      `model applies to methods ${MODEL_METHODS.join(' and ')} only, not ${method}`,
      { method, model: request.model },
    );
  }
  const plan = withQaMask(
    scene,
    unmaskedPlan(scene, request.product, method, parameters),
    parameters,
  );
  return { product: request.product, method, unit, plan };
}

/** Input of {@link computeProduct}. */
export type ProductInput = Omit<LstInput, 'method' | 'parameters'> & {
  request: ProductRequest;
} & ProductModels;

/**
 * Computes a requested product over the whole scene in row blocks. Values outside the product's
 * physical range (physical-range.ts: LST ≤ 0 K, emissivity ≤ 0 or > 1, ±Infinity) are stored as
 * noData and counted in the notes.
 */
export async function computeProduct(input: ProductInput): Promise<ProductRaster<string>> {
  const planned = planProduct(input.scene, input.request, input);
  if ('kind' in planned.plan) {
    const raster = await computeModelProduct(planned.plan, planned.method, planned.unit, input);
    const rangeNotes = storablePhysicalValues(planned.product, raster.data);
    const note = planned.product === 'lst' ? earthRangeNote(raster.data) : null;
    return { ...raster, notes: [...raster.notes, ...rangeNotes, ...(note === null ? [] : [note])] };
  }
  if (planned.product === 'lst') {
    const { request, ...rest } = input;
    return computeLst({
      ...rest,
      method: planned.method as LstMethod,
      parameters: request.parameters ?? {},
    });
  }
  const raster = await runPlan(planned.plan, planned.unit, planned.method, input);
  raster.notes.push(...storablePhysicalValues(planned.product, raster.data));
  return raster;
}
