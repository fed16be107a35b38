/**
 * Names of setting dataset files: `lst-<setting>-n<rows>-s<seed>[-nedt<kelvin>].rskdsim` (the
 * optional part sets every band's NEΔT; `-nedt0` is noise-free). An experiment names
 * the file in `dataset.file`; the name alone says how to simulate it, so a missing file can be
 * rebuilt byte for byte (scripts/lst-dataset.ts) and tests can build it in memory. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import type { SimulatedDataset } from '../../retrieval/simulation/dataset.js';
import { settingDataset } from './setting-dataset.js';
import { lstSetting } from './settings.js';

/** What a setting dataset file name encodes. */
export interface SettingDatasetName {
  settingId: string;
  sampleCount: number;
  seed: number;
  /** NEΔT of every band in kelvin; absent: the sensor's own values. */
  neDeltaTKelvin?: number;
}

const NAME_PATTERN = /^lst-([a-z0-9-]+?)-n(\d+)-s(\d+)(?:-nedt(\d+(?:\.\d+)?))?\.rskdsim$/;
/** Largest NEΔT a file name may ask for, kelvin. */
const MAX_NEDT_KELVIN = 5;

/** The file name of a setting dataset. */
export function settingDatasetFileName(name: SettingDatasetName): string {
  const nedt = name.neDeltaTKelvin === undefined ? '' : `-nedt${name.neDeltaTKelvin}`;
  return `lst-${name.settingId}-n${name.sampleCount}-s${name.seed}${nedt}.rskdsim`;
}

/**
 * Parses the base name of `file` (any directory part is ignored); InvalidParameterError when it
 * does not follow the pattern or names an unknown setting.
 */
export function parseSettingDatasetFileName(file: string): SettingDatasetName {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = NAME_PATTERN.exec(base);
  if (match === null) {
    throw new InvalidParameterError(
      `dataset file "${base}" is not a setting dataset name (lst-<setting>-n<rows>-s<seed>[-nedt<kelvin>].rskdsim)`,
      { file: base },
    );
  }
  const settingId = match[1] ?? '';
  lstSetting(settingId);
  const name: SettingDatasetName = {
    settingId,
    sampleCount: Number(match[2]),
    seed: Number(match[3]),
  };
  if (match[4] !== undefined) {
    const nedt = Number(match[4]);
    if (nedt > MAX_NEDT_KELVIN) {
      throw new InvalidParameterError(
        `dataset file "${base}": NEΔT ${nedt} K is above ${MAX_NEDT_KELVIN} K`,
        { file: base, neDeltaTKelvin: nedt },
      );
    }
    name.neDeltaTKelvin = nedt;
  }
  return name;
}

/** Simulates the dataset a setting dataset file name describes. */
export function simulateNamedDataset(file: string): SimulatedDataset {
  const name = parseSettingDatasetFileName(file);
  return settingDataset(lstSetting(name.settingId), {
    sampleCount: name.sampleCount,
    seed: name.seed,
    ...(name.neDeltaTKelvin === undefined ? {} : { neDeltaTKelvin: name.neDeltaTKelvin }),
  });
}
