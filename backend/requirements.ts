/**
 * Synchronous check, before a job is queued, that a scene can give the requested product: the
 * physics module's own plan (bands, product level, calibration, parameter domains), so a
 * doomed job is answered 422/400 at once instead of failing later, and the 202 response can state
 * the resolved parameters.
 */
import type { ModelCatalog } from '../src/models/lst/model-catalog.js';
import { planProduct, type PlannedProduct, type ProductRequest } from '../src/retrieval/product.js';
import { lstModelCatalog } from './lst-models.js';
import type { StoredScene } from './scene-store.js';

/** What the 202 response states about a queued product: the plan's resolved choices. */
export interface ResolvedProduct {
  product: string;
  method: string;
  unit: string;
  /** Every parameter the retrieval uses, defaults filled in. */
  parameters: Record<string, unknown>;
  /** Band names it reads. */
  inputs: string[];
  notes: string[];
}

/**
 * Throws what the retrieval would throw before reading a pixel: MissingBandError (e.g. LST on a
 * scene without thermal bands), InvalidParameterError (method vs. level, parameter domains),
 * MetadataError (calibration missing from the MTL), InvalidParameterError for a network method
 * when no model fits the scene; otherwise the resolved product. `models` default: the shipped
 * defaults (pass lstModelCatalog(db) to include registered models).
 */
export function checkProductRequirements(
  scene: StoredScene,
  request: ProductRequest,
  models: ModelCatalog = lstModelCatalog(),
): ResolvedProduct {
  const planned: PlannedProduct = planProduct(scene, request, { models });
  return {
    product: planned.product,
    method: planned.method,
    unit: planned.unit,
    parameters: planned.plan.parameters,
    inputs: [...planned.plan.inputs],
    notes: [...planned.plan.notes],
  };
}
