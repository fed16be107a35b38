/**
 * Requesting a product (`POST /api/scenes/:id/products`): the request body the API validates
 * and the 202 answer that states the queued job and the choices the server resolved (method,
 * unit, every parameter with its default filled in, the bands read, notes).
 */
import { jsonPost, requestJson } from './api-request.js';

/** Parameters the page can send (names, units and domains as in the API's ProductRequest). */
export interface ProductParameters {
  /** Column water vapour, g/cm2. */
  waterVapourGcm2?: number;
  waterVapourSource?: string;
  emissivitySet?: string;
  /** Near-surface air temperature, kelvin (mono-window). */
  airTemperatureKelvin?: number;
  inversion?: string;
  /** Band-effective atmospheric transmittance τ, 0..1 (rte on Level-1, from-transmittance). */
  transmittance?: number;
  /** Upwelling path radiance L↑, W/(m2 sr um). */
  upwellingRadianceWm2SrUm?: number;
  /** Downwelling sky radiance L↓, W/(m2 sr um). */
  downwellingRadianceWm2SrUm?: number;
  /** QA flags whose pixels become noData (`cloud`, `fill`, `saturation`); [] masks nothing. */
  mask?: string[];
}

/** The body of a product request. */
export interface ProductRequestBody {
  product: string;
  /** Omitted: the kind's default method (LST has none and is refused without one). */
  method?: string;
  parameters?: ProductParameters;
}

/** The 202 answer: the job id and what the server resolved for the request. */
export interface ProductAccepted {
  jobId: string;
  product: string;
  method: string;
  unit: string;
  /** Every parameter the retrieval uses, defaults filled in (numbers, names, lists, objects). */
  parameters: Record<string, unknown>;
  /** Band names the retrieval reads. */
  inputs: string[];
  notes: string[];
}

/**
 * Starts a product job on a scene; resolves to the server's 202 answer.
 * @throws ApiError with the server's message when the request is refused (400, 404, 422).
 */
export function requestProduct(
  sceneId: string,
  body: ProductRequestBody,
): Promise<ProductAccepted> {
  return requestJson<ProductAccepted>(
    `scenes/${encodeURIComponent(sceneId)}/products`,
    jsonPost(body),
  );
}
