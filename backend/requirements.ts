/**
 * Synchronous check, before a job is queued, that a scene can give the requested product: the
 * physics module's own plan (bands, product level, calibration, parameter domains), so a
 * doomed job is answered 422/400 at once instead of failing later.
 */
import { planLst } from '../src/retrieval/lst-product.js';
import type { LstMethod, LstParameters } from '../src/retrieval/lst-parameters.js';
import type { StoredScene } from './scene-store.js';

/**
 * Throws what the retrieval would throw before reading a pixel: MissingBandError (e.g. LST on a
 * scene without thermal bands), InvalidParameterError (method vs. level, parameter domains),
 * MetadataError (calibration missing from the MTL).
 */
export function checkProductRequirements(
  scene: StoredScene,
  method: LstMethod,
  parameters: LstParameters = {},
): void {
  planLst(scene, method, parameters);
}
