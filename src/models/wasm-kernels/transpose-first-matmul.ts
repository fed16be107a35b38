/**
 * Faster transposed matrix products on wasm: BatchMatMul and _FusedMatMul with transposeA or
 * transposeB set run an order of magnitude slower than without (tfjs-backend-wasm 4.22, SIMD,
 * one thread: a 256×512·512×512 product at 14 GFLOP/s plain, 1.2–1.4 GFLOP/s transposed),
 * and the backward pass of every dense layer uses exactly those. The overrides transpose the
 * flagged operand with wasm's own Transpose kernel into a temporary, call the original kernel
 * with both flags false and dispose the temporary; untransposed calls go straight through.
 * This also corrects wasm's _FusedMatMul with a bias and a transpose flag, which adds the bias
 * wrongly (checked against the CPU backend); a bias with more than one matrix in the batch is
 * still added wrongly by the original, untransposed or not.
 *
 * Measured on the 2-core machine (batch 256, Adam, MSE, wasm + SIMD, one thread per backend),
 * training samples/s, original kernels → overrides (load average 0.8 and 1.3):
 * - student 3→48→48→2: in-process 131,000 → 205,000; 2 workers 57,000 → 80,000
 * - teacher 3→512→512→512→2 (528,386 parameters): in-process 954 → 7,430; 2 workers
 *   1,070 → 7,680 (2 workers now barely beat one thread on this machine)
 * Same process, alternating, under load 8: student 55,000 → 89,000 and 89,000 → 198,000;
 * teacher 623 → 4,030 and 694 → 5,510.
 */
import { tf } from '../tf.js';
import { disposeInfos, runWasmKernel, WASM_BACKEND, type WasmBackendLike } from './wasm-call.js';

/** The two kernels overridden, in registration order. */
export const TRANSPOSE_FIRST_KERNELS: readonly string[] = [tf.BatchMatMul, tf._FusedMatMul];

/** Marks an override's kernel function, so a second registration can recognise it. */
const ORIGINAL_KERNEL = Symbol.for('rskd.transposeFirstMatMul.original');

type KernelArgs = Parameters<tf.KernelFunc>[0];
type MarkedKernelFunc = tf.KernelFunc & { [ORIGINAL_KERNEL]?: tf.KernelFunc };

/** Transposes the last two axes of `x` (a matrix or a batch of matrices) on wasm. */
function transposeLastTwo(x: tf.TensorInfo, backend: WasmBackendLike): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, axis) => axis), rank - 1, rank - 2];
  return runWasmKernel('Transpose', { x }, { perm }, backend);
}

/** Wraps `original` so that transposed operands are materialised before it runs. */
function transposeFirst(original: tf.KernelFunc): MarkedKernelFunc {
  const kernelFunc: MarkedKernelFunc = (args: KernelArgs) => {
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const { a, b } = args.inputs as { a?: tf.TensorInfo; b?: tf.TensorInfo };
    const transposeA = attrs.transposeA === true;
    const transposeB = attrs.transposeB === true;
    // Non-float32 operands (which the original rejects) and plain products go straight through.
    const plain = !transposeA && !transposeB;
    if (
      plain ||
      a === undefined ||
      b === undefined ||
      a.dtype !== 'float32' ||
      b.dtype !== 'float32'
    ) {
      return original(args);
    }
    const backend = args.backend as WasmBackendLike;
    const temporaries: tf.TensorInfo[] = [];
    const materialise = (x: tf.TensorInfo, flag: boolean): tf.TensorInfo => {
      if (!flag) return x;
      const transposed = transposeLastTwo(x, backend);
      temporaries.push(transposed);
      return transposed;
    };
    try {
      return original({
        ...args,
        inputs: { ...args.inputs, a: materialise(a, transposeA), b: materialise(b, transposeB) },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      disposeInfos(backend, ...temporaries);
    }
  };
  kernelFunc[ORIGINAL_KERNEL] = original;
  return kernelFunc;
}

/**
 * The kernel function registered for wasm before the override (the override's own, once
 * registered, is recognised and unwrapped); undefined when the kernel is not registered.
 */
export function originalWasmKernel(kernelName: string): tf.KernelFunc | undefined {
  const config = tf.getKernel(kernelName, WASM_BACKEND);
  if (config === undefined) return undefined;
  const kernelFunc = config.kernelFunc as MarkedKernelFunc;
  return kernelFunc[ORIGINAL_KERNEL] ?? kernelFunc;
}

/**
 * Replaces the wasm BatchMatMul and _FusedMatMul kernels by their transpose-first overrides,
 * keeping each original's setupFunc/disposeFunc (so the wasm bindings are still set up when
 * the backend initialises after this call). Idempotent: a kernel already overridden, or not
 * registered (the wasm backend not loaded), is left alone. Returns the names replaced by this
 * call. Call after importing @tensorflow/tfjs-backend-wasm, never on import.
 */
export function registerTransposeFirstMatMul(): string[] {
  const replaced: string[] = [];
  for (const kernelName of TRANSPOSE_FIRST_KERNELS) {
    const config = tf.getKernel(kernelName, WASM_BACKEND);
    if (config === undefined) continue;
    if ((config.kernelFunc as MarkedKernelFunc)[ORIGINAL_KERNEL] !== undefined) continue;
    tf.unregisterKernel(kernelName, WASM_BACKEND);
    tf.registerKernel({ ...config, kernelFunc: transposeFirst(config.kernelFunc) });
    replaced.push(kernelName);
  }
  return replaced;
}
