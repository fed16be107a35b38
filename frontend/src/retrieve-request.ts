/**
 * The Retrieve panel's inputs turned into an API request, and the 202 answer's resolved
 * parameters turned into text. Only the parameters the chosen method reads are sent; an empty
 * input is left out so the server's default applies (and its note says so); the mask checkbox
 * ticked sends nothing (the API masks cloud and fill), unticked masks fill pixels only.
 */
import type { ProductParameters, ProductRequestBody } from './api-products.js';
import { productMethod, type ParameterName } from './product-catalog.js';

/** What the panel's inputs hold, as text (empty: not given). */
export interface RetrieveFormValues {
  product: string;
  method: string;
  waterVapourGcm2: string;
  /** Empty: the API default (constant). */
  waterVapourSource: string;
  /** Empty: the sensor's default set. */
  emissivitySet: string;
  airTemperatureKelvin: string;
  /** Empty: the API default (k1k2). */
  inversion: string;
  transmittance: string;
  upwellingRadianceWm2SrUm: string;
  downwellingRadianceWm2SrUm: string;
  /** Mask clouds (QA band) as the API does by default. */
  maskClouds: boolean;
}

/** A panel input that does not hold a number. */
export class FormInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormInputError';
  }
}

/** Mask sent when clouds are not masked: fill pixels stay noData. */
export const FILL_ONLY_MASK: readonly string[] = ['fill'];

const NUMBER_LABELS = {
  waterVapourGcm2: 'water vapour (g/cm2)',
  airTemperatureKelvin: 'air temperature (K)',
  transmittance: 'transmittance τ',
  upwellingRadianceWm2SrUm: 'upwelling radiance L↑',
  downwellingRadianceWm2SrUm: 'downwelling radiance L↓',
} as const;

type NumberParameter = keyof typeof NUMBER_LABELS;
type NameParameter = 'waterVapourSource' | 'emissivitySet' | 'inversion';

function isNumberParameter(name: ParameterName): name is NumberParameter {
  return name in NUMBER_LABELS;
}

function parsedNumber(name: NumberParameter, text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    throw new FormInputError(`${NUMBER_LABELS[name]}: "${trimmed}" is not a number`);
  }
  return value;
}

/** Whether the constant water vapour applies: no other source chosen. */
function usesConstantWaterVapour(values: RetrieveFormValues, names: readonly ParameterName[]) {
  return (
    !names.includes('waterVapourSource') || ['', 'constant'].includes(values.waterVapourSource)
  );
}

/**
 * The request body of the panel's values: the product, its method and the parameters the
 * method reads (see {@link RetrieveFormValues} for empty inputs and the mask).
 * @throws FormInputError when a number input holds text that is not a finite number.
 */
export function buildProductRequest(values: RetrieveFormValues): ProductRequestBody {
  const names = productMethod(values.product, values.method)?.parameters ?? ['mask'];
  const parameters: ProductParameters = {};
  for (const name of names) {
    if (name === 'mask') {
      if (!values.maskClouds) parameters.mask = [...FILL_ONLY_MASK];
    } else if (isNumberParameter(name)) {
      if (name === 'waterVapourGcm2' && !usesConstantWaterVapour(values, names)) continue;
      const value = parsedNumber(name, values[name]);
      if (value !== undefined) parameters[name] = value;
    } else {
      const text = values[name satisfies NameParameter];
      if (text !== '') parameters[name] = text;
    }
  }
  const body: ProductRequestBody = { product: values.product, method: values.method };
  return Object.keys(parameters).length === 0 ? body : { ...body, parameters };
}

/**
 * One resolved parameter as text: numbers to six significant digits, lists comma-separated
 * (`none` when empty), objects as compact JSON.
 */
export function formatResolvedValue(value: unknown): string {
  if (typeof value === 'number') return String(Number(value.toPrecision(6)));
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(String).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
