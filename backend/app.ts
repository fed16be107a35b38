/** The express application of the backend, built from an {@link AppContext}. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { AppContext } from './context.js';
import type { Express, RequestHandler } from 'express';
import { errorHandler, NotFoundError, UnsupportedMediaTypeError } from './errors.js';
import { jobsRouter } from './routes/jobs.js';
import { layersRouter } from './routes/layers.js';
import { metaRouter } from './routes/meta.js';
import { modelsRouter } from './routes/models.js';
import { productsRouter } from './routes/products.js';
import { scenesRouter } from './routes/scenes.js';
import { zonesRouter } from './routes/zones.js';

const NO_FRONTEND_PAGE =
  '<!doctype html><meta charset="utf-8"><title>rskd</title>' +
  '<p>The web page is not built yet: run <code>npm run build:frontend</code>, then reload.</p>\n';

/** Builds the app: JSON body parsing, the API routes, the frontend, the error table. */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(zonesRouter(context)); // before the 1 MB JSON parser: it parses up to 5 MB itself
  app.use('/api', express.json({ limit: '1mb' }));
  app.use('/api', requireJsonBody);
  app.use(metaRouter(context));
  app.use(scenesRouter(context));
  app.use(productsRouter(context));
  app.use(layersRouter(context));
  app.use(jobsRouter(context));
  app.use(modelsRouter(context));
  app.use('/api', (req, _res, next) => {
    next(new NotFoundError('route', `${req.method} ${req.originalUrl}`));
  });

  serveFrontend(app, context.frontendDir);
  app.use(errorHandler(context.logger));
  return app;
}

/**
 * A POST with a body that is neither JSON nor the scene upload's multipart form is refused with
 * the reason, instead of reaching the route as an empty object and failing on a missing field.
 */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || 'transfer-encoding' in req.headers;
  if (req.method !== 'POST' || !hasBody || req.is('application/json') !== false) return next();
  if (req.path === '/scenes') return next(); // the upload route reads multipart and says so
  next(
    new UnsupportedMediaTypeError(
      `request body must be JSON (content-type: application/json); got ${req.headers['content-type'] ?? 'none'}`,
      { contentType: req.headers['content-type'] ?? null },
    ),
  );
};

function serveFrontend(app: Express, frontendDir: string): void {
  const indexPath = path.join(frontendDir, 'index.html');
  if (existsSync(indexPath)) {
    app.use(
      express.static(frontendDir, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, filePath) => {
          if (filePath.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
    return;
  }
  app.get('/', (_req, res) => {
    res.type('html').send(NO_FRONTEND_PAGE);
  });
}
