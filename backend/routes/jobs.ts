/** Routes of jobs: state, server-sent progress events, cancel. */
import type { Response } from 'express';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { param } from '../http.js';
import type { JobView } from '../jobs.js';

/** Interval of SSE comment lines that keep proxies from closing an idle stream, ms. */
const HEARTBEAT_MS = 15_000;

/** `GET /api/jobs/:id`, `GET /api/jobs/:id/events`, `POST /api/jobs/:id/cancel`. */
export function jobsRouter(context: AppContext): Router {
  const router = Router();
  const { queue } = context;

  router.get('/api/jobs/:id', (req, res) => {
    res.json(queue.get(param(req, 'id')));
  });

  router.post('/api/jobs/:id/cancel', (req, res) => {
    res.status(202).json(queue.cancel(param(req, 'id')));
  });

  router.get('/api/jobs/:id/events', (req, res) => {
    const id = param(req, 'id');
    const first = queue.get(id);
    openEventStream(res);

    let lastSent = '';
    const send = (view: JobView): void => {
      const text = JSON.stringify(view);
      if (text === lastSent) return;
      lastSent = text;
      res.write(`event: job\ndata: ${text}\n\n`);
      if (queue.isFinal(view)) finish();
    };
    const onUpdate = (view: JobView): void => {
      if (view.id === id) send(view);
    };
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const finish = (): void => {
      clearInterval(heartbeat);
      queue.off('update', onUpdate);
      res.end();
    };

    queue.on('update', onUpdate);
    res.on('close', finish);
    send(first);
    const current = queue.get(id);
    if (!queue.isFinal(first)) send(current);
  });

  return router;
}

function openEventStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}
