/**
 * Map routes of products and scene bands: PNG tiles, TileJSON and point values. Bands are named
 * by their sensor band name (`B10`, `ST_B10`, `b1`), or by TiTiler's 1-based `bidx`.
 */
import type { Request, Response } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { baseUrl, param } from '../http.js';
import type { Layer } from '../layers.js';
import { bandLayer, productLayer } from '../layers.js';
import { requireBand, requireProduct, requireScene } from '../scene-service.js';
import {
  layerPoint,
  layerTile,
  layerTileJson,
  parsePoint,
  parseTileId,
  parseTileQuery,
} from '../tile-service.js';

/** Tiles of a stored layer never change; let clients keep them an hour and revalidate. */
const TILE_CACHE_CONTROL = 'public, max-age=3600';

/** Query of the `/api/scenes/:id/…` layer routes: TiTiler's 1-based band index. */
export const bidxSchema = z.object({ bidx: z.coerce.number().int().min(1).default(1) });

/** Tile, TileJSON and point routes of products and scene bands. */
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
  const indexedBand = (req: Request): Layer => {
    const scene = requireScene(context, param(req, 'id'));
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
    ['/api/scenes/:id', indexedBand],
  ];
  for (const [base, layerOf] of routes) {
    router.get(`${base}/tiles/:z/:x/:y.png`, async (req, res) => {
      await sendTile(context, layerOf(req), req, res);
    });
    router.get(`${base}/tilejson.json`, async (req, res) => {
      const query = parseTileQuery(req.query);
      res.json(await layerTileJson(context, layerOf(req), baseUrl(req), query));
    });
  }
  router.get('/api/products/:id/point', async (req, res) => {
    res.json(await layerPoint(context, product(req), parsePoint(req.query)));
  });
  router.get('/api/scenes/:id/bands/:name/point', async (req, res) => {
    res.json(await layerPoint(context, namedBand(req), parsePoint(req.query)));
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
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.type('png').send(png);
}
