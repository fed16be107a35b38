/**
 * FitNets hints with a learned regressor. Romero, Ballas, Kahou, Chassang, Gatta & Bengio
 * 2015, "FitNets: Hints for Thin Deep Nets", ICLR, Eq. (3): L_HT = ½ ‖u_h(x) − r(v_g(x))‖²,
 * where u_h is the teacher's hint layer, v_g the student's guided layer and r a regressor
 * trained with the student. The paper's regressor is convolutional to save parameters; here it
 * is linear: dense for MLP vectors, a 1×1 convolution for CNN maps (same height and width).
 */
import { InvalidParameterError } from '../../../errors.js';
import { tf } from '../../tf.js';
import { requireRank, selectFeaturePair, type FeaturePair } from '../features.js';
import {
  applyDense,
  createDense,
  denseVariables,
  disposeDense,
  type DenseVariables,
} from '../learned-layers.js';
import { resolveParams } from '../params.js';
import { hintLoss } from '../regression/hint-loss.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';

/** ½ · mean((r(student) − teacher)²) for a regressor mapping student to teacher channels. */
export function fitnetsLoss(
  studentFeature: tf.Tensor,
  teacherFeature: tf.Tensor,
  regressor: DenseVariables,
): tf.Scalar {
  return tf.tidy(() =>
    tf.mul(hintLoss(applyDense(regressor, studentFeature), teacherFeature), 0.5),
  );
}

function checkPair(pair: FeaturePair): void {
  const rank = pair.student.rank;
  if (rank !== 2) requireRank('fitnets', 'a CNN feature map', pair.student, 4);
  requireRank('fitnets', 'the teacher feature', pair.teacher, rank);
  const spatialStudent = pair.student.shape.slice(1, -1).join('×');
  const spatialTeacher = pair.teacher.shape.slice(1, -1).join('×');
  if (spatialStudent !== spatialTeacher) {
    throw new InvalidParameterError(
      `fitnets: the 1×1 regressor needs equal map sizes, student ${spatialStudent} vs teacher ${spatialTeacher}`,
      { student: pair.student.shape, teacher: pair.teacher.shape },
    );
  }
}

const DEFAULTS = { studentFeatureIndex: -1, teacherFeatureIndex: -1, seed: 1 };

/** A FitNets method instance with its own regressor, created from the first context seen. */
export function createFitNets(): DistillationMethod {
  let regressor: DenseVariables | null = null;

  const ensureRegressor = (ctx: DistillationContext, params?: DistillationParams) => {
    const options = resolveParams('fitnets', DEFAULTS, params);
    const pair = selectFeaturePair(
      'fitnets',
      ctx,
      options.studentFeatureIndex,
      options.teacherFeatureIndex,
    );
    checkPair(pair);
    const inputs = pair.student.shape[pair.student.rank - 1] ?? 1;
    const outputs = pair.teacher.shape[pair.teacher.rank - 1] ?? 1;
    regressor ??= createDense(inputs, outputs, options.seed);
    return { pair, layer: regressor };
  };

  return {
    id: 'fitnets',
    citation: 'Romero et al. 2015, ICLR, "FitNets: Hints for Thin Deep Nets", Eq. (3)',
    tasks: ['classification', 'regression', 'dense'],
    adaptation:
      'linear regressor: dense for MLP hidden vectors, 1×1 convolution for CNN maps; mean instead of sum',
    defaults: DEFAULTS,
    loss: (ctx, params) => {
      const { pair, layer } = ensureRegressor(ctx, params);
      return fitnetsLoss(pair.student, pair.teacher, layer);
    },
    extraVariables: (ctx, params) => denseVariables(ensureRegressor(ctx, params).layer),
    instantiate: createFitNets,
    dispose: () => {
      if (regressor) disposeDense(regressor);
      regressor = null;
    },
  };
}

/** Registry entry (a template: call `instantiate()` once per training run). */
export const fitnets: DistillationMethod = createFitNets();
