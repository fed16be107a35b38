/**
 * Inference worker: loads the pool's model on its own backend and predicts chunks of pixels,
 * in batches of `batchPixels`, returning the prediction output only.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { createNetwork, type Network } from '../architectures/index.js';
import { initBackend } from '../backend.js';
import { loadNetwork } from '../serialize.js';
import { tf } from '../tf.js';
import type {
  InferenceModelSource,
  InferenceWorkerData,
  PredictReply,
  PredictRequest,
} from './inference-protocol.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function buildNetwork(source: InferenceModelSource): Promise<Network> {
  if ('saved' in source) return loadNetwork(source.saved);
  const network = createNetwork(source.spec);
  const shapes = network.model.getWeights().map((weight) => weight.shape);
  const tensors = source.weights.map((values, index) => tf.tensor(values, shapes[index]));
  network.model.setWeights(tensors);
  tf.dispose(tensors);
  return network;
}

function predictChunk(
  network: Network,
  request: PredictRequest,
  batchPixels: number,
): Float32Array {
  const inputs = request.features.length / request.pixels;
  let output: Float32Array | null = null;
  for (let start = 0; start < request.pixels; start += batchPixels) {
    const end = Math.min(request.pixels, start + batchPixels);
    const values = tf.tidy(() => {
      const x = tf.tensor2d(request.features.subarray(start * inputs, end * inputs), [
        end - start,
        inputs,
      ]);
      return network.predict(x).output.dataSync() as Float32Array;
    });
    const outputs = values.length / (end - start);
    output ??= new Float32Array(request.pixels * outputs);
    output.set(values, start * outputs);
  }
  return output ?? new Float32Array(0);
}

async function start(port: NonNullable<typeof parentPort>): Promise<void> {
  const data = workerData as InferenceWorkerData;
  await initBackend({ prefer: data.backend });
  const network = await buildNetwork(data.source);
  port.on('message', (request: PredictRequest) => {
    let reply: PredictReply;
    try {
      reply = { type: 'done', output: predictChunk(network, request, data.batchPixels) };
    } catch (error) {
      reply = { type: 'error', message: messageOf(error) };
    }
    const transfer = reply.type === 'done' ? [reply.output.buffer as ArrayBuffer] : [];
    port.postMessage(reply, transfer);
  });
  port.postMessage({ type: 'ready' });
}

if (parentPort !== null) {
  const port = parentPort;
  start(port).catch((error: unknown) =>
    port.postMessage({ type: 'error', message: messageOf(error) }),
  );
}
