/**
 * The gradient kernels the wasm backend lacks (tfjs-backend-wasm 4.22), composed from its own
 * kernels, the transpose-first overrides of its BatchMatMul and _FusedMatMul, and their one
 * explicit registration (called by initBackend, never on import).
 */
import { tf } from '../tf.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { depthwiseBackpropFilterConfig } from './depthwise-backprop-filter.js';
import { depthwiseBackpropInputConfig } from './depthwise-backprop-input.js';
import { registerTransposeFirstMatMul } from './transpose-first-matmul.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

export {
  originalWasmKernel,
  registerTransposeFirstMatMul,
  TRANSPOSE_FIRST_KERNELS,
} from './transpose-first-matmul.js';

/** The four kernels, in registration order. */
export const WASM_GRADIENT_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/**
 * Registers every kernel of {@link WASM_GRADIENT_KERNELS} that is not yet registered for wasm,
 * then replaces BatchMatMul and _FusedMatMul by their transpose-first overrides
 * ({@link registerTransposeFirstMatMul}). Idempotent: a second call, or a future tfjs release
 * that ships its own gradient kernel, is left alone. Returns the names registered or replaced
 * by this call.
 */
export function registerWasmGradientKernels(): string[] {
  const registered: string[] = [];
  for (const config of WASM_GRADIENT_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName) !== undefined) continue;
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  registered.push(...registerTransposeFirstMatMul());
  return registered;
}
