/**
 * Which product × method requests a scene can run, answered by the same check the product POST
 * runs ({@link checkProductRequirements}), never by a second copy of the rules: each method is
 * planned with the API's defaults; a refusal is then planned again with a stand-in for every
 * parameter only the user can give (air temperature, τ/L↑/L↓, a band name). A method that passes
 * then needs those parameters; one that is still refused cannot run on the scene, and its reason
 * is the one-line message the POST answers.
 */
import type { ModelCatalog } from '../src/models/lst/model-catalog.js';
import type { LstParameters } from '../src/retrieval/lst-parameters.js';
import { PRODUCT_KINDS, PRODUCT_METHODS, type ProductKind } from '../src/retrieval/product.js';
import { describeError } from './errors.js';
import { withApiDefaults, type ProductRequestBody } from './product-request.js';
import { checkProductRequirements } from './requirements.js';
import type { StoredScene } from './scene-store.js';

/** `available`: runs with the API defaults; `needs-parameters`: runs once `needs` are given. */
export type MethodStatus = 'available' | 'needs-parameters' | 'unavailable';

/** Whether one method of one product kind runs on a scene, and if not, why. */
export interface MethodAvailability {
  product: ProductKind;
  method: string;
  status: MethodStatus;
  /** Parameters the request must give (needs-parameters only), in the API's names. */
  needs?: string[];
  /** HTTP status the POST answers a request with the defaults (400, 422); absent when available. */
  httpStatus?: number;
  /** Error code of that refusal (`MISSING_BAND`, `INVALID_PARAMETER`). */
  code?: string;
  /** Its one-line message, as the POST answers it. */
  reason?: string;
}

/**
 * Stand-ins for the parameters the API has no default for: any value inside the parameter's
 * domain, only whether the plan then passes is read. Band names stand in as the scene's first band.
 */
const NUMBER_STAND_INS = {
  airTemperatureKelvin: 300,
  transmittance: 0.8,
  upwellingRadianceWm2SrUm: 1,
  downwellingRadianceWm2SrUm: 1.5,
} as const satisfies LstParameters;
const BAND_STAND_INS = ['landCoverBand', 'waterVapourBand'] as const;

type Parameters = NonNullable<ProductRequestBody['parameters']>;

function standIns(scene: StoredScene): Parameters {
  const firstBand = scene.bands[0]?.name;
  const bands: Parameters = {};
  if (firstBand !== undefined) for (const name of BAND_STAND_INS) bands[name] = firstBand;
  return { ...NUMBER_STAND_INS, ...bands };
}

/** Whether the check passes; a refusal that is not a 4xx (a bug) is thrown on. */
function passes(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (describeError(error).status >= 500) throw error;
    return false;
  }
}

/**
 * The stand-in parameters a passing request cannot do without: those the resolved plan uses and
 * without which the check fails again (mono-window uses a given τ, but needs only the air
 * temperature).
 */
function neededParameters(
  check: (parameters: Parameters) => { parameters: Record<string, unknown> },
  given: Parameters,
): string[] | null {
  let resolved: Record<string, unknown>;
  try {
    resolved = check(given).parameters;
  } catch (error) {
    if (describeError(error).status >= 500) throw error;
    return null;
  }
  const used = Object.keys(given).filter((name) => name in resolved);
  const needed = used.filter((name) => {
    const without = Object.fromEntries(Object.entries(given).filter(([key]) => key !== name));
    return !passes(() => check(without));
  });
  // Alternatives (either parameter suffices): none is needed alone, the used ones together are.
  return needed.length === 0 ? used : needed;
}

/** The availability of one method on the scene. */
function methodAvailability(
  scene: StoredScene,
  product: ProductKind,
  method: string,
  models: ModelCatalog,
): MethodAvailability {
  const check = (parameters: Parameters) =>
    checkProductRequirements(scene, withApiDefaults({ product, method, parameters }), models);
  try {
    check({});
    return { product, method, status: 'available' };
  } catch (error) {
    const { status, body } = describeError(error);
    if (status >= 500) throw error;
    const refusal = { httpStatus: status, code: body.error.code, reason: body.error.message };
    const needs = neededParameters(check, standIns(scene));
    if (needs === null) {
      return { product, method, status: 'unavailable', ...refusal };
    }
    return { product, method, status: 'needs-parameters', needs, ...refusal };
  }
}

/**
 * Every product kind × method of the API (PRODUCT_KINDS × PRODUCT_METHODS order) with whether it
 * runs on the scene. `models`: the catalog the POST plans network methods with.
 */
export function sceneMethodAvailability(
  scene: StoredScene,
  models: ModelCatalog,
): MethodAvailability[] {
  return PRODUCT_KINDS.flatMap((product) =>
    PRODUCT_METHODS[product].map((method) => methodAvailability(scene, product, method, models)),
  );
}
