/**
 * The library's public entry point, as built to dist/index.js (tsconfig.build.json) and imported
 * by notebooks and other applications. It re-exports a curated, stable subset of src/: typed
 * errors, the simulator, the physical LST retrievals and the raster reader. Deeper modules stay
 * importable by their dist/ paths. Nothing here (or below) uses top-level await, so the built
 * output also loads through require() (tslab turns imports into require calls).
 */
export * from './errors.js';
export { silentLogger, type Logger, type ProgressCallback } from './logger.js';

export { simulateDataset, type SimulationOptions } from './retrieval/simulation/simulate.js';
export {
  bandColumn,
  columnOf,
  rowsOfSplit,
  type DatasetColumn,
  type DatasetMetadata,
  type SimulatedDataset,
} from './retrieval/simulation/dataset.js';
export { SPLIT_NAMES, type SplitName } from './retrieval/simulation/splits.js';
export {
  SIMULATION_SENSOR_IDS,
  simulationSensor,
  type SimulationSensor,
} from './retrieval/simulation/simulation-sensors.js';

export { spectralResponseOf, type SpectralResponse } from './retrieval/spectral-response.js';
export { bandBrightnessTemperature, bandRadiance } from './retrieval/planck.js';
export {
  brightnessTemperatureKelvin,
  dnToRadiance,
  radianceToBrightnessTemperature,
} from './retrieval/brightness-temperature.js';
export {
  JIMENEZ_MUNOZ_2014_SPLIT_WINDOW,
  splitWindowLst,
  splitWindowLstKelvin,
  type SplitWindowCoefficients,
} from './retrieval/split-window.js';
export {
  rteInversion,
  rteLstKelvin,
  type RteInputs,
  type RteInversionMethod,
} from './retrieval/rte.js';
export { getSensorProfile, type ThermalConstants } from './retrieval/sensors.js';

export { openGeoTiff, type OpenGeoTiffOptions } from './rasters/geotiff-reader.js';
export type { PixelWindow, RasterInfo, RasterReader } from './rasters/types.js';
export { parseMtl } from './rasters/mtl.js';
export type { BandCalibration, LandsatMetadata } from './rasters/scene-types.js';
export { computeStatistics, type BandStatistics } from './rasters/statistics.js';
