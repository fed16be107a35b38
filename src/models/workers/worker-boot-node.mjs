// Starts a TypeScript worker module under tsx (tests, notebooks, `tsx` scripts): a Node 20
// worker inherits no TypeScript loader, so register tsx's ESM hooks here, then import the
// module named by workerData.entry. No top-level await (src/ must load in tslab notebooks):
// a failed import is rethrown, which ends the worker with an 'error' event.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
import(workerData.entry).catch((error) => {
  process.nextTick(() => {
    throw error;
  });
});
