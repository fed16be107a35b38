/**
 * The simulated dataset of an input setting: the simulator's rows for the setting's sensor plus
 * an NDVI proxy column when the setting reads NDVI. Node-free.
 *
 * The simulator draws a vegetation fraction Pv per row, not an NDVI. The proxy inverts the
 * NDVI-threshold relation of Sobrino et al. 2004 (RSE 90, eq. 4), Pv = ((NDVI − NDVIs) /
 * (NDVIv − NDVIs))² with NDVIs 0.2 and NDVIv 0.5, so NDVI = NDVIs + √Pv·(NDVIv − NDVIs), plus
 * Gaussian noise (σ 0.02). Where the relation is flat the NDVI is drawn uniformly: Pv = 0 (bare
 * soil, water, snow) ↔ NDVI in [−0.2, 0.2], Pv = 1 ↔ NDVI in [0.5, 0.85]. It is a proxy: the
 * emissivity–NDVI link it teaches is the one the NDVI-threshold method assumes.
 */
import { contentHashOf, type SimulatedDataset } from '../../retrieval/simulation/dataset.js';
import { createRandom, deriveSeed } from '../../retrieval/simulation/prng.js';
import { simulateDataset } from '../../retrieval/simulation/simulate.js';
import { simulationSensor } from '../../retrieval/simulation/simulation-sensors.js';
import { NDVI_PROXY_COLUMN, type LstSetting } from './settings.js';

/** NDVI of bare soil and of full vegetation (Sobrino et al. 2004). */
const NDVI_SOIL = 0.2;
const NDVI_VEGETATION = 0.5;
/** 1σ of the noise added to the inverted NDVI. */
const NDVI_NOISE_SD = 0.02;
/** NDVI ranges drawn where the relation saturates. */
const NDVI_BARE_RANGE: readonly [number, number] = [-0.2, NDVI_SOIL];
const NDVI_FULL_RANGE: readonly [number, number] = [NDVI_VEGETATION, 0.85];
/** Sub-stream key of the proxy's noise (independent of the simulator's streams). */
const NDVI_STREAM_KEY = 0x4e445649;

/** Options of {@link settingDataset}. */
export interface SettingDatasetOptions {
  sampleCount: number;
  seed: number;
  samplesPerAtmosphere?: number;
  noise?: boolean;
  /** NEΔT in kelvin of every band, overriding the sensor's (0 turns the noise off). */
  neDeltaTKelvin?: number;
}

/** The NDVI proxy of every vegetation fraction (see the file comment), seeded. */
export function ndviProxyOf(vegetationFraction: Float32Array, seed: number): Float32Array {
  const random = createRandom(deriveSeed(seed, NDVI_STREAM_KEY));
  const out = new Float32Array(vegetationFraction.length);
  for (let i = 0; i < out.length; i++) {
    const pv = vegetationFraction[i] as number;
    if (pv <= 0) out[i] = random.uniform(NDVI_BARE_RANGE[0], NDVI_BARE_RANGE[1]);
    else if (pv >= 1) out[i] = random.uniform(NDVI_FULL_RANGE[0], NDVI_FULL_RANGE[1]);
    else {
      const ndvi = NDVI_SOIL + Math.sqrt(pv) * (NDVI_VEGETATION - NDVI_SOIL);
      out[i] = ndvi + random.normal(0, NDVI_NOISE_SD);
    }
  }
  return out;
}

/** The dataset with the NDVI proxy column added and the metadata and content hash updated. */
export function withNdviProxy(dataset: SimulatedDataset): SimulatedDataset {
  const fv = dataset.columns['vegetationFraction'];
  if (fv === undefined || dataset.columns[NDVI_PROXY_COLUMN] !== undefined) return dataset;
  const columns = {
    ...dataset.columns,
    [NDVI_PROXY_COLUMN]: ndviProxyOf(fv, dataset.metadata.seed),
  };
  const columnList = [
    ...dataset.metadata.columns,
    {
      name: NDVI_PROXY_COLUMN,
      unit: '1',
      description:
        'NDVI proxy: vegetation fraction inverted through Sobrino et al. 2004 (NDVIs 0.2, NDVIv 0.5) plus noise',
    },
  ];
  const names = columnList.map((column) => column.name);
  const metadata = {
    ...dataset.metadata,
    columns: columnList,
    featureColumns: [...dataset.metadata.featureColumns, NDVI_PROXY_COLUMN],
    options: { ...dataset.metadata.options, ndviProxy: { noiseSd: NDVI_NOISE_SD } },
    contentHash: contentHashOf(columns, names, dataset.atmosphereId, dataset.split),
  };
  return { ...dataset, metadata, columns };
}

function everyBand(setting: LstSetting, kelvin: number): Record<string, number> {
  return Object.fromEntries(
    simulationSensor(setting.simulatorSensor).bands.map((b) => [b, kelvin]),
  );
}

/** Simulates the setting's dataset (with the NDVI proxy when the setting reads NDVI). */
export function settingDataset(
  setting: LstSetting,
  options: SettingDatasetOptions,
): SimulatedDataset {
  const dataset = simulateDataset({
    sensor: setting.simulatorSensor,
    sampleCount: options.sampleCount,
    seed: options.seed,
    ...(options.samplesPerAtmosphere === undefined
      ? {}
      : { samplesPerAtmosphere: options.samplesPerAtmosphere }),
    ...(options.noise === undefined ? {} : { noise: options.noise }),
    ...(options.neDeltaTKelvin === undefined
      ? {}
      : options.neDeltaTKelvin === 0
        ? { noise: false }
        : { neDeltaTKelvin: everyBand(setting, options.neDeltaTKelvin) }),
  });
  const needsNdvi = setting.features.some((feature) => feature.source.kind === 'ndvi');
  return needsNdvi ? withNdviProxy(dataset) : dataset;
}
