/**
 * Inputs for data-free distillation of regression models, kept within physical bounds. A
 * generator's raw outputs (as in DAFL, Chen, Wang, Xu, Yang, Liu, Shi, Xu, Xu & Tian 2019,
 * "Data-Free Learning of Student Networks", ICCV) are mapped into each input's valid range
 * [min, max] (e.g. brightness temperature in K, emissivity, water vapour in g/cm²) by a sigmoid
 * (smooth, gradient everywhere) or a clamp; simulator-domain sampling draws inputs uniformly in
 * the same ranges instead.
 */
import { InvalidParameterError } from '../../../errors.js';
import { tf } from '../../tf.js';

/** The valid range of one model input, in that input's unit. */
export interface InputBounds {
  name: string;
  min: number;
  max: number;
}

function boundTensors(bounds: readonly InputBounds[]): { low: tf.Tensor2D; span: tf.Tensor2D } {
  for (const b of bounds) {
    if (!(Number.isFinite(b.min) && Number.isFinite(b.max) && b.max > b.min)) {
      throw new InvalidParameterError(
        `data-free: bounds of ${b.name} are invalid: [${b.min}, ${b.max}]`,
        {
          input: b.name,
          min: b.min,
          max: b.max,
        },
      );
    }
  }
  return {
    low: tf.tensor2d([bounds.map((b) => b.min)]),
    span: tf.tensor2d([bounds.map((b) => b.max - b.min)]),
  };
}

/**
 * Generator outputs [rows, inputs] mapped into the bounds: min + (max − min)·sigmoid(x)
 * (`sigmoid`, strictly inside) or clamp(x, min, max) (`clamp`, zero gradient outside).
 */
export function boundGeneratorOutput(
  raw: tf.Tensor2D,
  bounds: readonly InputBounds[],
  mapping: 'sigmoid' | 'clamp' = 'sigmoid',
): tf.Tensor2D {
  if (raw.shape[1] !== bounds.length) {
    throw new InvalidParameterError(
      `data-free: generator gives ${raw.shape[1]} inputs but ${bounds.length} bounds were given`,
    );
  }
  return tf.tidy(() => {
    const { low, span } = boundTensors(bounds);
    if (mapping === 'sigmoid') return tf.add(low, tf.mul(span, tf.sigmoid(raw)));
    return tf.minimum(tf.maximum(raw, low), tf.add(low, span));
  });
}

/** `rows` inputs drawn uniformly within the bounds (simulator-domain sampling), seeded. */
export function sampleSimulatorDomain(
  bounds: readonly InputBounds[],
  rows: number,
  seed: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const { low, span } = boundTensors(bounds);
    const unit = tf.randomUniform([rows, bounds.length], 0, 1, 'float32', seed);
    return tf.add(low, tf.mul(span, unit));
  });
}
