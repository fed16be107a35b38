/**
 * The body of `POST /api/scenes/:id/products`, validated with zod: the product kind, its method
 * and the parameters, unknown keys refused (a typo is never silently replaced by a default). The
 * API's defaults are filled in here so the 202 response and the stored product state them: mask
 * cloud + fill, water and snow emissivity from the QA bits.
 */
import { z } from 'zod';
import { EMISSIVITY_METHODS } from '../src/retrieval/emissivity-step.js';
import { DEFAULT_MASK, MASK_FLAGS } from '../src/retrieval/qa-mask-step.js';
import { PRODUCT_KINDS, PRODUCT_METHODS, type ProductRequest } from '../src/retrieval/product.js';
import { RTE_INVERSIONS } from '../src/retrieval/rte.js';
import { WATER_VAPOUR_SOURCES } from '../src/retrieval/water-vapour-step.js';

const finite = z.number().finite();

/**
 * Parameters of every product (see LstParameters in src/retrieval/lst-parameters.ts for units and
 * meaning); domains that depend on the scene or method are checked by the physics modules.
 */
export const productParametersSchema = z
  .object({
    waterVapourGcm2: finite.optional(),
    emissivitySet: z.string().min(1).optional(),
    transmittance: finite.optional(),
    upwellingRadianceWm2SrUm: finite.optional(),
    downwellingRadianceWm2SrUm: finite.optional(),
    mask: z.array(z.enum(MASK_FLAGS)).max(MASK_FLAGS.length).optional(),
    inversion: z.enum(RTE_INVERSIONS).optional(),
    stRange: z.enum(['open', 'usgs-st']).optional(),
    emissivityMethod: z.enum(EMISSIVITY_METHODS).optional(),
    landCoverBand: z.string().min(1).optional(),
    waterSnowFromQa: z.boolean().optional(),
    waterVapourSource: z.enum(WATER_VAPOUR_SOURCES).optional(),
    waterVapourBand: z.string().min(1).optional(),
    waterVapourUnit: z.enum(['g/cm2', 'cm', 'kg/m2', 'mm']).optional(),
    waterVapourScale: finite.optional(),
    waterVapourOffset: finite.optional(),
    covarianceWindowPx: z.number().int().optional(),
    band: z.string().min(1).optional(),
    airTemperatureKelvin: finite.optional(),
    standardAtmosphere: z
      .enum(['usa-1976', 'tropical', 'mid-latitude-summer', 'mid-latitude-winter'])
      .optional(),
  })
  .strict();

/** Request of one product (without the scene id). `method` defaults by kind, except for lst. */
export const productRequestSchema = z
  .object({
    product: z.enum(PRODUCT_KINDS),
    method: z.string().min(1).optional(),
    /** Model id for the methods `student`/`teacher`; default: the scene's default model. */
    model: z.string().min(1).max(200).optional(),
    parameters: productParametersSchema.optional(),
  })
  .strict()
  .superRefine((request, context) => {
    const methods = PRODUCT_METHODS[request.product];
    if (request.method === undefined && request.product === 'lst') {
      context.addIssue({
        code: 'custom',
        path: ['method'],
        message: `lst needs a method; known: ${methods.join(', ')}`,
      });
    }
    if (request.method === undefined || methods.includes(request.method)) return;
    context.addIssue({
      code: 'custom',
      path: ['method'],
      message: `unknown ${request.product} method "${request.method}"; known: ${methods.join(', ')}`,
    });
  });

/** A parsed product request. */
export type ProductRequestBody = z.infer<typeof productRequestSchema>;

/** The request with the API's defaults filled in (mask cloud + fill, water/snow from QA). */
export function withApiDefaults(request: ProductRequestBody): ProductRequest {
  const parameters = request.parameters ?? {};
  return {
    product: request.product,
    ...(request.method === undefined ? {} : { method: request.method }),
    ...(request.model === undefined ? {} : { model: request.model }),
    parameters: {
      ...parameters,
      mask: parameters.mask ?? [...DEFAULT_MASK],
      waterSnowFromQa: parameters.waterSnowFromQa ?? true,
    },
  };
}
