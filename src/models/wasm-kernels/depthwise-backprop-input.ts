/**
 * DepthwiseConv2dNativeBackpropInput for the wasm backend, composed from wasm's Reshape, PadV2,
 * Slice, Reverse, DepthwiseConv2dNative and Sum kernels.
 *
 * The input gradient of a convolution is the convolution of the output gradient, dilated by the
 * stride (zeros between samples) and padded by (filter extent − 1 − pad), with the filter
 * flipped in both spatial axes (Dumoulin & Visin 2016, "A guide to convolution arithmetic",
 * §4.2–4.6). For a depthwise filter [kh, kw, c, m] each of the c·m gradient channels is
 * convolved with its own flipped tap set, and the m channels of one input channel are summed.
 */
import { tf } from '../tf.js';
import {
  cropNhwc,
  disposeInfos,
  reshapeInfo,
  runWasmKernel,
  type WasmBackendLike,
  WASM_BACKEND,
} from './wasm-call.js';

/** Attributes of the kernel (tfjs-core's DepthwiseConv2dNativeBackpropInputAttrs). */
type Attrs = tf.DepthwiseConv2dNativeBackpropInputAttrs;

type ConvInfo = tf.backend_util.Conv2DInfo;

/** dy with (stride − 1) zeros after every sample along rows and columns: [b, p·sh, q·sw, c·m]. */
function dilateByStride(
  dy: tf.TensorInfo,
  info: ConvInfo,
  backend: WasmBackendLike,
): tf.TensorInfo {
  const { strideHeight, strideWidth, outHeight, outWidth, batchSize, outChannels } = info;
  if (strideHeight === 1 && strideWidth === 1) return reshapeInfo(dy, dy.shape, backend);
  const spread = reshapeInfo(dy, [batchSize, outHeight, 1, outWidth, 1, outChannels], backend);
  const padded = runWasmKernel(
    'PadV2',
    { x: spread },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, strideHeight - 1],
        [0, 0],
        [0, strideWidth - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
    backend,
  );
  const dilated = reshapeInfo(
    padded,
    [batchSize, outHeight * strideHeight, outWidth * strideWidth, outChannels],
    backend,
  );
  disposeInfos(backend, spread, padded);
  return dilated;
}

/** Padding before/after one axis of the dilated gradient; negative means crop. */
function transposedPads(
  inSize: number,
  dilatedSize: number,
  filterSize: number,
  dilation: number,
  padBefore: number,
): [number, number] {
  const extent = (filterSize - 1) * dilation + 1;
  const before = extent - 1 - padBefore;
  return [before, inSize + extent - 1 - dilatedSize - before];
}

/** Crops the dilated gradient where a pad is negative; returns it with the remaining pads. */
function cropForPads(
  dilated: tf.TensorInfo,
  rows: [number, number],
  columns: [number, number],
  backend: WasmBackendLike,
): { x: tf.TensorInfo; rows: [number, number]; columns: [number, number] } {
  const [, height = 0, width = 0] = dilated.shape;
  const top = Math.max(0, -rows[0]);
  const left = Math.max(0, -columns[0]);
  const cropped = cropNhwc(
    dilated,
    {
      top,
      left,
      height: height - top - Math.max(0, -rows[1]),
      width: width - left - Math.max(0, -columns[1]),
    },
    backend,
  );
  const positive = (pads: [number, number]): [number, number] => [
    Math.max(0, pads[0]),
    Math.max(0, pads[1]),
  ];
  return { x: cropped, rows: positive(rows), columns: positive(columns) };
}

function depthwiseBackpropInput(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: unknown;
}): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as Attrs;
  const filterShape = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const [kh, kw, channels, multiplier] = filterShape;

  const dilated = dilateByStride(dy, info, backend);
  const [, dilatedHeight = 0, dilatedWidth = 0] = dilated.shape;
  const rowPads = transposedPads(
    info.inHeight,
    dilatedHeight,
    kh,
    info.dilationHeight,
    info.padInfo.top,
  );
  const columnPads = transposedPads(
    info.inWidth,
    dilatedWidth,
    kw,
    info.dilationWidth,
    info.padInfo.left,
  );
  const source = cropForPads(dilated, rowPads, columnPads, backend);

  const flipped = runWasmKernel('Reverse', { x: filter }, { dims: [0, 1] }, backend);
  const perChannel = reshapeInfo(flipped, [kh, kw, channels * multiplier, 1], backend);
  const convolved = runWasmKernel(
    'DepthwiseConv2dNative',
    { x: source.x, filter: perChannel },
    {
      strides: [1, 1],
      dilations: [info.dilationHeight, info.dilationWidth],
      pad: [[0, 0], source.rows, source.columns, [0, 0]],
    },
    backend,
  );
  disposeInfos(backend, dilated, source.x, flipped, perChannel);
  if (multiplier === 1) return convolved;

  const split = reshapeInfo(
    convolved,
    [info.batchSize, info.inHeight, info.inWidth, channels, multiplier],
    backend,
  );
  const grad = runWasmKernel('Sum', { x: split }, { axis: [4], keepDims: false }, backend);
  disposeInfos(backend, convolved, split);
  return grad;
}

/** Kernel registration config of DepthwiseConv2dNativeBackpropInput on wasm. */
export const depthwiseBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: WASM_BACKEND,
  kernelFunc: depthwiseBackpropInput,
};
