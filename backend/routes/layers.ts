/**
 * Map routes of products, scene bands and band-math expressions: PNG tiles, TileJSON, point
 * values and statistics. Bands are named by their sensor band name (`B10`, `ST_B10`, `b1`), by
 * TiTiler's 1-based `bidx`, or combined by an `expression` on the scene's own routes.
 */
import type { Request, Response } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { InvalidParameterError } from '../../src/errors.js';
import type { AppContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { expressionLayer } from '../expression-layer.js';
import { baseUrl, param } from '../http.js';
import { layerStatistics, parseStatisticsQuery } from '../layer-statistics.js';
import type { Layer } from '../layers.js';
import { bandLayer, productLayer } from '../layers.js';
import { scenePoint } from '../scene-point.js';
import { requireBand, requireProduct, requireScene } from '../scene-service.js';
import {
  ifNoneMatchHits,
  layerPoint,
  layerTile,
  layerTileJson,
  parsePoint,
  parseTileId,
  parseTileQuery,
} from '../tile-service.js';

/**
 * Tiles of a stored layer never change for one URL (scenes and products are immutable and their
 * ids never reused); let clients keep them an hour and revalidate with the ETag.
 */
export const TILE_CACHE_CONTROL = 'public, max-age=3600';

/** Query of the `/api/scenes/:id/…` layer routes: TiTiler's 1-based band index. */
export const bidxSchema = z.object({ bidx: z.coerce.number().int().min(1).default(1) });

/** Query of the scene's own routes: a band-math expression over its band names. */
export const expressionSchema = z.object({ expression: z.string().max(1024).optional() });

/** Tile, TileJSON, point and statistics routes of products, scene bands and expressions. */
export function layersRouter(context: AppContext): Router {
  const router = Router();

  const product = (req: Request): Layer => {
    const stored = requireProduct(context, param(req, 'id'));
    return productLayer(stored, requireScene(context, stored.sceneId));
  };
  const namedBand = (req: Request): Layer => {
    const scene = requireScene(context, param(req, 'id'));
    return bandLayer(scene, requireBand(scene, param(req, 'name')));
  };
  const sceneLayer = (req: Request): Layer => {
    const scene = requireScene(context, param(req, 'id'));
    const { expression } = expressionSchema.parse(req.query);
    if (expression !== undefined) {
      if (req.query.bidx !== undefined) {
        throw new InvalidParameterError('give either expression or bidx, not both');
      }
      return expressionLayer(scene, expression);
    }
    const { bidx } = bidxSchema.parse(req.query);
    const band = scene.bands[bidx - 1];
    if (band === undefined) {
      throw new NotFoundError('band', `bidx=${bidx}`, `scene has bidx 1..${scene.bands.length}`);
    }
    return bandLayer(scene, band);
  };

  const routes: readonly [string, (req: Request) => Layer][] = [
    ['/api/products/:id', product],
    ['/api/scenes/:id/bands/:name', namedBand],
    ['/api/scenes/:id', sceneLayer],
  ];
  for (const [base, layerOf] of routes) {
    router.get(`${base}/tiles/:z/:x/:y.png`, async (req, res) => {
      await sendTile(context, layerOf(req), req, res);
    });
    router.get(`${base}/tilejson.json`, async (req, res) => {
      const query = parseTileQuery(req.query);
      res.json(await layerTileJson(context, layerOf(req), baseUrl(req), query));
    });
    router.get(`${base}/statistics`, async (req, res) => {
      const { bins } = parseStatisticsQuery(req.query);
      res.json(await layerStatistics(context, layerOf(req), bins));
    });
  }
  router.get('/api/products/:id/point', async (req, res) => {
    res.json(await layerPoint(context, product(req), parsePoint(req.query)));
  });
  router.get('/api/scenes/:id/bands/:name/point', async (req, res) => {
    res.json(await layerPoint(context, namedBand(req), parsePoint(req.query)));
  });
  router.get('/api/scenes/:id/point', async (req, res) => {
    const scene = requireScene(context, param(req, 'id'));
    const { expression } = expressionSchema.parse(req.query);
    res.json(await scenePoint(context, scene, parsePoint(req.query), expression));
  });

  return router;
}

async function sendTile(
  context: AppContext,
  layer: Layer,
  req: Request,
  res: Response,
): Promise<void> {
  const tile = parseTileId(req.params);
  const { png, etag } = await layerTile(context, layer, tile, parseTileQuery(req.query));
  res.setHeader('Cache-Control', TILE_CACHE_CONTROL);
  res.setHeader('ETag', etag);
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.type('png').send(png);
}
