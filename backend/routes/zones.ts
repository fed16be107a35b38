/**
 * Zonal statistics over posted GeoJSON polygons, for a scene's bands and for a product:
 * `POST /api/scenes/:id/zonal-statistics` and `POST /api/products/:id/zonal-statistics` with
 * `{geojson, crs?, bands?}`; `?format=csv` answers one row per zone × band. Pixels are in a
 * zone by the rule of src/retrieval/regions/inside-rule.ts (centre inside the union of parts).
 */
import type { Request } from 'express';
import express, { Router } from 'express';
import { z } from 'zod';
import { InvalidParameterError, UnknownCrsError } from '../../src/errors.js';
import { crsFromEpsg } from '../../src/rasters/crs.js';
import { parseZones, zoneLabel } from '../../src/retrieval/regions/geojson-zones.js';
import {
  checkZoneSize,
  summariseZone,
  zoneValues,
} from '../../src/retrieval/regions/zonal-statistics.js';
import type { ZoneBandStatistics } from '../../src/retrieval/regions/zonal-statistics.js';
import { placeZone } from '../../src/retrieval/regions/zone-grid.js';
import type { PlacedZone } from '../../src/retrieval/regions/zone-grid.js';
import { WGS84_LONLAT } from '../../src/retrieval/regions/zone-transform.js';
import type { Zone } from '../../src/retrieval/regions/zone-types.js';
import type { AppContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { param } from '../http.js';
import type { Layer } from '../layers.js';
import { bandLayer, productLayer } from '../layers.js';
import { requireBand, requireProduct, requireScene } from '../scene-service.js';
import { zonalCsv } from './zones-csv.js';

/** Largest zonal-statistics request body. */
export const ZONAL_BODY_LIMIT = '5mb';

/** Body of both zonal-statistics routes. */
export const zonalRequestSchema = z.object({
  geojson: z.unknown().refine((value) => value !== undefined, 'a GeoJSON object is required'),
  crs: z.string().min(1).max(100).optional(),
  bands: z.array(z.string().min(1).max(64)).min(1).max(64).optional(),
});

/** Query of both routes. */
export const zonalQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** Statistics of one band in one zone, with the band's unit. */
export type ZoneBandResult = ZoneBandStatistics & { unit: string | null };

/** One zone of the answer. */
export interface ZoneResult {
  index: number;
  name: string | null;
  id: string | number | null;
  /** Pixels whose centre is in the zone and on the raster. */
  pixelCount: number;
  /** Of those, the pixels valid in every requested band. */
  validCount: number;
  /** Pixels of the zone that are noData in at least one requested band. */
  noDataCount: number;
  coverage: number | null;
  areaM2: number;
  bands: Record<string, ZoneBandResult>;
}

const EPSG_PATTERN = /^(?:EPSG:|urn:ogc:def:crs:EPSG:[\d.]*:)(\d{1,6})$/i;
const CRS84_PATTERN = /^(?:OGC:CRS84|urn:ogc:def:crs:OGC:1\.3:CRS84)$/i;

/** The proj4 definition of a CRS name (`EPSG:32617`, its URN, `OGC:CRS84`); default WGS 84. */
function zoneProj4(name: string | undefined): string {
  if (name === undefined || CRS84_PATTERN.test(name)) return WGS84_LONLAT;
  const match = EPSG_PATTERN.exec(name.trim());
  if (match === null) {
    throw new InvalidParameterError(`crs '${name}' is not of the form EPSG:<code>`, { crs: name });
  }
  try {
    return crsFromEpsg(Number(match[1])).proj4;
  } catch (error) {
    if (!(error instanceof UnknownCrsError)) throw error;
    throw new InvalidParameterError(`crs '${name}' is unknown: ${error.message}`, { crs: name });
  }
}

/** The CRS named by the body, else by the legacy GeoJSON `crs` member (GeoJSON 2008). */
function crsName(body: z.infer<typeof zonalRequestSchema>): string | undefined {
  if (body.crs !== undefined) return body.crs;
  const { geojson } = body;
  if (typeof geojson !== 'object' || geojson === null || !('crs' in geojson)) return undefined;
  const legacy: unknown = geojson.crs;
  const name = (legacy as { properties?: { name?: unknown } } | null)?.properties?.name;
  return typeof name === 'string' ? name : undefined;
}

function sceneLayers(context: AppContext, req: Request, bands: string[] | undefined): Layer[] {
  const scene = requireScene(context, param(req, 'id'));
  const chosen = bands === undefined ? scene.bands : bands.map((name) => requireBand(scene, name));
  return chosen.map((band) => bandLayer(scene, band));
}

function productLayers(context: AppContext, req: Request, bands: string[] | undefined): Layer[] {
  const product = requireProduct(context, param(req, 'id'));
  const unknown = bands?.find((name) => name !== product.product);
  if (unknown !== undefined) {
    throw new NotFoundError('band', unknown, `product '${product.id}' has band ${product.product}`);
  }
  return [
    { ...productLayer(product, requireScene(context, product.sceneId)), name: product.product },
  ];
}

/** Places every zone on the grid of the first layer's file (all bands of a scene share it). */
async function placeZones(
  context: AppContext,
  layer: Layer,
  zones: readonly Zone[],
  proj4: string,
): Promise<PlacedZone[]> {
  return layer.withSource(context.readers, ({ reader }) => {
    const { info } = reader;
    const grid = {
      proj4: info.crs.proj4,
      geoTransform: info.geoTransform,
      width: info.width,
      height: info.height,
    };
    const placed = zones.map((zone) => placeZone(zone, proj4, grid));
    placed.forEach((zone, i) => checkZoneSize(zone.mask, zoneLabel(zones[i]!)));
    return Promise.resolve(placed);
  });
}

/** Statistics of every zone in one layer; marks each zone pixel not valid in `invalid`. */
async function layerStatistics(
  context: AppContext,
  layer: Layer,
  placed: readonly PlacedZone[],
  invalid: Uint8Array[],
): Promise<ZoneBandResult[]> {
  return layer.withSource(context.readers, async ({ reader, bandIndex, rule }) => {
    const source = { reader, bandIndex, scale: rule.scale, offset: rule.offset };
    const results: ZoneBandResult[] = [];
    for (const [i, zone] of placed.entries()) {
      const values = await zoneValues(source, zone.mask);
      const flags = invalid[i]!;
      values.forEach((value, k) => {
        if (!Number.isFinite(value)) flags[k] = 1;
      });
      results.push({ ...summariseZone(values), unit: rule.unit });
    }
    return results;
  });
}

/** The answer for `zones` over `layers`. */
async function zonalStatistics(
  context: AppContext,
  layers: readonly Layer[],
  zones: readonly Zone[],
  proj4: string,
): Promise<ZoneResult[]> {
  const placed = await placeZones(context, layers[0]!, zones, proj4);
  const invalid = placed.map((zone) => new Uint8Array(zone.mask.pixelCount));
  const perLayer: ZoneBandResult[][] = [];
  for (const layer of layers) perLayer.push(await layerStatistics(context, layer, placed, invalid));

  return zones.map((zone, i) => {
    const { mask, areaM2, coverage } = placed[i]!;
    const noDataCount = invalid[i]!.reduce((sum, flag) => sum + flag, 0);
    const bands = Object.fromEntries(layers.map((layer, l) => [layer.name, perLayer[l]![i]!]));
    return {
      index: zone.index,
      name: zone.name,
      id: zone.id,
      pixelCount: mask.pixelCount,
      validCount: mask.pixelCount - noDataCount,
      noDataCount,
      coverage,
      areaM2,
      bands,
    };
  });
}

/** `POST /api/scenes/:id/zonal-statistics`, `POST /api/products/:id/zonal-statistics`. */
export function zonesRouter(context: AppContext): Router {
  const router = Router();
  const bodyParser = express.json({ limit: ZONAL_BODY_LIMIT });
  const routes = [
    ['/api/scenes/:id/zonal-statistics', sceneLayers],
    ['/api/products/:id/zonal-statistics', productLayers],
  ] as const;

  for (const [route, layersOf] of routes) {
    router.post(route, bodyParser, async (req, res) => {
      const { format } = zonalQuerySchema.parse(req.query);
      const body = zonalRequestSchema.parse(req.body ?? {});
      const layers = layersOf(context, req, body.bands);
      const proj4 = zoneProj4(crsName(body));
      const zones = parseZones(body.geojson, { geographic: /\+proj=longlat\b/.test(proj4) });

      const results = await zonalStatistics(context, layers, zones, proj4);
      if (format === 'csv') {
        res.type('text/csv').send(zonalCsv(results));
        return;
      }
      res.json({ zones: results });
    });
  }
  return router;
}
