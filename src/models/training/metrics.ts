/**
 * Regression metrics per target in physical units (kelvin for LST, unitless for emissivity):
 * mean absolute error, root-mean-square error, bias (mean of prediction − truth) and Pearson's
 * correlation coefficient. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';

/** The four figures of one target. */
export interface TargetMetrics {
  mae: number;
  rmse: number;
  /** Mean of prediction − truth; positive when the model overestimates. */
  bias: number;
  /** Pearson's r; NaN when either series is constant. */
  pcc: number;
}

/** Metric names in table order. */
export const METRIC_NAMES = ['mae', 'rmse', 'bias', 'pcc'] as const;

/** One of {@link METRIC_NAMES}. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics of one target column of row-major predictions and truths (`width` columns). */
export function targetMetrics(
  predicted: Float32Array,
  truth: Float32Array,
  width: number,
  column: number,
): TargetMetrics {
  const rows = truth.length / width;
  let sumError = 0;
  let sumAbs = 0;
  let sumSquare = 0;
  let sumP = 0;
  let sumT = 0;
  for (let r = 0; r < rows; r++) {
    const p = predicted[r * width + column]!;
    const t = truth[r * width + column]!;
    sumError += p - t;
    sumAbs += Math.abs(p - t);
    sumSquare += (p - t) ** 2;
    sumP += p;
    sumT += t;
  }
  const meanP = sumP / rows;
  const meanT = sumT / rows;
  let covariance = 0;
  let varianceP = 0;
  let varianceT = 0;
  for (let r = 0; r < rows; r++) {
    const dp = predicted[r * width + column]! - meanP;
    const dt = truth[r * width + column]! - meanT;
    covariance += dp * dt;
    varianceP += dp * dp;
    varianceT += dt * dt;
  }
  const denominator = Math.sqrt(varianceP * varianceT);
  return {
    mae: sumAbs / rows,
    rmse: Math.sqrt(sumSquare / rows),
    bias: sumError / rows,
    pcc: denominator > 0 ? covariance / denominator : Number.NaN,
  };
}

/**
 * Metrics of every target, flattened to `<target>.<metric>` keys (e.g. `lstKelvin.mae`,
 * `emissivity.B10.pcc`). Throws InvalidParameterError when the arrays disagree in size.
 */
export function regressionMetrics(
  predicted: Float32Array,
  truth: Float32Array,
  targetNames: readonly string[],
): Record<string, number> {
  const width = targetNames.length;
  if (predicted.length !== truth.length || truth.length === 0 || truth.length % width !== 0) {
    throw new InvalidParameterError(
      `metrics need equal, non-empty predictions and truths of ${width} columns; got ${predicted.length} and ${truth.length} values`,
    );
  }
  const out: Record<string, number> = {};
  targetNames.forEach((name, column) => {
    const metrics = targetMetrics(predicted, truth, width, column);
    for (const metric of METRIC_NAMES) out[`${name}.${metric}`] = metrics[metric];
  });
  return out;
}
