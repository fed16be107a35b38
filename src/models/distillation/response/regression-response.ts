/**
 * Response-based distillation for regression: the student regresses the teacher's outputs
 * (per-pixel LST/LSE, or dense chip outputs) with a squared (MSE) or absolute (L1) error,
 * optionally weighted by the teacher's inverse predictive variance, wᵢ = 1 / (σᵢ² + ε), so
 * uncertain teacher pixels count less (inverse-variance weighting; cf. the heteroscedastic
 * attenuation 1 / (2σ²) of Kendall & Gal 2017, NeurIPS, Eq. (8)). Mask weights multiply in.
 */
import { tf } from '../../tf.js';
import { stopGradient } from '../stop-gradient.js';
import { requireSameShape } from '../features.js';
import { requireTensor, resolveParams } from '../params.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Error norm of the regression response loss. */
export type RegressionNorm = 'mse' | 'l1';

/** Options of {@link regressionResponseLoss}. */
export interface RegressionResponseOptions {
  norm: RegressionNorm;
  /** Teacher predictive variance, shaped like the outputs (output units²). */
  teacherVariance?: tf.Tensor;
  /** ε added to the variance before inverting it (output units²). */
  varianceEpsilon?: number;
  /** Mask or per-pixel weights broadcastable to the outputs. */
  weights?: tf.Tensor;
}

/** Inverse-variance weights 1 / (σ² + ε), times the mask weights when given. */
export function inverseVarianceWeights(
  variance: tf.Tensor,
  epsilon: number,
  mask?: tf.Tensor,
): tf.Tensor {
  return tf.tidy(() => {
    const inverse = tf.div(1, tf.add(stopGradient(variance), epsilon));
    return mask === undefined ? inverse : tf.mul(inverse, mask);
  });
}

/**
 * The mean error between student and teacher outputs (same shape). With `teacherVariance`
 * the result is the inverse-variance weighted mean Σ wᵢ·eᵢ / Σ wᵢ; otherwise the mean over
 * elements with non-zero mask weight. Units: output² (MSE) or output units (L1).
 */
export function regressionResponseLoss(
  studentOutput: tf.Tensor,
  teacherOutput: tf.Tensor,
  options: RegressionResponseOptions,
): tf.Scalar {
  requireSameShape('regression response', studentOutput, teacherOutput);
  return tf.tidy(() => {
    const difference = tf.sub(studentOutput, stopGradient(teacherOutput));
    const errors = options.norm === 'mse' ? tf.square(difference) : tf.abs(difference);
    if (options.teacherVariance === undefined) return weightedLoss(errors, options.weights);

    const epsilon = options.varianceEpsilon ?? 1e-6;
    const weights = inverseVarianceWeights(options.teacherVariance, epsilon, options.weights);
    return weightedLoss(errors, weights, 'mean');
  });
}

const DEFAULTS = { varianceWeighting: 0, varianceEpsilon: 1e-6 };

function responseMethod(norm: RegressionNorm): DistillationMethod {
  const id = `response-${norm}`;
  return {
    id,
    citation:
      'Hinton, Vinyals & Dean 2015 (arXiv:1503.02531) response matching, as a regression ' +
      'error; inverse-variance weights after Kendall & Gal 2017, NeurIPS, Eq. (8)',
    tasks: ['regression', 'dense'],
    adaptation: `${norm === 'mse' ? 'squared' : 'absolute'} error to the teacher's outputs; varianceWeighting = 1 weights by 1/(σ²+ε)`,
    defaults: DEFAULTS,
    loss: (ctx: DistillationContext, params?: DistillationParams) => {
      const options = resolveParams(id, DEFAULTS, params, {
        varianceWeighting: { min: 0, max: 1 },
        varianceEpsilon: { min: 1e-12, max: 1e6 },
      });
      const variance =
        options.varianceWeighting > 0
          ? requireTensor(id, 'teacherVariance', ctx.teacherVariance)
          : undefined;
      return regressionResponseLoss(ctx.studentOutput, ctx.teacherOutput, {
        norm,
        varianceEpsilon: options.varianceEpsilon,
        ...(variance ? { teacherVariance: variance } : {}),
        ...(ctx.weights ? { weights: ctx.weights } : {}),
      });
    },
  };
}

/** Registry entry: MSE to the teacher's outputs. */
export const responseMse: DistillationMethod = responseMethod('mse');
/** Registry entry: L1 to the teacher's outputs. */
export const responseL1: DistillationMethod = responseMethod('l1');
