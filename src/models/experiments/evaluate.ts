/**
 * Test-split evaluation of a trained model in physical units, and its cost figures. Node-free.
 */
import { measureLatency, type Network } from '../architectures/index.js';
import { tf } from '../tf.js';
import { regressionMetrics } from '../training/metrics.js';
import { denormalise, type TabularSplit } from '../training/tabular-data.js';
import type { ExperimentData } from './experiment-data.js';

/** Predictions of a network on a normalised split, in normalised target units. */
export function predictSplit(network: Network, split: TabularSplit): Float32Array {
  const out = new Float32Array(split.rows * split.targetWidth);
  const chunk = 8192;
  for (let start = 0; start < split.rows; start += chunk) {
    const end = Math.min(split.rows, start + chunk);
    const values = tf.tidy(() => {
      const x = tf.tensor2d(
        split.inputs.subarray(start * split.inputWidth, end * split.inputWidth),
        [end - start, split.inputWidth],
      );
      return network.predict(x, false).output.dataSync() as Float32Array;
    });
    out.set(values, start * split.targetWidth);
  }
  return out;
}

/** Test metrics in physical units (`lstKelvin.mae` in K…); reads the test split once. */
export function testMetrics(network: Network, data: ExperimentData): Record<string, number> {
  const predicted = denormalise(predictSplit(network, data.test), data.tabular.targetScales);
  return regressionMetrics(predicted, data.tabular.test.targets, data.targets);
}

/** Inference throughput, million samples (pixels) per second, batch 8192, median of 3. */
export async function inferenceMpxPerS(network: Network): Promise<number> {
  const latency = await measureLatency(network, 8192, 3);
  return latency.samplesPerSecond / 1e6;
}
