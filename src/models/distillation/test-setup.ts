/**
 * Test helper: selects the CPU backend of TensorFlow.js once per test file. Only tests import
 * this module (registering the backend here keeps library code free of import side effects).
 */
import { silenceCpuGreeting } from '../backend.js';
import { tf } from '../tf.js';
import '@tensorflow/tfjs-backend-cpu';

/** Selects the CPU backend; call in `beforeAll`. */
export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  silenceCpuGreeting();
}

/** The values of a tensor as a plain array (for toBeCloseTo comparisons). */
export function valuesOf(tensor: tf.Tensor): number[] {
  return Array.from(tensor.dataSync());
}

/** The value of a scalar tensor. */
export function scalarOf(tensor: tf.Tensor): number {
  const value = tensor.dataSync()[0];
  if (value === undefined) throw new Error('empty tensor');
  return value;
}
