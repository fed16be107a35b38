/**
 * Conv2DBackpropFilter for the wasm backend, composed from wasm's own Transpose and Conv2D.
 *
 * The filter gradient of y = conv(x, w) with stride s is itself a correlation:
 *   dW[i, j, ci, co] = Σ_{b, p, q} x[b, p·s + i − padTop, q·s + j − padLeft, ci]
 *                      · dy[b, p, q, co].
 * Reading ci as the batch, b as the channels and dy as a filter of size outHeight × outWidth,
 * that is conv(xᵀ, dyᵀ) with stride 1 and dilation s (stride and dilation swap roles), which
 * wasm runs through XNNPACK (Dumoulin & Visin 2016, "A guide to convolution arithmetic", §4).
 */
import { tf } from '../tf.js';
import {
  cropNhwc,
  planAxis,
  disposeInfos,
  runWasmKernel,
  type WasmBackendLike,
  WASM_BACKEND,
} from './wasm-call.js';

/** Attributes of the kernel (tfjs-core's Conv2DBackpropFilterAttrs). */
type Attrs = tf.Conv2DBackpropFilterAttrs;

function conv2dBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: unknown;
}): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as Attrs;
  if (attrs.dataFormat === 'NCHW') {
    throw new Error('wasm Conv2DBackpropFilter supports NHWC only, got dataFormat NCHW');
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const rows = planAxis(
    info.inHeight,
    info.filterHeight,
    1,
    info.outHeight,
    info.strideHeight,
    info.padInfo.top,
  );
  const columns = planAxis(
    info.inWidth,
    info.filterWidth,
    1,
    info.outWidth,
    info.strideWidth,
    info.padInfo.left,
  );

  // x [b, h, w, ci] → [ci, h, w, b]; dy [b, p, q, co] → [p, q, b, co].
  const xT = runWasmKernel('Transpose', { x }, { perm: [3, 1, 2, 0] }, backend);
  const xUsed = cropNhwc(
    xT,
    { top: 0, left: 0, height: rows.usedSize, width: columns.usedSize },
    backend,
  );
  const dyT = runWasmKernel('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend);

  const gradT = runWasmKernel(
    'Conv2D',
    { x: xUsed, filter: dyT },
    {
      strides: [1, 1],
      dilations: [info.strideHeight, info.strideWidth],
      pad: [
        [0, 0],
        [rows.padBefore, rows.padAfter],
        [columns.padBefore, columns.padAfter],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
    backend,
  );
  // [ci, i, j, co] → [i, j, ci, co].
  const grad = runWasmKernel('Transpose', { x: gradT }, { perm: [1, 2, 0, 3] }, backend);
  disposeInfos(backend, xT, xUsed, dyT, gradT);
  return grad;
}

/** Kernel registration config of Conv2DBackpropFilter on wasm. */
export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: WASM_BACKEND,
  kernelFunc: conv2dBackpropFilter,
};
