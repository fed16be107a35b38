/**
 * Starts a worker thread on a module of src/models, from compiled JavaScript directly or, when
 * running from TypeScript sources, through the tsx bootstrap (worker-boot-node.mjs), and waits
 * for the worker's first message of type `ready`.
 */
import { Worker } from 'node:worker_threads';

/** The reply every model worker sends once initialised, or instead an error. */
export type WorkerStartReply = { type: 'ready' } | { type: 'error'; message: string };

/**
 * Spawns `moduleUrl` (a .ts or .js file URL) with `workerData` (the bootstrap adds `entry`).
 * Resolves once the worker reports `ready`; rejects with its message when it fails to start.
 */
export async function spawnModelWorker(moduleUrl: URL, workerData: object): Promise<Worker> {
  const fromSources = moduleUrl.pathname.endsWith('.ts');
  const worker = fromSources
    ? new Worker(new URL('./worker-boot-node.mjs', import.meta.url), {
        workerData: { ...workerData, entry: moduleUrl.href },
      })
    : new Worker(moduleUrl, { workerData });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (reply: WorkerStartReply) => {
      worker.off('error', onError);
      if (reply.type === 'ready') resolve();
      else reject(new Error(`model worker failed to start: ${reply.message}`));
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
  return worker;
}

/** Sends `message` and resolves with the worker's next reply (one request at a time). */
export function request<Reply>(
  worker: Worker,
  message: object,
  transfer: ArrayBuffer[] = [],
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Reply) => {
      worker.off('error', onError);
      resolve(reply);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(message, transfer);
  });
}
