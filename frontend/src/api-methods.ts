/**
 * The methods a scene can run (`GET /api/scenes/:id/methods`): every product kind × method of
 * the API with whether the product POST accepts it on that scene, the parameters it still needs,
 * or the one-line reason the POST refuses it with.
 */
import { requestJson } from './api-request.js';

/** `available`: runs with the defaults; `needs-parameters`: runs once `needs` are given. */
export type MethodStatus = 'available' | 'needs-parameters' | 'unavailable';

/** One product kind × method on one scene. */
export interface MethodAvailability {
  /** The API's product name (`lst`). */
  product: string;
  /** The API's method name (`split-window`). */
  method: string;
  status: MethodStatus;
  /** Parameters the request must give, in the API's names (needs-parameters only). */
  needs?: string[];
  /** HTTP status of the POST's refusal of a request with the defaults (absent when available). */
  httpStatus?: number;
  /** Error code of that refusal (`MISSING_BAND`). */
  code?: string;
  /** Its one-line message, as the POST says it. */
  reason?: string;
}

/** The answer of `GET /api/scenes/:id/methods`. */
export interface SceneMethods {
  sceneId: string;
  methods: MethodAvailability[];
}

/**
 * Every product × method of the API with whether it runs on the scene.
 * @throws ApiError with the server's message (404 for an unknown scene).
 */
export function getSceneMethods(sceneId: string): Promise<SceneMethods> {
  return requestJson<SceneMethods>(`scenes/${encodeURIComponent(sceneId)}/methods`);
}
