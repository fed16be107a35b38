/**
 * The simulator: training and test rows for a sensor from drawn (or user-supplied) atmospheres,
 * library surfaces and sensor noise. For each row and band,
 *   L_sensor = τ·[ε·B(Ts) + (1 − ε)·L↓] + L↑,
 * B the band-integrated Planck radiance (planck.ts bandRadiance), then Tb by
 * bandBrightnessTemperature plus Gaussian noise of σ = NEΔT in the temperature domain.
 * Surface temperatures are uniform in [Tair + min, Tair + max] (default −10…+25 K) around the
 * profile's near-surface air temperature. Seeded and reproducible. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import { bandBrightnessTemperature } from '../planck.js';
import { spectralResponseOf, type SpectralResponse } from '../spectral-response.js';
import {
  DEFAULT_SPREAD,
  DEFAULT_WATER_VAPOUR_RANGE_GCM2,
  drawProfile,
  type AtmosphereSpread,
  type ProfileAtmosphere,
} from './atmosphere-draws.js';
import { airTemperatureFromUpwellingKelvin, atmosphereStateOf } from './atmosphere-model.js';
import {
  bandColumn,
  contentHashOf,
  GENERATOR_VERSION,
  type DatasetMetadata,
  type SimulatedDataset,
} from './dataset.js';
import { datasetColumns, featureColumns, targetColumns } from './dataset-columns.js';
import { tabulatedBandRadiance, type BandRadianceFunction } from './radiance-table.js';
import { createRandom, deriveSeed, type Random } from './prng.js';
import type { RtProfile } from './rt-csv.js';
import { simulationSensor, type SimulationSensor } from './simulation-sensors.js';
import { DEFAULT_SPLIT_FRACTIONS, SPLIT_NAMES, splitAtmospheres } from './splits.js';
import type { SplitFractions } from './splits.js';
import {
  DEFAULT_SURFACE_MIX,
  drawSurface,
  surfaceTableFor,
  type SurfaceMix,
} from './surface-model.js';

/** Options of {@link simulateDataset}; everything but sensor, seed and sampleCount is optional. */
export interface SimulationOptions {
  /** Sensor id of simulation-sensors.ts (`landsat-8`, `modis-terra`…). */
  sensor: string;
  /** Any integer; the same seed and options give byte-identical datasets. */
  seed: number;
  /** Number of rows (at least 1; at most 20 million). */
  sampleCount: number;
  /** Rows per drawn atmosphere (default 20); ignored with `profiles` (rows are spread evenly). */
  samplesPerAtmosphere?: number;
  /** User radiative-transfer runs (see rt-csv.ts) instead of drawn atmospheres. */
  profiles?: readonly RtProfile[];
  /** w range in g/cm2 of drawn atmospheres (default 0.2–6). */
  waterVapourRangeGcm2?: readonly [number, number];
  /** Largest view angle of drawn atmospheres in degrees (default: the sensor's swath edge). */
  maxViewAngleDeg?: number;
  spread?: Partial<AtmosphereSpread>;
  surfaceMix?: Partial<SurfaceMix>;
  /** Ts − Tair range in kelvin (default [−10, 25]). */
  surfaceTemperatureOffsetKelvin?: readonly [number, number];
  /** Add NEΔT noise to Tb (default true). */
  noise?: boolean;
  /** NEΔT per band in kelvin, overriding the sensor's values. */
  neDeltaTKelvin?: Readonly<Record<string, number>>;
  splitFractions?: SplitFractions;
}

const MAX_SAMPLES = 20_000_000;
const DEFAULT_SAMPLES_PER_ATMOSPHERE = 20;
const DEFAULT_OFFSET_KELVIN: readonly [number, number] = [-10, 25];

// Independent sub-streams, so that e.g. turning noise off leaves atmospheres and surfaces alone.
const STREAM_ATMOSPHERE = 1;
const STREAM_SURFACE = 2;
const STREAM_NOISE = 3;
const STREAM_SPLIT = 4;

function checkCount(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidParameterError(`${name} must be an integer in 1..${max}, got ${value}`, {
      [name]: value,
    });
  }
}

/** Turns a user profile into a simulator atmosphere, taking Tair from its first band. */
function profileAtmosphere(
  profile: RtProfile,
  bands: readonly string[],
  srfs: readonly SpectralResponse[],
) {
  const perBand = bands.map((band) => profile.bands[band]);
  const first = perBand[0];
  const state = first === undefined ? null : atmosphereStateOf(first, srfs[0] as SpectralResponse);
  const atmosphere: ProfileAtmosphere = {
    label: profile.label,
    waterVapourGcm2: profile.waterVapourGcm2,
    viewAngleDeg: profile.viewAngleDeg,
    airTemperatureKelvin: airTemperatureFromUpwellingKelvin(
      state?.upwellingTemperatureKelvin ?? Number.NaN,
    ),
    bands: perBand.filter((value) => value !== undefined),
  };
  return atmosphere;
}

function atmospheresFor(
  options: SimulationOptions,
  sensor: SimulationSensor,
  srfs: readonly SpectralResponse[],
): ProfileAtmosphere[] {
  if (options.profiles !== undefined) {
    return options.profiles.map((profile) => profileAtmosphere(profile, sensor.bands, srfs));
  }
  const perAtmosphere = options.samplesPerAtmosphere ?? DEFAULT_SAMPLES_PER_ATMOSPHERE;
  checkCount('samplesPerAtmosphere', perAtmosphere, MAX_SAMPLES);
  const count = Math.ceil(options.sampleCount / perAtmosphere);
  const referenceSrf = spectralResponseOf(sensor.reference.sensor, sensor.reference.band);
  const drawOptions = {
    waterVapourRangeGcm2: options.waterVapourRangeGcm2 ?? DEFAULT_WATER_VAPOUR_RANGE_GCM2,
    maxViewAngleDeg: options.maxViewAngleDeg ?? sensor.maxViewAngleDeg,
    spread: { ...DEFAULT_SPREAD, ...options.spread },
  };
  const random = createRandom(deriveSeed(options.seed, STREAM_ATMOSPHERE));
  return Array.from({ length: count }, (_, i) =>
    drawProfile(String(i), sensor, srfs, referenceSrf, drawOptions, random),
  );
}

/** Per-row writers of the columns, resolved once. */
interface RowColumns {
  tb: Float32Array[];
  emissivity: Float32Array[];
  transmittance: Float32Array[];
  upwelling: Float32Array[];
  downwelling: Float32Array[];
  lst: Float32Array;
  waterVapour: Float32Array;
  viewAngle: Float32Array;
  airTemperature: Float32Array;
  vegetationFraction: Float32Array;
}

function allocateColumns(names: readonly string[], rowCount: number): Record<string, Float32Array> {
  return Object.fromEntries(names.map((name) => [name, new Float32Array(rowCount)]));
}

function rowColumnsOf(columns: Record<string, Float32Array>, bands: readonly string[]): RowColumns {
  const get = (name: string): Float32Array => columns[name] as Float32Array;
  const perBand = (quantity: string): Float32Array[] =>
    bands.map((band) => get(bandColumn(quantity, band)));
  return {
    tb: perBand('tbKelvin'),
    emissivity: perBand('emissivity'),
    transmittance: perBand('transmittance'),
    upwelling: perBand('upwellingWm2SrUm'),
    downwelling: perBand('downwellingWm2SrUm'),
    lst: get('lstKelvin'),
    waterVapour: get('waterVapourGcm2'),
    viewAngle: get('viewAngleDeg'),
    airTemperature: get('airTemperatureKelvin'),
    vegetationFraction: get('vegetationFraction'),
  };
}

/** What every row of one simulation shares. */
interface RowContext {
  srfs: readonly SpectralResponse[];
  /** Band radiance of each band (tabulated Planck integration). */
  radiance: readonly BandRadianceFunction[];
  surfaces: ReturnType<typeof surfaceTableFor>;
  mix: SurfaceMix;
  offsetKelvin: readonly [number, number];
  /** σ of the Tb noise per band in kelvin (all 0 without noise). */
  noiseKelvin: Float64Array;
  surfaceRandom: Random;
  noiseRandom: Random;
  emissivity: Float64Array;
}

/** Simulates row `row` under `atmosphere`, writing every column of `out`. */
function simulateRow(
  context: RowContext,
  out: RowColumns,
  row: number,
  atmosphere: ProfileAtmosphere,
): void {
  const { srfs, emissivity } = context;
  const [minOffset, maxOffset] = context.offsetKelvin;
  const lstKelvin =
    atmosphere.airTemperatureKelvin + context.surfaceRandom.uniform(minOffset, maxOffset);
  const fv = drawSurface(context.surfaces, context.mix, context.surfaceRandom, emissivity);

  for (let band = 0; band < srfs.length; band++) {
    const srf = srfs[band] as SpectralResponse;
    const {
      transmittance: tau,
      upwellingWm2SrUm: up,
      downwellingWm2SrUm: down,
    } = atmosphere.bands[band] as ProfileAtmosphere['bands'][number];
    const e = emissivity[band] as number;
    const sensorRadiance =
      tau * (e * (context.radiance[band] as BandRadianceFunction)(lstKelvin) + (1 - e) * down) + up;
    const sigma = context.noiseKelvin[band] as number;
    const noise = sigma > 0 ? context.noiseRandom.normal(0, sigma) : 0;
    (out.tb[band] as Float32Array)[row] = bandBrightnessTemperature(srf, sensorRadiance) + noise;
    (out.emissivity[band] as Float32Array)[row] = e;
    (out.transmittance[band] as Float32Array)[row] = tau;
    (out.upwelling[band] as Float32Array)[row] = up;
    (out.downwelling[band] as Float32Array)[row] = down;
  }
  out.lst[row] = lstKelvin;
  out.waterVapour[row] = atmosphere.waterVapourGcm2;
  out.viewAngle[row] = atmosphere.viewAngleDeg;
  out.airTemperature[row] = atmosphere.airTemperatureKelvin;
  out.vegetationFraction[row] = fv;
}

function noiseSigmas(options: SimulationOptions, sensor: SimulationSensor): Float64Array {
  return Float64Array.from(sensor.bands, (band) => {
    if (options.noise === false) return 0;
    const sigma = options.neDeltaTKelvin?.[band] ?? sensor.neDeltaTKelvin[band] ?? 0;
    if (!(sigma >= 0)) {
      throw new InvalidParameterError(`NEΔT of band ${band} must be ≥ 0 K, got ${sigma}`, {
        band,
        sigma,
      });
    }
    return sigma;
  });
}

/** Row count of each atmosphere: `perAtmosphere` each, the last one taking the remainder. */
function rowsPerAtmosphere(sampleCount: number, atmosphereCount: number): Uint32Array {
  const base = Math.floor(sampleCount / atmosphereCount);
  const extra = sampleCount - base * atmosphereCount;
  return Uint32Array.from({ length: atmosphereCount }, (_, i) => base + (i < extra ? 1 : 0));
}

function splitCountsOf(labels: Uint8Array, rows: Uint32Array): DatasetMetadata['splits'] {
  const counts = SPLIT_NAMES.map(() => ({ rows: 0, atmospheres: 0 }));
  labels.forEach((label, i) => {
    const count = counts[label] as { rows: number; atmospheres: number };
    count.atmospheres += 1;
    count.rows += rows[i] as number;
  });
  const [train, validation, test] = counts as [
    (typeof counts)[0],
    (typeof counts)[0],
    (typeof counts)[0],
  ];
  return { train, validation, test };
}

/**
 * Simulates a dataset for `options.sensor`.
 *
 * @throws InvalidParameterError for an unknown sensor, a bad count or fraction, or profiles that
 *   lack a band of the sensor.
 */
export function simulateDataset(options: SimulationOptions): SimulatedDataset {
  checkCount('sampleCount', options.sampleCount, MAX_SAMPLES);
  const sensor = simulationSensor(options.sensor);
  const srfs = sensor.bands.map((band) => spectralResponseOf(sensor.id, band));
  const atmospheres = atmospheresFor(options, sensor, srfs);
  checkProfiles(atmospheres, sensor, options.sampleCount);

  const columnList = datasetColumns(sensor.bands);
  const names = columnList.map((column) => column.name);
  const columns = allocateColumns(names, options.sampleCount);
  const out = rowColumnsOf(columns, sensor.bands);
  const context: RowContext = {
    srfs,
    radiance: srfs.map((srf) => tabulatedBandRadiance(srf)),
    surfaces: surfaceTableFor(srfs),
    mix: { ...DEFAULT_SURFACE_MIX, ...options.surfaceMix },
    offsetKelvin: options.surfaceTemperatureOffsetKelvin ?? DEFAULT_OFFSET_KELVIN,
    noiseKelvin: noiseSigmas(options, sensor),
    surfaceRandom: createRandom(deriveSeed(options.seed, STREAM_SURFACE)),
    noiseRandom: createRandom(deriveSeed(options.seed, STREAM_NOISE)),
    emissivity: new Float64Array(srfs.length),
  };

  const rowCounts = rowsPerAtmosphere(options.sampleCount, atmospheres.length);
  const labels = splitAtmospheres(
    atmospheres.length,
    options.splitFractions ?? DEFAULT_SPLIT_FRACTIONS,
    createRandom(deriveSeed(options.seed, STREAM_SPLIT)),
  );
  const atmosphereId = new Uint32Array(options.sampleCount);
  const split = new Uint8Array(options.sampleCount);
  let row = 0;
  atmospheres.forEach((atmosphere, a) => {
    for (let k = 0; k < (rowCounts[a] as number); k++, row++) {
      simulateRow(context, out, row, atmosphere);
      atmosphereId[row] = a;
      split[row] = labels[a] as number;
    }
  });

  const metadata: DatasetMetadata = {
    format: 'rskd-simulated-dataset',
    formatVersion: 1,
    generatorVersion: GENERATOR_VERSION,
    sensor: sensor.id,
    bands: [...sensor.bands],
    seed: options.seed,
    atmosphereSource: options.profiles === undefined ? 'parameterised' : 'csv',
    rowCount: options.sampleCount,
    atmosphereCount: atmospheres.length,
    atmosphereLabels: atmospheres.map((atmosphere) => atmosphere.label),
    splits: splitCountsOf(labels, rowCounts),
    columns: columnList,
    featureColumns: featureColumns(sensor.bands),
    targetColumns: targetColumns(sensor.bands),
    options: provenanceOf(options, sensor, context),
    contentHash: contentHashOf(columns, names, atmosphereId, split),
  };
  return { metadata, columns, atmosphereId, split };
}

function checkProfiles(
  atmospheres: readonly ProfileAtmosphere[],
  sensor: SimulationSensor,
  sampleCount: number,
): void {
  const incomplete = atmospheres.find(
    (atmosphere) => atmosphere.bands.length !== sensor.bands.length,
  );
  if (incomplete !== undefined) {
    throw new InvalidParameterError(
      `profile "${incomplete.label}" lacks a band of ${sensor.id} (needs ${sensor.bands.join(', ')})`,
      { profile: incomplete.label, bands: sensor.bands },
    );
  }
  if (atmospheres.length === 0 || atmospheres.length > sampleCount) {
    throw new InvalidParameterError(
      `${atmospheres.length} atmospheres for ${sampleCount} samples: need 1..sampleCount profiles`,
      { atmospheres: atmospheres.length, sampleCount },
    );
  }
}

function provenanceOf(
  options: SimulationOptions,
  sensor: SimulationSensor,
  context: RowContext,
): Record<string, unknown> {
  return {
    samplesPerAtmosphere:
      options.profiles === undefined
        ? (options.samplesPerAtmosphere ?? DEFAULT_SAMPLES_PER_ATMOSPHERE)
        : null,
    waterVapourRangeGcm2:
      options.profiles === undefined
        ? [...(options.waterVapourRangeGcm2 ?? DEFAULT_WATER_VAPOUR_RANGE_GCM2)]
        : null,
    maxViewAngleDeg:
      options.profiles === undefined ? (options.maxViewAngleDeg ?? sensor.maxViewAngleDeg) : null,
    spread: options.profiles === undefined ? { ...DEFAULT_SPREAD, ...options.spread } : null,
    psiReference: `${sensor.reference.coefficients.id} (${sensor.reference.sensor} ${sensor.reference.band})`,
    surfaceMix: context.mix,
    surfaceTemperatureOffsetKelvin: [...context.offsetKelvin],
    neDeltaTKelvin: Object.fromEntries(
      sensor.bands.map((band, i) => [band, context.noiseKelvin[i]]),
    ),
    neDeltaTSource: sensor.neDeltaTSource,
    splitFractions: options.splitFractions ?? DEFAULT_SPLIT_FRACTIONS,
  };
}
