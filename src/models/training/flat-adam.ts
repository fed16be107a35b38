/**
 * Adam on one flat Float32Array of parameters, in plain JavaScript: the update tfjs-core 4.22's
 * AdamOptimizer applies variable by variable, in one loop. Node-free.
 */

/** Adam's constants (tfjs defaults: β₁ 0.9, β₂ 0.999, ε 1e-7 for float32 backends). */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** The defaults of `tf.train.adam` on a float32 backend. */
export const TFJS_ADAM: AdamConstants = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** The moments and step count of Adam over `size` parameters. */
export interface FlatAdam {
  readonly size: number;
  /** Steps applied so far. */
  readonly steps: number;
  /**
   * One step on `weights` in place with `gradient` (same length as `size`) at `learningRate`.
   */
  apply(weights: Float32Array, gradient: Float32Array, learningRate: number): void;
}

/**
 * Adam (Kingma & Ba 2015, ICLR, Algorithm 1) as tfjs computes it: m ← β₁m + (1−β₁)g,
 * v ← β₂v + (1−β₂)g², w ← w − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε), i.e. ε is added to
 * the bias-corrected √v̂ (Algorithm 1's form, not the ε̂ of its section 2). Moments start at 0.
 */
export function createFlatAdam(size: number, constants: AdamConstants = TFJS_ADAM): FlatAdam {
  const { beta1, beta2, epsilon } = constants;
  const first = new Float32Array(size);
  const second = new Float32Array(size);
  let steps = 0;
  return {
    size,
    get steps() {
      return steps;
    },
    apply(weights, gradient, learningRate) {
      steps += 1;
      // lr / (1 − β₁ᵗ) and 1 / (1 − β₂ᵗ) once per step, out of the loop.
      const rate = learningRate / (1 - beta1 ** steps);
      const inverseCorrection2 = 1 / (1 - beta2 ** steps);
      const keep1 = 1 - beta1;
      const keep2 = 1 - beta2;
      for (let i = 0; i < size; i++) {
        const g = gradient[i]!;
        const m = beta1 * first[i]! + keep1 * g;
        const v = beta2 * second[i]! + keep2 * g * g;
        first[i] = m;
        second[i] = v;
        weights[i] = weights[i]! - (rate * m) / (Math.sqrt(v * inverseCorrection2) + epsilon);
      }
    },
  };
}
