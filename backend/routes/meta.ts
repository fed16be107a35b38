/** `GET /api/health` and `GET /api/colormaps`. */
import { Router } from 'express';
import { listColormaps } from '../../src/rasters/colormaps.js';
import type { AppContext } from '../context.js';

/** Health and reference-data routes. */
export function metaRouter(context: AppContext): Router {
  const router = Router();
  const startedAt = new Date().toISOString();

  router.get('/api/health', (_req, res) => {
    context.db.prepare('SELECT 1').get();
    res.json({ status: 'ok', startedAt });
  });

  router.get('/api/colormaps', (_req, res) => {
    res.json(listColormaps());
  });

  return router;
}
