/**
 * Measured forward-pass latency of a network on the current TensorFlow.js backend.
 */
import { InvalidParameterError } from '../../errors.js';
import { tf } from '../tf.js';
import type { Network } from './types.js';

/** Latency of one batch, measured after one warm-up pass. */
export interface LatencyMeasurement {
  /** Samples per batch. */
  batch: number;
  /** Timed passes. */
  repeats: number;
  /** Median wall time of one batch, milliseconds (includes reading the output back). */
  medianMs: number;
  /** Fastest pass, milliseconds. */
  minMs: number;
  /** `batch / medianMs`, samples per second. */
  samplesPerSecond: number;
}

/**
 * Times `repeats` inference passes of a random batch of `batch` samples. The input is
 * uniform in [0, 1); the output is read back each pass so asynchronous backends are timed fully.
 */
export async function measureLatency(
  network: Network,
  batch: number,
  repeats: number,
): Promise<LatencyMeasurement> {
  if (!Number.isInteger(batch) || batch < 1 || !Number.isInteger(repeats) || repeats < 1) {
    throw new InvalidParameterError(
      `latency needs a positive integer batch and repeats; got batch ${batch}, repeats ${repeats}`,
      { batch, repeats },
    );
  }
  const inputShape = network.model.inputs[0]?.shape.slice(1) as number[];
  const x = tf.randomUniform([batch, ...inputShape]);
  try {
    await runOnce(network, x);
    const timesMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const startMs = performance.now();
      await runOnce(network, x);
      timesMs.push(performance.now() - startMs);
    }
    timesMs.sort((a, b) => a - b);
    const medianMs = timesMs[Math.floor(timesMs.length / 2)] ?? 0;
    return {
      batch,
      repeats,
      medianMs,
      minMs: timesMs[0] ?? 0,
      samplesPerSecond: (batch / medianMs) * 1000,
    };
  } finally {
    x.dispose();
  }
}

async function runOnce(network: Network, x: tf.Tensor): Promise<void> {
  const { output, features } = network.predict(x);
  await output.data();
  output.dispose();
  tf.dispose(features);
}
