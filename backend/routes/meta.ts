/** `GET /api/health`, `GET /api/colormaps` and `GET /api/openapi.json`. */
import { Router } from 'express';
import { listCategoricalColormaps } from '../../src/rasters/categorical-colormaps.js';
import { listColormaps } from '../../src/rasters/colormaps.js';
import type { AppContext } from '../context.js';
import { openApiDocument } from '../openapi.js';

/** Health, reference-data and API-description routes. */
export function metaRouter(context: AppContext): Router {
  const router = Router();
  const startedAt = new Date().toISOString();

  router.get('/api/health', (_req, res) => {
    context.db.prepare('SELECT 1').get();
    res.json({ status: 'ok', startedAt });
  });

  router.get('/api/colormaps', (_req, res) => {
    res.json([...listColormaps(), ...listCategoricalColormaps()]);
  });

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  return router;
}
