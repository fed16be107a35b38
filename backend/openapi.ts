/**
 * The OpenAPI 3.1 description of the HTTP API, served at `GET /api/openapi.json`. Paths are
 * written as data; the product request and the query parameters come from the zod schemas the
 * routes parse with, so the two cannot drift. test/api-openapi.test.ts checks that every route
 * registered on the app is described here, and nothing more.
 */
import { z } from 'zod';
import { statisticsQuerySchema } from './layer-statistics.js';
import { bidxSchema, expressionSchema } from './routes/layers.js';
import {
  DEFAULT_PRODUCT_METHODS,
  PRODUCT_KINDS,
  PRODUCT_METHODS,
} from '../src/retrieval/product.js';
import { productRequestSchema } from './retrieve-job.js';
import { pointQuerySchema, tileQuerySchema } from './tile-service.js';
import type { JsonSchema } from './openapi-schemas.js';
import { COMPONENT_SCHEMAS, ERROR_CODES } from './openapi-schemas.js';
import { UPLOAD_FIELD } from './upload.js';
import { ZONAL_COMPONENT_SCHEMAS, zonalPaths } from './routes/zones-openapi.js';
import { modelComponentSchemas, modelPaths } from './routes/models-openapi.js';
import { SCENE_METHODS_COMPONENT_SCHEMAS } from './routes/scene-methods-openapi.js';

/** An OpenAPI 3.1 document (only the fields this backend fills). */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema> };
}

/** The operations of one path, by lower-case HTTP method. */
export type PathItem = Record<string, JsonSchema>;

/** Version of the HTTP API (not of the package). */
const API_VERSION = '0.1.0';

/** Statuses answered with the `{error: {code, message}}` body. */
const ERROR_STATUSES = [400, 404, 409, 413, 415, 422, 500] as const;
type ErrorStatus = (typeof ERROR_STATUSES)[number];

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const jsonResponse = (description: string, schema: JsonSchema): JsonSchema => ({
  description,
  content: { 'application/json': { schema } },
});

/** Operation responses: the success ones, then the error statuses as component references. */
function responses(success: Record<string, JsonSchema>, errors: ErrorStatus[]): JsonSchema {
  const all: Record<string, JsonSchema> = { ...success };
  for (const status of [...errors, 500]) {
    all[String(status)] = { $ref: `#/components/responses/Error${status}` };
  }
  return all;
}

function pathParameter(
  name: string,
  description: string,
  schema: JsonSchema = { type: 'string' },
): JsonSchema {
  return { name, in: 'path', required: true, description, schema };
}

const sceneIdParam = pathParameter('id', 'Scene id (UUID)');
const productIdParam = pathParameter('id', 'Product id (UUID)');
const jobIdParam = pathParameter('id', 'Job id (UUID)');
const bandNameParam = pathParameter('name', 'Sensor band name, e.g. B10, ST_B10, b1');
const tileParams = [
  pathParameter('z', 'Zoom level', { type: 'integer', minimum: 0, maximum: 30 }),
  pathParameter('x', 'Column of the XYZ (WebMercatorQuad) tile', { type: 'integer', minimum: 0 }),
  pathParameter('y', 'Row of the XYZ tile', { type: 'integer', minimum: 0 }),
];

/** Query parameters from a zod object schema, one per property, with a description each. */
function queryParameters(schema: z.ZodObject, descriptions: Record<string, string>): JsonSchema[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    description: descriptions[name] ?? '',
    schema: property,
  }));
}

const tileQuery = queryParameters(tileQuerySchema, {
  colormap_name: 'Colormap name (see GET /api/colormaps); default inferno',
  colormap: 'Inline categorical colormap, JSON {"class id": "#rrggbb" or [r, g, b]}',
  rescale: "'min,max' in physical units; default the layer's 2nd and 98th percentiles",
  resampling: 'Pixel resampling; default nearest',
});
const pointQuery = queryParameters(pointQuerySchema, {
  lon: 'Longitude, WGS 84 degrees',
  lat: 'Latitude, WGS 84 degrees',
});
const bidxQuery = queryParameters(bidxSchema, {
  bidx: '1-based band index in the scene (TiTiler)',
});
const expressionQuery = queryParameters(expressionSchema, {
  expression:
    'Band math over the scene band names, e.g. (B5-B4)/(B5+B4); + - * /, sqrt, abs, log, ' +
    'min, max; at most 256 characters and 64 tokens; replaces bidx',
});
const statisticsQuery = queryParameters(statisticsQuerySchema, {
  bins: 'Histogram bins, 1..1024; default 10',
});

/** The product request's JSON Schema, derived from the zod schema the route parses with. */
function productRequestJsonSchema(): JsonSchema {
  const schema: JsonSchema = { ...z.toJSONSchema(productRequestSchema, { io: 'input' }) };
  delete schema.$schema;
  const methods = PRODUCT_KINDS.map((kind) => {
    const fallback = DEFAULT_PRODUCT_METHODS[kind];
    const known = PRODUCT_METHODS[kind].join(', ');
    return `${kind}: ${known} (${fallback === null ? 'no default' : `default ${fallback}`})`;
  }).join('; ');
  schema.description = `Methods by product kind: ${methods}`;
  schema['x-methods'] = PRODUCT_METHODS;
  return schema;
}

function scenePaths(): OpenApiDocument['paths'] {
  const fileSchema = { type: 'string', contentMediaType: 'application/octet-stream' };
  const upload = {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: [UPLOAD_FIELD],
          properties: {
            [UPLOAD_FIELD]: {
              type: 'array',
              items: fileSchema,
              description: 'Band GeoTIFFs and the MTL (txt or json), the field repeated per file',
            },
          },
        },
      },
    },
  };
  return {
    '/api/scenes': {
      post: {
        tags: ['scenes'],
        operationId: 'uploadScene',
        summary: 'Upload the files of one scene',
        requestBody: upload,
        responses: responses(
          { '201': jsonResponse('The stored scene', ref('Scene')) },
          [400, 413, 415, 422],
        ),
      },
      get: {
        tags: ['scenes'],
        operationId: 'listScenes',
        summary: 'List the stored scenes',
        responses: responses(
          { '200': jsonResponse('Scenes', { type: 'array', items: ref('Scene') }) },
          [],
        ),
      },
    },
    '/api/scenes/{id}': {
      get: {
        tags: ['scenes'],
        operationId: 'getScene',
        summary: 'Metadata of a scene',
        parameters: [sceneIdParam],
        responses: responses({ '200': jsonResponse('The scene', ref('Scene')) }, [404]),
      },
      delete: {
        tags: ['scenes'],
        operationId: 'deleteScene',
        summary: 'Delete a scene, its files, products and unfinished jobs',
        parameters: [sceneIdParam],
        responses: responses({ '204': { description: 'Deleted' } }, [404]),
      },
    },
    '/api/scenes/{id}/methods': {
      get: {
        tags: ['scenes', 'products'],
        operationId: 'sceneMethods',
        summary: 'Which product × method requests the scene can run, and why not the others',
        parameters: [sceneIdParam],
        responses: responses(
          { '200': jsonResponse('Every method with its status', ref('SceneMethods')) },
          [404],
        ),
      },
    },
  };
}

function productPaths(): OpenApiDocument['paths'] {
  const accepted = {
    type: 'object',
    required: ['jobId', 'product', 'method', 'unit', 'parameters', 'inputs', 'notes'],
    properties: {
      jobId: { type: 'string', format: 'uuid' },
      product: { type: 'string', enum: [...PRODUCT_KINDS] },
      method: {
        type: 'string',
        description: 'The method used (the default of the kind if none was asked)',
      },
      unit: { type: 'string', description: 'Unit of the product values (kelvin, g/cm2, 1)' },
      parameters: {
        type: 'object',
        description:
          'Every parameter the method uses, defaults included (mask, qaBand, inversion…)',
      },
      inputs: { type: 'array', items: { type: 'string' }, description: 'Scene bands read' },
      notes: { type: 'array', items: { type: 'string' } },
    },
  };
  return {
    '/api/scenes/{id}/products': {
      post: {
        tags: ['products'],
        operationId: 'requestProduct',
        summary: 'Request a product; answers the job computing it',
        parameters: [sceneIdParam],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('ProductRequest') } },
        },
        responses: responses(
          { '202': jsonResponse('The job was queued', accepted) },
          [400, 404, 413, 422],
        ),
      },
      get: {
        tags: ['products'],
        operationId: 'listProducts',
        summary: 'Products of a scene, newest first',
        parameters: [sceneIdParam],
        responses: responses(
          { '200': jsonResponse('Products', { type: 'array', items: ref('Product') }) },
          [404],
        ),
      },
    },
    '/api/products/{id}': {
      get: {
        tags: ['products'],
        operationId: 'getProduct',
        summary: 'Metadata and statistics of a product',
        parameters: [productIdParam],
        responses: responses({ '200': jsonResponse('The product', ref('Product')) }, [404]),
      },
    },
    '/api/products/{id}/download': {
      get: {
        tags: ['products'],
        operationId: 'downloadProduct',
        summary: 'The product as a GeoTIFF (NaN noData)',
        parameters: [productIdParam],
        responses: responses(
          {
            '200': {
              description: 'GeoTIFF named <scene>_<product>_<method>.tif',
              headers: { 'Content-Disposition': { schema: { type: 'string' } } },
              content: {
                'image/tiff': { schema: { type: 'string', contentMediaType: 'image/tiff' } },
              },
            },
          },
          [404],
        ),
      },
    },
  };
}

/** Layer routes: the same tile and TileJSON routes under each layer base, as the router has. */
function layerPaths(): OpenApiDocument['paths'] {
  const bases = [
    {
      base: '/api/products/{id}',
      what: 'a product',
      params: [productIdParam],
      query: [],
      id: 'Product',
    },
    {
      base: '/api/scenes/{id}/bands/{name}',
      what: 'a scene band',
      params: [sceneIdParam, bandNameParam],
      query: [],
      id: 'Band',
    },
    {
      base: '/api/scenes/{id}',
      what: 'a scene band by bidx',
      params: [sceneIdParam],
      query: [...bidxQuery, ...expressionQuery],
      id: 'SceneBidx',
    },
  ];
  const png = {
    description: 'A 256 px PNG tile; transparent outside the raster and on noData',
    headers: {
      ETag: { schema: { type: 'string' } },
      'Cache-Control': { schema: { type: 'string' } },
    },
    content: { 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } } },
  };

  const paths: OpenApiDocument['paths'] = {};
  for (const { base, what, params, query, id } of bases) {
    paths[`${base}/tiles/{z}/{x}/{y}.png`] = {
      get: {
        tags: ['layers'],
        operationId: `tile${id}`,
        summary: `A map tile of ${what}`,
        parameters: [...params, ...tileParams, ...query, ...tileQuery],
        responses: responses(
          { '200': png, '304': { description: 'If-None-Match matched the ETag' } },
          [400, 404],
        ),
      },
    };
    paths[`${base}/tilejson.json`] = {
      get: {
        tags: ['layers'],
        operationId: `tileJson${id}`,
        summary: `TileJSON of ${what}; its tile URL carries the style query`,
        parameters: [...params, ...query, ...tileQuery],
        responses: responses(
          { '200': jsonResponse('TileJSON 3.0.0', ref('TileJson')) },
          [400, 404],
        ),
      },
    };
    paths[`${base}/statistics`] = {
      get: {
        tags: ['layers'],
        operationId: `statistics${id}`,
        summary: `Statistics and histogram of ${what}, from a read of at most 1024 px a side`,
        parameters: [...params, ...query, ...statisticsQuery],
        responses: responses(
          { '200': jsonResponse('Statistics', ref('LayerStatistics')) },
          [400, 404],
        ),
      },
    };
  }
  const point = (params: JsonSchema[], what: string, operationId: string): PathItem => ({
    get: {
      tags: ['layers'],
      operationId,
      summary: `Physical value of ${what} at a lon/lat`,
      parameters: [...params, ...pointQuery],
      responses: responses({ '200': jsonResponse('The value', ref('PointValue')) }, [400, 404]),
    },
  });
  paths['/api/products/{id}/point'] = point([productIdParam], 'a product', 'pointProduct');
  paths['/api/scenes/{id}/bands/{name}/point'] = point(
    [sceneIdParam, bandNameParam],
    'a scene band',
    'pointBand',
  );
  paths['/api/scenes/{id}/point'] = {
    get: {
      tags: ['layers'],
      operationId: 'pointScene',
      summary: 'Values of every band and product of a scene (and an expression) at a lon/lat',
      parameters: [sceneIdParam, ...pointQuery, ...expressionQuery],
      responses: responses({ '200': jsonResponse('The values', ref('ScenePoint')) }, [400, 404]),
    },
  };
  return paths;
}

function jobPaths(): OpenApiDocument['paths'] {
  return {
    '/api/jobs/{id}': {
      get: {
        tags: ['jobs'],
        operationId: 'getJob',
        summary: 'State and progress of a job',
        parameters: [jobIdParam],
        responses: responses({ '200': jsonResponse('The job', ref('Job')) }, [404]),
      },
    },
    '/api/jobs/{id}/events': {
      get: {
        tags: ['jobs'],
        operationId: 'jobEvents',
        summary: 'Server-sent events: `event: job` with the Job as data, until a final state',
        parameters: [jobIdParam],
        responses: responses(
          {
            '200': {
              description: 'Event stream',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
          },
          [404],
        ),
      },
    },
    '/api/jobs/{id}/cancel': {
      post: {
        tags: ['jobs'],
        operationId: 'cancelJob',
        summary: 'Cancel a queued or running job',
        parameters: [jobIdParam],
        responses: responses(
          { '202': jsonResponse('The job, cancelled or cancelling', ref('Job')) },
          [404, 409],
        ),
      },
    },
  };
}

function metaPaths(): OpenApiDocument['paths'] {
  const health = {
    type: 'object',
    required: ['status', 'startedAt'],
    properties: { status: { const: 'ok' }, startedAt: { type: 'string', format: 'date-time' } },
  };
  const get = (operationId: string, summary: string, response: JsonSchema): PathItem => ({
    get: { tags: ['meta'], operationId, summary, responses: responses({ '200': response }, []) },
  });
  return {
    '/api/health': get(
      'health',
      'The server and its database answer',
      jsonResponse('Healthy', health),
    ),
    '/api/colormaps': get(
      'listColormaps',
      'Colormaps tiles accept as colormap_name, with legend stops',
      jsonResponse('Colormaps', { type: 'array', items: ref('Colormap') }),
    ),
    '/api/openapi.json': get(
      'openApi',
      'This description',
      jsonResponse('OpenAPI 3.1', { type: 'object' }),
    ),
  };
}

/** One response component per error status, listing the codes answered with it. */
function errorResponses(): Record<string, JsonSchema> {
  const entries = ERROR_STATUSES.map((status) => {
    const codes = Object.keys(ERROR_CODES).filter((code) => ERROR_CODES[code] === status);
    return [`Error${status}`, jsonResponse(`Error; code ${codes.join(', ')}`, ref('Error'))];
  });
  return Object.fromEntries(entries) as Record<string, JsonSchema>;
}

let cached: OpenApiDocument | null = null;

/** The description (built once per process). */
export function openApiDocument(): OpenApiDocument {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'rskd HTTP API',
      version: API_VERSION,
      description:
        'Upload Landsat scenes, retrieve land-surface temperature as jobs, and serve map tiles. ' +
        'Every failure answers {error: {code, message}}.',
    },
    paths: {
      ...metaPaths(),
      ...scenePaths(),
      ...productPaths(),
      ...layerPaths(),
      ...jobPaths(),
      ...zonalPaths(),
      ...modelPaths(),
    },
    components: {
      schemas: {
        ...COMPONENT_SCHEMAS,
        ...ZONAL_COMPONENT_SCHEMAS,
        ...SCENE_METHODS_COMPONENT_SCHEMAS,
        ...modelComponentSchemas(),
        ProductRequest: productRequestJsonSchema(),
      },
      responses: errorResponses(),
    },
  };
  return cached;
}
