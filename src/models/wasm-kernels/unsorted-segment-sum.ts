/**
 * UnsortedSegmentSum for the wasm backend (the gradient of Gather):
 * out[s, ...] = Σ over i with segmentIds[i] = s of x[i, ...], for s in [0, numSegments);
 * ids outside that range are dropped, as in TensorFlow's tf.math.unsorted_segment_sum.
 * One pass over x in the wasm heap: O(x.size), independent of numSegments.
 */
import { tf } from '../tf.js';
import { type WasmBackendLike, WASM_BACKEND } from './wasm-call.js';

/** Attributes of the kernel (tfjs-core's UnsortedSegmentSumAttrs). */
type Attrs = tf.UnsortedSegmentSumAttrs;

function unsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: unknown;
}): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = args.attrs as unknown as Attrs;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`wasm UnsortedSegmentSum supports float32 and int32, got ${x.dtype}`);
  }

  // segmentIds covers the leading axes of x; each id addresses one row of `rowSize` values.
  const idCount = tf.util.sizeFromShape(segmentIds.shape);
  const rowSize = idCount === 0 ? 0 : tf.util.sizeFromShape(x.shape) / idCount;
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  const out = backend.makeOutput(outShape, x.dtype);
  const sums = backend.typedArrayFromHeap(out);
  sums.fill(0);

  const values = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  for (let i = 0; i < idCount; i++) {
    const segment = ids[i] ?? -1;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * rowSize;
    const to = segment * rowSize;
    for (let k = 0; k < rowSize; k++) sums[to + k] = (sums[to + k] ?? 0) + (values[from + k] ?? 0);
  }
  return out;
}

/** Kernel registration config of UnsortedSegmentSum on wasm. */
export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: WASM_BACKEND,
  kernelFunc: unsortedSegmentSum,
};
