/**
 * Test fixture: a training loss given by module reference, reading the teacher's outputs from
 * the batch's extra inputs (mean squared distance of the prediction to `teacherOutput`).
 */
import { tf } from '../../tf.js';
import type { TrainingLoss } from '../training-losses.js';

/** MSE between the prediction and extraInputs.teacherOutput; the targets are ignored. */
export const teacherMse: TrainingLoss = ({ prediction, extraInputs }) => {
  const teacher = extraInputs.teacherOutput;
  if (teacher === undefined) throw new Error('teacherMse needs extraInputs.teacherOutput');
  return tf.mean(tf.squaredDifference(prediction, teacher));
};
