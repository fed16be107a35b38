/**
 * The kernels a {@link KernelPool} worker can run, by name: each reads a fixed number of
 * float32 input rasters and writes one float32 output over a flat pixel range [start, end).
 * Filled here, in one place; parameters are plain data (they cross to workers by structured
 * clone).
 */
import { InvalidParameterError } from '../../src/errors.js';
import type { SplitWindowDnCalibration } from '../../src/retrieval/kernels/dn-calibration.js';
import {
  splitWindowNdviFromBt,
  splitWindowNdviFromDn,
} from '../../src/retrieval/kernels/split-window-ndvi.js';
import type { SplitWindowNdviParams } from '../../src/retrieval/kernels/split-window-params.js';

/** Parameters of each kernel. */
export interface KernelParamsByName {
  /** Inputs: Tb of channel i and j (K), red and NIR reflectance. */
  'split-window-ndvi-bt': SplitWindowNdviParams;
  /** Inputs: Level-1 DN of thermal i and j, red and NIR. */
  'split-window-ndvi-dn': {
    calibration: SplitWindowDnCalibration;
    splitWindow: SplitWindowNdviParams;
  };
}

/** Name of a registered kernel. */
export type KernelName = keyof KernelParamsByName;

/** Number of input rasters of each kernel. */
export const KERNEL_INPUT_COUNTS: Readonly<Record<KernelName, number>> = {
  'split-window-ndvi-bt': 4,
  'split-window-ndvi-dn': 4,
};

type KernelFunction<K extends KernelName> = (
  inputs: readonly Float32Array[],
  output: Float32Array,
  params: KernelParamsByName[K],
  start: number,
  end: number,
) => void;

function input(inputs: readonly Float32Array[], index: number): Float32Array {
  const array = inputs[index];
  if (array === undefined) {
    throw new InvalidParameterError(`kernel input ${index} is missing`, { index });
  }
  return array;
}

const KERNELS: { [K in KernelName]: KernelFunction<K> } = {
  'split-window-ndvi-bt': (inputs, output, params, start, end) => {
    const [tbI, tbJ, red, nir] = [0, 1, 2, 3].map((index) => input(inputs, index));
    splitWindowNdviFromBt(tbI!, tbJ!, red!, nir!, params, output, start, end);
  },
  'split-window-ndvi-dn': (inputs, output, params, start, end) => {
    const [dnI, dnJ, dnRed, dnNir] = [0, 1, 2, 3].map((index) => input(inputs, index));
    const { calibration, splitWindow } = params;
    splitWindowNdviFromDn(dnI!, dnJ!, dnRed!, dnNir!, calibration, splitWindow, output, start, end);
  },
};

/** True for a registered kernel name. */
export function isKernelName(name: string): name is KernelName {
  return Object.hasOwn(KERNELS, name);
}

/** Runs a kernel over [start, end) on the calling thread. */
export function runKernel<K extends KernelName>(
  name: K,
  inputs: readonly Float32Array[],
  output: Float32Array,
  params: KernelParamsByName[K],
  start: number,
  end: number,
): void {
  const kernel = KERNELS[name] as KernelFunction<K>;
  kernel(inputs, output, params, start, end);
}
