/**
 * The component schemas of the OpenAPI description (JSON Schema 2020-12, as OpenAPI 3.1 uses):
 * the JSON shapes of backend/views.ts, jobs.ts, tile-service.ts and errors.ts, written as data.
 */

/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

/**
 * Every `error.code` an error response can carry (backend/errors.ts and the typed errors of
 * src/errors.ts), with the HTTP status it is answered with.
 */
export const ERROR_CODES: Readonly<Record<string, number>> = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  INVALID_UPLOAD: 400,
  INVALID_FILE_NAME: 400,
  INVALID_TIFF: 400,
  INVALID_PARAMETER: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CANCELLED: 409,
  LIMIT_EXCEEDED: 413,
  UNSUPPORTED_RASTER: 415,
  UNKNOWN_CRS: 422,
  INVALID_METADATA: 422,
  INVALID_SCENE: 422,
  MISSING_BAND: 422,
  INTERNAL: 500,
};

const nullable = (type: string): { type: string[] } => ({ type: [type, 'null'] });

/** [west, south, east, north] in EPSG:4326 degrees. */
const boundsSchema: JsonSchema = {
  type: 'array',
  description: '[west, south, east, north], EPSG:4326 degrees',
  items: { type: 'number' },
  minItems: 4,
  maxItems: 4,
};

const warningSchema: JsonSchema = {
  type: 'object',
  description: 'A degraded-but-valid state with a stable code, e.g. NODATA_UNSET, NO_OVERVIEWS',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
};

const sceneSchema: JsonSchema = {
  type: 'object',
  required: [
    'id',
    'sceneId',
    'createdAt',
    'sensor',
    'level',
    'bands',
    'crs',
    'width',
    'height',
    'bounds',
    'warnings',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    sceneId: {
      ...nullable('string'),
      description: 'Landsat scene or product id, e.g. LC80200392015216LGN00',
    },
    createdAt: { type: 'string', format: 'date-time' },
    sensor: { type: 'string', examples: ['landsat8-oli-tirs', 'generic'] },
    level: { type: ['string', 'null'], enum: ['L1', 'L2', null] },
    bands: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'description', 'fileName'],
        properties: {
          name: {
            type: 'string',
            description: 'Sensor band name (B10, ST_B10) or b1, b2… for a plain GeoTIFF',
          },
          description: nullable('string'),
          fileName: { type: 'string', description: 'The file name the client uploaded' },
        },
      },
    },
    crs: {
      type: 'object',
      required: ['epsg', 'name', 'proj4'],
      properties: {
        epsg: nullable('integer'),
        name: { type: 'string' },
        proj4: { type: 'string' },
      },
    },
    width: { type: 'integer', description: 'pixels' },
    height: { type: 'integer', description: 'pixels' },
    bounds: boundsSchema,
    warnings: { type: 'array', items: warningSchema },
  },
};

const productSchema: JsonSchema = {
  type: 'object',
  required: [
    'id',
    'sceneId',
    'product',
    'method',
    'parameters',
    'unit',
    'stats',
    'bounds',
    'notes',
    'tilejson',
    'createdAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    sceneId: {
      type: 'string',
      format: 'uuid',
      description: 'id of the scene it was computed from',
    },
    product: { type: 'string', examples: ['lst'] },
    method: { type: 'string', examples: ['split-window'] },
    parameters: { type: 'object', description: 'The parameters used, defaults filled in' },
    inputs: { description: 'The scene bands (and masks) the product was computed from' },
    unit: { type: 'string', examples: ['K'] },
    stats: {
      type: 'object',
      description: 'Statistics of the valid pixels, in `unit`',
      required: ['min', 'max', 'mean', 'median', 'p2', 'p98'],
      properties: {
        min: { type: 'number' },
        max: { type: 'number' },
        mean: { type: 'number' },
        median: {
          ...nullable('number'),
          description: 'null for products stored before it was recorded',
        },
        p2: { type: 'number', description: '2nd percentile' },
        p98: { type: 'number', description: '98th percentile' },
      },
    },
    bounds: boundsSchema,
    notes: { type: 'array', items: { type: 'string' }, description: 'Defaults and caveats' },
    tilejson: {
      type: 'string',
      format: 'uri',
      description: "Absolute URL of the product's TileJSON",
    },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const jobErrorSchema: JsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', examples: ['MISSING_BAND', 'CANCELLED', 'INTERRUPTED'] },
    message: { type: 'string' },
  },
};

const jobSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'type', 'state', 'progress'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', examples: ['retrieve'] },
    state: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
    progress: { type: 'number', minimum: 0, maximum: 1 },
    result: {
      type: 'object',
      description: 'Present once succeeded; a retrieve job gives {productId}',
      properties: { productId: { type: 'string', format: 'uuid' } },
    },
    error: { ...jobErrorSchema, description: 'Present once failed or cancelled' },
  },
};

const pointValueSchema: JsonSchema = {
  description: 'Physical value at a point, or null with why there is none',
  oneOf: [
    {
      type: 'object',
      required: ['value', 'unit'],
      properties: { value: { type: 'number' }, unit: nullable('string') },
    },
    {
      type: 'object',
      required: ['value', 'reason', 'unit'],
      properties: {
        value: { type: 'null' },
        reason: {
          type: 'string',
          enum: ['outside', 'nodata'],
          description: 'outside: off the raster grid; nodata: a noData, fill or NaN pixel',
        },
        unit: nullable('string'),
      },
    },
  ],
};

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        message: { type: 'string', description: 'One line that names the problem' },
      },
    },
  },
};

const tileJsonSchema: JsonSchema = {
  type: 'object',
  description: 'TileJSON 3.0.0',
  required: [
    'tilejson',
    'name',
    'tiles',
    'scheme',
    'minzoom',
    'maxzoom',
    'bounds',
    'center',
    'tileSize',
  ],
  properties: {
    tilejson: { const: '3.0.0' },
    name: { type: 'string' },
    tiles: { type: 'array', items: { type: 'string' } },
    scheme: { const: 'xyz' },
    minzoom: { type: 'integer' },
    maxzoom: { type: 'integer' },
    bounds: boundsSchema,
    center: { type: 'array', items: { type: 'number' }, description: '[lon, lat, zoom]' },
    tileSize: { const: 256, description: 'Width of the served PNG tiles, px (MapLibre)' },
  },
};

const colormapSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'type', 'source', 'stops'],
  properties: {
    name: { type: 'string', examples: ['inferno'] },
    type: { enum: ['continuous', 'categorical'] },
    source: { type: 'string' },
    stops: {
      type: 'array',
      items: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
      description:
        'continuous: 11 colours at rescaled values 0, 0.1, …, 1; categorical: the classes',
    },
    classes: {
      type: 'array',
      description: 'Categorical only: class value, label and colour',
      items: {
        type: 'object',
        required: ['value', 'label', 'color'],
        properties: {
          value: { type: 'integer' },
          label: { type: 'string' },
          color: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
        },
      },
    },
  },
};

const nullableNumber = nullable('number');

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const layerStatisticsSchema: JsonSchema = {
  type: 'object',
  description: 'Statistics in physical units; numbers are null when no pixel is valid',
  required: ['name', 'unit', 'min', 'max', 'mean', 'std', 'p2', 'median', 'p98', 'validCount'],
  properties: {
    name: { type: 'string' },
    unit: nullable('string'),
    min: nullableNumber,
    max: nullableNumber,
    mean: nullableNumber,
    std: { ...nullableNumber, description: 'Population standard deviation' },
    p2: nullableNumber,
    median: nullableNumber,
    p98: nullableNumber,
    validCount: { type: 'integer' },
    totalCount: { type: 'integer' },
    percentileMethod: { enum: ['exact', 'histogram'] },
    histogram: {
      type: 'object',
      required: ['edges', 'counts'],
      properties: {
        edges: { type: 'array', items: nullableNumber, description: 'bins + 1 ascending edges' },
        counts: { type: 'array', items: { type: 'integer' } },
      },
    },
    read: {
      type: 'object',
      description: 'The bounded read: overview level, output size, whether every pixel counted',
      properties: {
        level: { type: 'integer', description: '0 = full resolution, 1.. = overviews' },
        width: { type: 'integer' },
        height: { type: 'integer' },
        levelWidth: { type: 'integer' },
        levelHeight: { type: 'integer' },
        fullResolution: { type: 'boolean' },
        sampled: { type: 'boolean' },
      },
    },
  },
};

const scenePointSchema: JsonSchema = {
  type: 'object',
  required: ['lon', 'lat', 'bands', 'products'],
  properties: {
    lon: { type: 'number' },
    lat: { type: 'number' },
    bands: {
      type: 'array',
      items: { allOf: [ref('PointValue'), { properties: { name: { type: 'string' } } }] },
    },
    products: {
      type: 'array',
      items: {
        allOf: [
          ref('PointValue'),
          {
            properties: {
              id: { type: 'string' },
              product: { type: 'string' },
              method: { type: 'string' },
            },
          },
        ],
      },
    },
    expression: {
      allOf: [ref('PointValue'), { properties: { expression: { type: 'string' } } }],
      description: 'Present when the request gave an expression (canonical form)',
    },
  },
};

/** `components.schemas` of the description; the product request is added from zod. */
export const COMPONENT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  Scene: sceneSchema,
  Product: productSchema,
  Job: jobSchema,
  PointValue: pointValueSchema,
  Error: errorSchema,
  TileJson: tileJsonSchema,
  Colormap: colormapSchema,
  LayerStatistics: layerStatisticsSchema,
  ScenePoint: scenePointSchema,
};
