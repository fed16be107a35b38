// Boots kernel-worker.ts in a worker thread when the pool runs from TypeScript sources (tsx,
// vitest): Node 20 workers get no TypeScript loader from --import in execArgv, so this file
// registers tsx's ESM loader in the worker, then imports the worker module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
