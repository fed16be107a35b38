/**
 * Routes of the model registry: `POST /api/models/distill` (an experiment, run as a `distill`
 * job), `GET /api/models`, `GET /api/models/:id` (metadata and metrics) and
 * `GET /api/models/:id/export?format=onnx`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { loadNetwork } from '../../src/models/serialize.js';
import { exportOnnx, normalizationFromMetadata } from '../../src/models/onnx/export.js';
import { readSavedModel } from '../../src/models/experiments/run-store-node.js';
import type { AppContext } from '../context.js';
import { checkDistillRequest, distillPayloadSchema, modelsDir } from '../distill-job.js';
import { NotFoundError } from '../errors.js';
import { param } from '../http.js';
import { getModel, listModels, type StoredModel } from '../model-store.js';

/** Query of the export route. */
export const exportQuerySchema = z.strictObject({ format: z.enum(['onnx']).default('onnx') });

/** A model as the list shows it. */
export function modelSummary(model: StoredModel) {
  return {
    id: model.id,
    name: model.name,
    method: model.method,
    scheme: model.scheme,
    className: model.className,
    sensor: model.sensor,
    teacherId: model.teacherId,
    jobId: model.jobId,
    parameterCount: model.parameterCount,
    metrics: model.metadata.metrics,
    createdAt: model.createdAt,
  };
}

function requireModel(context: AppContext, id: string): StoredModel {
  const model = getModel(context.db, id);
  if (model === null) throw new NotFoundError('model', id);
  return model;
}

/** The model registry router. */
export function modelsRouter(context: AppContext): Router {
  const router = Router();

  router.post('/api/models/distill', async (req, res) => {
    await checkDistillRequest(distillPayloadSchema.parse(req.body));
    const job = context.queue.enqueue('distill', req.body);
    res.status(202).location(`/api/jobs/${job.id}`).json(job);
  });

  router.get('/api/models', (_req, res) => {
    res.json(listModels(context.db).map(modelSummary));
  });

  router.get('/api/models/:id', (req, res) => {
    const model = requireModel(context, param(req, 'id'));
    res.json({ ...modelSummary(model), metadata: model.metadata });
  });

  router.get('/api/models/:id/export', async (req, res) => {
    const model = requireModel(context, param(req, 'id'));
    exportQuerySchema.parse(req.query);
    const saved = await readSavedModel(modelsDir(context), model.id);
    if (saved === null) throw new NotFoundError('model files', model.id);
    const network = await loadNetwork(saved);
    try {
      const metadata = saved.manifest.metadata;
      const bytes = exportOnnx(network, {
        normalization: normalizationFromMetadata(metadata),
        metadata,
      });
      res.type('application/octet-stream');
      res.setHeader('Content-Disposition', `attachment; filename="${model.id}.onnx"`);
      res.send(Buffer.from(bytes));
    } finally {
      network.dispose();
    }
  });

  return router;
}
