/**
 * Peer losses of online mutual learning. Zhang, Xiang, Hospedales & Lu 2018, "Deep Mutual
 * Learning", CVPR, Eqs. (1)–(2): each peer minimises its supervised loss plus
 * D_KL(p_peer ‖ p_self), the peer's prediction held constant. For regression peers the KL is
 * replaced by the mean squared difference to the peer's output. In the context, teacherOutput
 * is the peer's output.
 */
import { tf } from '../../tf.js';
import { requireSameShape } from '../features.js';
import { resolveParams } from '../params.js';
import { softenedKlPerSample } from '../response/softmax-kl.js';
import { stopGradient } from '../stop-gradient.js';
import type { DistillationContext, DistillationMethod, DistillationParams } from '../types.js';
import { weightedLoss } from '../weighted-loss.js';

/** Batch-mean KL(softmax(peer) ‖ softmax(own)) of logits [batch, classes]. */
export function mutualKlLoss(
  ownLogits: tf.Tensor,
  peerLogits: tf.Tensor,
  weights?: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() =>
    weightedLoss(softenedKlPerSample(ownLogits, stopGradient(peerLogits), 1), weights),
  );
}

/** Mean squared difference to the peer's (constant) outputs. */
export function mutualMseLoss(
  ownOutput: tf.Tensor,
  peerOutput: tf.Tensor,
  weights?: tf.Tensor,
): tf.Scalar {
  requireSameShape('mutual-mse', ownOutput, peerOutput);
  return tf.tidy(() =>
    weightedLoss(tf.squaredDifference(ownOutput, stopGradient(peerOutput)), weights),
  );
}

const DEFAULTS = { weight: 1 };

function peerMethod(id: string, classification: boolean): DistillationMethod {
  return {
    id,
    citation: 'Zhang, Xiang, Hospedales & Lu 2018, CVPR, "Deep Mutual Learning", Eqs. (1)–(2)',
    tasks: classification ? ['classification'] : ['regression', 'dense'],
    ...(classification ? {} : { adaptation: 'MSE between peers in place of the KL divergence' }),
    defaults: DEFAULTS,
    loss: (ctx: DistillationContext, params?: DistillationParams) => {
      const { weight } = resolveParams(id, DEFAULTS, params, { weight: { min: 0, max: 1e6 } });
      const peerLoss = classification ? mutualKlLoss : mutualMseLoss;
      return tf.tidy(() =>
        tf.mul(peerLoss(ctx.studentOutput, ctx.teacherOutput, ctx.weights), weight),
      );
    },
  };
}

/** Registry entry: KL to the peer (classification). */
export const mutualKl: DistillationMethod = peerMethod('mutual-kl', true);
/** Registry entry: MSE to the peer (regression and dense outputs). */
export const mutualMse: DistillationMethod = peerMethod('mutual-mse', false);
