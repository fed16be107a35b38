/**
 * Worker thread of {@link KernelPool}: runs one chunk per message over shared-memory rasters
 * and answers with the chunk id, or with the error message. Long-lived: the pool keeps it.
 */
import { parentPort } from 'node:worker_threads';

import { isKernelName, runKernel, type KernelParamsByName } from './kernel-registry.js';

/** A chunk sent by the pool. */
export interface ChunkMessage {
  id: number;
  kernel: string;
  inputs: Float32Array[];
  output: Float32Array;
  params: KernelParamsByName[keyof KernelParamsByName];
  start: number;
  end: number;
}

/** The worker's answers: ready once loaded, then one per chunk. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; message: string };

function runChunk(chunk: ChunkMessage): WorkerReply {
  try {
    if (!isKernelName(chunk.kernel)) throw new Error(`unknown kernel ${chunk.kernel}`);
    runKernel(chunk.kernel, chunk.inputs, chunk.output, chunk.params, chunk.start, chunk.end);
    return { type: 'done', id: chunk.id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { type: 'failed', id: chunk.id, message };
  }
}

const port = parentPort;
if (port !== null) {
  port.on('message', (chunk: ChunkMessage) => port.postMessage(runChunk(chunk)));
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
