/**
 * DepthwiseConv2dNativeBackpropFilter for the wasm backend, composed from wasm's Transpose,
 * Slice, DepthwiseConv2dNative and Sum kernels.
 *
 * For y = depthwiseConv(x, w), w of shape [kh, kw, c, m] and output channel c·m + k,
 *   dW[i, j, c, k] = Σ_b Σ_{p, q} x[b, p·s + i·d − padTop, q·s + j·d − padLeft, c]
 *                    · dy[b, p, q, c·m + k]
 * (TensorFlow's depthwise_conv2d definition). With (b, c) read as one channel axis of a
 * single image, the inner sum is itself a depthwise correlation of x with dy as the filter,
 * stride d and dilation s (stride and dilation swap roles, as for Conv2DBackpropFilter;
 * Dumoulin & Visin 2016, §4); the batch is then summed out.
 */
import { tf } from '../tf.js';
import {
  cropNhwc,
  planAxis,
  disposeInfos,
  reshapeInfo,
  runWasmKernel,
  type WasmBackendLike,
  WASM_BACKEND,
} from './wasm-call.js';

/** Attributes of the kernel (tfjs-core's DepthwiseConv2dNativeBackpropFilterAttrs). */
type Attrs = tf.DepthwiseConv2dNativeBackpropFilterAttrs;

function depthwiseBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: unknown;
}): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as Attrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const { batchSize, inChannels, outHeight, outWidth } = info;
  const [kh, kw, , multiplier] = attrs.filterShape;
  const rows = planAxis(
    info.inHeight,
    kh,
    info.dilationHeight,
    outHeight,
    info.strideHeight,
    info.padInfo.top,
  );
  const columns = planAxis(
    info.inWidth,
    kw,
    info.dilationWidth,
    outWidth,
    info.strideWidth,
    info.padInfo.left,
  );

  // x [b, h, w, c] → one image [1, h, w, b·c]; dy [b, p, q, c·m] → filter [p, q, b·c, m].
  const xT = runWasmKernel('Transpose', { x }, { perm: [1, 2, 0, 3] }, backend);
  const xImage = reshapeInfo(xT, [1, info.inHeight, info.inWidth, batchSize * inChannels], backend);
  const xUsed = cropNhwc(
    xImage,
    { top: 0, left: 0, height: rows.usedSize, width: columns.usedSize },
    backend,
  );
  const dyT = runWasmKernel('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend);
  const dyFilter = reshapeInfo(
    dyT,
    [outHeight, outWidth, batchSize * inChannels, multiplier],
    backend,
  );

  const perImage = runWasmKernel(
    'DepthwiseConv2dNative',
    { x: xUsed, filter: dyFilter },
    {
      strides: [info.dilationHeight, info.dilationWidth],
      dilations: [info.strideHeight, info.strideWidth],
      pad: [
        [0, 0],
        [rows.padBefore, rows.padAfter],
        [columns.padBefore, columns.padAfter],
        [0, 0],
      ],
    },
    backend,
  );
  // [1, kh, kw, b·c·m] → [kh, kw, b, c, m] → Σ_b.
  const split = reshapeInfo(perImage, [kh, kw, batchSize, inChannels, multiplier], backend);
  const grad = runWasmKernel('Sum', { x: split }, { axis: [2], keepDims: false }, backend);
  disposeInfos(backend, xT, xImage, xUsed, dyT, dyFilter, perImage, split);
  return grad;
}

/** Kernel registration config of DepthwiseConv2dNativeBackpropFilter on wasm. */
export const depthwiseBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: WASM_BACKEND,
  kernelFunc: depthwiseBackpropFilter,
};
