/** OpenAPI 3.1 description of the zonal-statistics routes (merged into backend/openapi.ts). */
import { z } from 'zod';
import { ZONAL_CSV_HEADER } from './zones-csv.js';
import { zonalRequestSchema } from './zones.js';

type JsonSchema = Record<string, unknown>;

const nullableNumber = { type: ['number', 'null'] };

const bandStatisticsSchema: JsonSchema = {
  type: 'object',
  description: 'Physical values of one band in a zone; statistics null when count is 0',
  required: ['count', 'noDataCount', 'min', 'max', 'mean', 'std', 'median', 'p2', 'p98', 'unit'],
  properties: {
    count: { type: 'integer', description: 'Valid pixels' },
    noDataCount: { type: 'integer' },
    min: nullableNumber,
    max: nullableNumber,
    mean: nullableNumber,
    std: { ...nullableNumber, description: 'Population standard deviation' },
    median: nullableNumber,
    p2: nullableNumber,
    p98: nullableNumber,
    unit: { type: ['string', 'null'] },
  },
};

const zoneSchema: JsonSchema = {
  type: 'object',
  required: ['index', 'name', 'id', 'pixelCount', 'validCount', 'noDataCount', 'coverage'],
  properties: {
    index: { type: 'integer', description: '0-based position of the zone in the request' },
    name: { type: ['string', 'null'] },
    id: { type: ['string', 'number', 'null'] },
    pixelCount: { type: 'integer', description: 'Pixel centres in the zone and on the raster' },
    validCount: { type: 'integer', description: 'Of those, valid in every requested band' },
    noDataCount: { type: 'integer' },
    coverage: { ...nullableNumber, description: "Share of the zone's pixel centres on the raster" },
    areaM2: {
      type: 'number',
      description: 'Zone area, m²: union of the lobes of each self-crossing ring, holes subtracted',
    },
    bands: { type: 'object', additionalProperties: { $ref: '#/components/schemas/ZoneBand' } },
  },
};

/** Component schemas of the zonal answer. */
export const ZONAL_COMPONENT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  ZoneBand: bandStatisticsSchema,
  Zone: zoneSchema,
};

function requestSchema(): JsonSchema {
  const schema: JsonSchema = { ...z.toJSONSchema(zonalRequestSchema, { io: 'input' }) };
  delete schema.$schema;
  schema.description =
    'geojson: Polygon, MultiPolygon, Feature or FeatureCollection (≤ 1000 zones, ≤ 100000 ' +
    'positions, body ≤ 5 MB); crs: EPSG:<code> of the coordinates (default EPSG:4326); ' +
    "bands: sensor band names (default all; a product's band is its product kind, e.g. lst)";
  return schema;
}

function operation(operationId: string, target: string): JsonSchema {
  const error = (status: number): JsonSchema => ({ $ref: `#/components/responses/Error${status}` });
  return {
    tags: ['zones'],
    operationId,
    summary: `Statistics of ${target} per posted polygon (pixel centre in the union of parts)`,
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'format',
        in: 'query',
        required: false,
        description: 'json (default) or csv: one row per zone × band',
        schema: { type: 'string', enum: ['json', 'csv'] },
      },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: requestSchema() } } },
    responses: {
      '200': {
        description: 'Per-zone statistics; a zone without valid pixel has count 0, null statistics',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['zones'],
              properties: {
                zones: { type: 'array', items: { $ref: '#/components/schemas/Zone' } },
              },
            },
          },
          'text/csv': {
            schema: { type: 'string', description: `Columns: ${ZONAL_CSV_HEADER.join(', ')}` },
          },
        },
      },
      '400': error(400),
      '404': error(404),
      '413': error(413),
      '422': error(422),
      '500': error(500),
    },
  };
}

/** The two zonal-statistics paths. */
export function zonalPaths(): Record<string, Record<string, JsonSchema>> {
  return {
    '/api/scenes/{id}/zonal-statistics': { post: operation('sceneZonalStatistics', 'scene bands') },
    '/api/products/{id}/zonal-statistics': {
      post: operation('productZonalStatistics', 'a product'),
    },
  };
}
