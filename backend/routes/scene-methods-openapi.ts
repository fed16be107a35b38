/**
 * OpenAPI 3.1 component schema of `GET /api/scenes/{id}/methods` (merged into backend/openapi.ts):
 * the JSON shape of {@link MethodAvailability} in backend/method-availability.ts.
 */
import { PRODUCT_KINDS } from '../../src/retrieval/product.js';

type JsonSchema = Record<string, unknown>;

const methodAvailabilitySchema: JsonSchema = {
  type: 'object',
  required: ['product', 'method', 'status'],
  properties: {
    product: { type: 'string', enum: [...PRODUCT_KINDS] },
    method: { type: 'string' },
    status: {
      enum: ['available', 'needs-parameters', 'unavailable'],
      description:
        'available: the product POST accepts it with the API defaults; needs-parameters: it ' +
        'does once the parameters in needs are given; unavailable: this scene cannot run it',
    },
    needs: {
      type: 'array',
      items: { type: 'string' },
      description: 'Parameters the request must give (needs-parameters only)',
      examples: [['airTemperatureKelvin']],
    },
    httpStatus: {
      type: 'integer',
      description: 'Status the POST answers a request with the defaults (absent when available)',
    },
    code: { type: 'string', description: 'Error code of that refusal, e.g. MISSING_BAND' },
    reason: {
      type: 'string',
      description: 'One-line message of that refusal, as the POST says it',
    },
  },
};

const sceneMethodsSchema: JsonSchema = {
  type: 'object',
  required: ['sceneId', 'methods'],
  properties: {
    sceneId: { type: 'string', format: 'uuid' },
    methods: {
      type: 'array',
      description: 'Every product kind × method of the API, in the order of x-methods',
      items: { $ref: '#/components/schemas/MethodAvailability' },
    },
  },
};

/** `components.schemas` entries of the scene-methods route. */
export const SCENE_METHODS_COMPONENT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  MethodAvailability: methodAvailabilitySchema,
  SceneMethods: sceneMethodsSchema,
};
