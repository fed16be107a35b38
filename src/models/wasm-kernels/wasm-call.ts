/**
 * Helpers for kernels composed from the wasm backend's own kernels: a kernel function runs
 * other registered wasm kernels directly (not through the engine, so nothing is taped and no
 * Tensor object is created), and disposes its intermediate results by data id.
 */
import { tf } from '../tf.js';

/** The wasm backend name, as registered by @tensorflow/tfjs-backend-wasm. */
export const WASM_BACKEND = 'wasm';

/** The part of the wasm backend's class (BackendWasm) the composed kernels use. */
export interface WasmBackendLike extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/** Attributes of a kernel call, as the kernel registry takes them. */
type Attrs = tf.NamedAttrMap;

/**
 * Runs the registered wasm kernel `kernelName` on `inputs` and returns its output (the first
 * one for multi-output kernels); `inputs` is an array for list kernels (Concat). Throws when
 * the kernel is not registered for wasm.
 */
export function runWasmKernel(
  kernelName: string,
  inputs: Record<string, tf.TensorInfo> | tf.TensorInfo[],
  attrs: Attrs,
  backend: WasmBackendLike,
): tf.TensorInfo {
  const kernel = tf.getKernel(kernelName, WASM_BACKEND);
  if (kernel === undefined) {
    throw new Error(`the wasm backend has no ${kernelName} kernel`);
  }
  // List kernels (Concat, Pack) take an array where the registry's type says a map.
  const named = inputs as tf.NamedTensorInfoMap;
  const result = kernel.kernelFunc({ inputs: named, attrs, backend });
  const output = Array.isArray(result) ? result[0] : result;
  if (output === undefined) throw new Error(`wasm kernel ${kernelName} returned no output`);
  return output;
}

/** Releases intermediate results (one reference each; a reshape shares its input's data). */
export function disposeInfos(backend: WasmBackendLike, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Reshapes without copying (the wasm Reshape kernel adds a reference to the same data). */
export function reshapeInfo(
  x: tf.TensorInfo,
  shape: number[],
  backend: WasmBackendLike,
): tf.TensorInfo {
  return runWasmKernel('Reshape', { x }, { shape }, backend);
}

/**
 * Crops `x` (NHWC) to rows [top, top+height) and columns [left, left+width): used where a
 * transposed padding turns negative, i.e. rows the convolution never reads.
 */
export function cropNhwc(
  x: tf.TensorInfo,
  window: { top: number; left: number; height: number; width: number },
  backend: WasmBackendLike,
): tf.TensorInfo {
  const [batch = 1, , , channels = 1] = x.shape;
  return runWasmKernel(
    'Slice',
    { x },
    {
      begin: [0, window.top, window.left, 0],
      size: [batch, window.height, window.width, channels],
    },
    backend,
  );
}

/** Padding of a gradient convolution along one axis, and how much of x it reads. */
export interface AxisPlan {
  padBefore: number;
  padAfter: number;
  /** Input rows (or columns) read, from 0; rows past it never reach the output. */
  usedSize: number;
}

/**
 * Plans one axis of a filter-gradient convolution: the last tap of the last output reads input
 * index (filterSize − 1)·dilation + (outSize − 1)·stride − padBefore.
 */
export function planAxis(
  inSize: number,
  filterSize: number,
  dilation: number,
  outSize: number,
  stride: number,
  padBefore: number,
): AxisPlan {
  const readEnd = (filterSize - 1) * dilation + (outSize - 1) * stride + 1 - padBefore;
  return {
    padBefore,
    padAfter: Math.max(0, readEnd - inSize),
    usedSize: Math.min(inSize, readEnd),
  };
}
