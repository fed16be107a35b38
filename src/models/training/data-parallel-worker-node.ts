/**
 * Gradient worker of the data-parallel trainer: builds its own replica of the network on its
 * own backend, then for each step message reads the weights from shared memory, computes the
 * loss gradient on its shard and writes it to its shared gradient buffer.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { createNetwork } from '../architectures/index.js';
import { initBackend } from '../backend.js';
import type { GradientWorkerData, StepReply, StepRequest } from './data-parallel-protocol.js';
import {
  assignFlat,
  flattenInto,
  lossAndGradients,
  sampleShapesOf,
  trainableVariables,
} from './gradient-step.js';
import { resolveTrainingLoss } from './training-losses.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function start(port: NonNullable<typeof parentPort>): Promise<void> {
  const data = workerData as GradientWorkerData;
  await initBackend({ prefer: data.backend });
  const network = createNetwork(data.spec);
  const loss = await resolveTrainingLoss(data.loss);
  const shapes = sampleShapesOf(network);
  const variables = trainableVariables(network);
  const weights = new Float32Array(data.weights);
  const gradients = new Float32Array(data.gradients);

  port.on('message', (message: StepRequest) => {
    let reply: StepReply;
    try {
      const started = performance.now();
      assignFlat(variables, weights);
      const step = lossAndGradients(network, loss, message.batch, shapes);
      flattenInto(gradients, step.grads);
      step.grads.forEach((grad) => grad.dispose());
      reply = { type: 'done', loss: step.loss, computeMs: performance.now() - started };
    } catch (error) {
      reply = { type: 'error', message: messageOf(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' });
}

if (parentPort !== null) {
  const port = parentPort;
  start(port).catch((error: unknown) =>
    port.postMessage({ type: 'error', message: messageOf(error) }),
  );
}
