/** Routes of scenes: upload (multipart), list, metadata, the methods a scene runs, delete. */
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { param } from '../http.js';
import { ingestScene } from '../ingest.js';
import { lstModelCatalog } from '../lst-models.js';
import { sceneMethodAvailability } from '../method-availability.js';
import { deleteScene, requireScene } from '../scene-service.js';
import { listScenes } from '../scene-store.js';
import { receiveUpload } from '../upload.js';
import { sceneView } from '../views.js';

/**
 * `POST /api/scenes`, `GET /api/scenes`, `GET /api/scenes/:id`, `GET /api/scenes/:id/methods`
 * (every product × method with whether the product POST would accept it), `DELETE /api/scenes/:id`.
 */
export function scenesRouter(context: AppContext): Router {
  const router = Router();

  router.post(
    '/api/scenes',
    receiveUpload(context.storage, context.uploadLimits, async (files, uploadDir, _req, res) => {
      const totalBytes = files.reduce((sum, file) => sum + file.sizeBytes, 0);
      context.logger.info(
        { files: files.map((file) => file.fileName), totalBytes },
        'upload accepted',
      );

      const scene = await ingestScene(context, files, uploadDir);
      context.logger.info(
        {
          sceneId: scene.id,
          sensor: scene.sensor,
          level: scene.level,
          bands: scene.bands.map((band) => band.name),
          size: `${scene.width}x${scene.height}`,
          epsg: scene.crs.epsg,
        },
        'scene created',
      );
      res.status(201).json(sceneView(scene));
    }),
  );

  router.get('/api/scenes', (_req, res) => {
    res.json(listScenes(context.db).map(sceneView));
  });

  router.get('/api/scenes/:id', (req, res) => {
    res.json(sceneView(requireScene(context, param(req, 'id'))));
  });

  router.get('/api/scenes/:id/methods', (req, res) => {
    const scene = requireScene(context, param(req, 'id'));
    const methods = sceneMethodAvailability(scene, lstModelCatalog(context.db));
    res.json({ sceneId: scene.id, methods });
  });

  router.delete('/api/scenes/:id', async (req, res) => {
    await deleteScene(context, param(req, 'id'));
    res.status(204).end();
  });

  return router;
}
