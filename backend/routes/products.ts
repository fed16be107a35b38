/** Routes of products: request a retrieval (a job), metadata, download. */
import path from 'node:path';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { baseUrl, param } from '../http.js';
import { productsOfScene } from '../product-store.js';
import { lstModelCatalog } from '../lst-models.js';
import { checkProductRequirements } from '../requirements.js';
import { productRequestSchema, withApiDefaults } from '../product-request.js';
import { requireProduct, requireScene } from '../scene-service.js';
import { productFileName, productView } from '../views.js';

/**
 * `POST /api/scenes/:id/products` (202 with the job id and the resolved method, parameters,
 * inputs and notes), `GET /api/scenes/:id/products` (newest first),
 * `GET /api/products/:id`, `GET /api/products/:id/download`.
 */
export function productsRouter(context: AppContext): Router {
  const router = Router();

  router.post('/api/scenes/:id/products', (req, res) => {
    const scene = requireScene(context, param(req, 'id'));
    const request = withApiDefaults(productRequestSchema.parse(req.body ?? {}));
    const resolved = checkProductRequirements(scene, request, lstModelCatalog(context.db));

    const job = context.queue.enqueue('retrieve', {
      ...request,
      method: resolved.method,
      sceneId: scene.id,
    });
    res.status(202).json({ jobId: job.id, ...resolved });
  });

  router.get('/api/scenes/:id/products', (req, res) => {
    const scene = requireScene(context, param(req, 'id'));
    const products = productsOfScene(context.db, scene.id).reverse();
    res.json(products.map((product) => productView(product, scene.boundsWgs84, baseUrl(req))));
  });

  router.get('/api/products/:id', (req, res) => {
    const product = requireProduct(context, param(req, 'id'));
    const scene = requireScene(context, product.sceneId);
    res.json(productView(product, scene.boundsWgs84, baseUrl(req)));
  });

  router.get('/api/products/:id/download', (req, res, next) => {
    const product = requireProduct(context, param(req, 'id'));
    const scene = requireScene(context, product.sceneId);
    const fileName = productFileName(scene, product);
    res.download(path.resolve(product.path), fileName, { dotfiles: 'allow' }, (error) => {
      if (error !== undefined && !res.headersSent) next(error);
    });
  });

  return router;
}
