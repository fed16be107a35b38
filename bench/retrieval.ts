/**
 * `npm run bench:retrieval`: whole-scene split-window LST (Jiménez-Muñoz et al. 2014) with
 * NDVI-threshold emissivity (Skoković 2014 set, w = 2 g/cm2) on a synthetic 7,000 × 7,000
 * Landsat 8 scene, ours against NumPy in one run. One run on one machine; prints a table,
 * asserts nothing.
 *
 * Two cases: from brightness temperatures and reflectances (kernel split-window-ndvi-bt), and
 * from Level-1 DN including DN → radiance → Tb (two logarithms) and DN → TOA reflectance
 * (split-window-ndvi-dn). Ours runs on the main thread (1 thread) and on the worker pool
 * (backend/compute, all cores); NumPy (bench/retrieval_numpy.py, /usr/bin/python3, float32) reads
 * the same bands from raw files in .bench-data/ and compares its LST with ours over the scene.
 * Times are the best of BENCH_REPEATS wall-clock runs, compute only (no I/O).
 *
 * Environment: BENCH_DIR (default .bench-data), BENCH_SIDE (default 7000), BENCH_REPEATS (5).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { KernelPool } from '../backend/compute/kernel-pool.js';
import {
  runKernel,
  type KernelName,
  type KernelParamsByName,
} from '../backend/compute/kernel-registry.js';
import { sharedFloat32Array } from '../backend/compute/shared-arrays.js';
import { SKOKOVIC_2014_TIRS } from '../src/retrieval/emissivity-sets.js';
import { splitWindowNdviParams } from '../src/retrieval/kernels/split-window-params.js';
import { DEFAULT_WATER_VAPOUR_GCM2 } from '../src/retrieval/lst-parameters.js';
import { JIMENEZ_MUNOZ_2014_SPLIT_WINDOW } from '../src/retrieval/split-window.js';
import { buildBenchScene, L8_CALIBRATION, type BenchScene } from './retrieval-scene.js';

const BENCH_DIR = process.env.BENCH_DIR ?? '.bench-data';
const SIDE = Number(process.env.BENCH_SIDE ?? 7_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const PYTHON = '/usr/bin/python3';

interface BenchCase<K extends KernelName> {
  file: string;
  kernel: K;
  inputs: Float32Array[];
  params: KernelParamsByName[K];
}

interface CaseTimes {
  singleSeconds: number;
  poolSeconds: number;
}

interface NumpyAgreement {
  /** Over pixels not within 1e-5 of an NDVI class threshold. */
  maxAbsDiffKelvin: number;
  /** Pixels at a threshold classified differently (|Δ| > 1e-3 K). */
  thresholdFlips: number;
  nanMismatch: number;
  compared: number;
}

interface NumpyResult {
  numpy: string;
  btSeconds: number;
  dnSeconds: number;
  btAgreement: NumpyAgreement;
  dnAgreement: NumpyAgreement;
}

/** One line on stdout (the lint config keeps console.* out of everything but tests and scripts). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function writeRaw(directory: string, name: string, values: Float32Array): void {
  writeFileSync(path.join(directory, `${name}.f32`), new Uint8Array(values.buffer));
}

/** The raw bands and the parameters NumPy needs, from the same sources as our kernels. */
function writeScene(directory: string, scene: BenchScene): void {
  const bands = {
    tbI: scene.tbIKelvin,
    tbJ: scene.tbJKelvin,
    red: scene.redReflectance,
    nir: scene.nirReflectance,
    dnI: scene.dnI,
    dnJ: scene.dnJ,
    dnRed: scene.dnRed,
    dnNir: scene.dnNir,
  };
  for (const [name, values] of Object.entries(bands)) writeRaw(directory, name, values);
  const set = SKOKOVIC_2014_TIRS;
  const band = (name: string) => {
    const b = set.bands[name];
    if (b === undefined) throw new Error(`${set.id} has no ${name}`);
    const soil = b.soilFromRed ?? { intercept: b.soilEmissivity, slope: 0 };
    return {
      soil: b.soilEmissivity,
      vegetation: b.vegetationEmissivity,
      water: b.waterEmissivity,
      soilIntercept: soil.intercept,
      soilSlope: soil.slope,
    };
  };
  const meta = {
    side: scene.side,
    waterVapourGcm2: DEFAULT_WATER_VAPOUR_GCM2,
    coefficients: JIMENEZ_MUNOZ_2014_SPLIT_WINDOW,
    calibration: L8_CALIBRATION,
    emissivitySet: { ...set, bands: undefined, bandI: band('B10'), bandJ: band('B11') },
  };
  writeFileSync(path.join(directory, 'meta.json'), JSON.stringify(meta, null, 2));
}

async function bestSeconds(run: () => void | Promise<void>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < REPEATS; k++) {
    const started = performance.now();
    await run();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

async function timeCase<K extends KernelName>(
  pool: KernelPool,
  benchCase: BenchCase<K>,
  directory: string,
): Promise<CaseTimes> {
  const pixels = SIDE * SIDE;
  const { kernel, inputs, params } = benchCase;
  const single = sharedFloat32Array(pixels);
  const pooled = sharedFloat32Array(pixels);
  const singleSeconds = await bestSeconds(() =>
    runKernel(kernel, inputs, single, params, 0, pixels),
  );
  const job = { kernel, inputs, output: pooled, params, width: SIDE, height: SIDE };
  const poolSeconds = await bestSeconds(() => pool.run(job));
  for (let i = 0; i < pixels; i++) {
    if (!Object.is(single[i], pooled[i])) throw new Error(`pool and main thread differ at ${i}`);
  }
  writeRaw(directory, benchCase.file, pooled);
  return { singleSeconds, poolSeconds };
}

function runNumpy(directory: string): NumpyResult {
  const script = path.join(import.meta.dirname, 'retrieval_numpy.py');
  const stdout = execFileSync(PYTHON, [script, directory, String(REPEATS)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as NumpyResult;
}

function printTable(
  rows: { label: string; times: CaseTimes; numpySeconds: number; agreement: NumpyAgreement }[],
  threads: number,
): void {
  const mpx = (seconds: number) => (SIDE * SIDE) / 1e6 / seconds;
  const header = [
    'case',
    'ours 1 thread Mpx/s',
    `ours ${threads} threads Mpx/s`,
    'NumPy Mpx/s',
    `ratio ${threads}T/NumPy`,
    'ratio 1T/NumPy',
    'max |Δ| vs NumPy K',
    'class flips at NDVI thresholds',
    'NaN mismatches',
  ];
  print(`| ${header.join(' | ')} |`);
  print(`|${header.map(() => '---').join('|')}|`);
  for (const { label, times, numpySeconds, agreement } of rows) {
    const cells = [
      label,
      mpx(times.singleSeconds).toFixed(1),
      mpx(times.poolSeconds).toFixed(1),
      mpx(numpySeconds).toFixed(1),
      `${(numpySeconds / times.poolSeconds).toFixed(2)}×`,
      `${(numpySeconds / times.singleSeconds).toFixed(2)}×`,
      agreement.maxAbsDiffKelvin.toExponential(2),
      `${agreement.thresholdFlips} of ${agreement.compared}`,
      String(agreement.nanMismatch),
    ];
    print(`| ${cells.join(' | ')} |`);
  }
}

async function main(): Promise<void> {
  const directory = path.join(BENCH_DIR, `retrieval-${SIDE}`);
  mkdirSync(directory, { recursive: true });
  let started = performance.now();
  const scene = buildBenchScene(SIDE);
  print(`scene ${SIDE}×${SIDE} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  writeScene(directory, scene);

  started = performance.now();
  const pool = await KernelPool.create();
  print(`${pool.size} workers ready in ${(performance.now() - started).toFixed(0)} ms`);
  const splitWindow = splitWindowNdviParams({
    set: SKOKOVIC_2014_TIRS,
    bandI: 'B10',
    bandJ: 'B11',
    waterVapourGcm2: DEFAULT_WATER_VAPOUR_GCM2,
  });
  const bt = await timeCase(
    pool,
    {
      file: 'ours-bt',
      kernel: 'split-window-ndvi-bt',
      inputs: [scene.tbIKelvin, scene.tbJKelvin, scene.redReflectance, scene.nirReflectance],
      params: splitWindow,
    },
    directory,
  );
  const dn = await timeCase(
    pool,
    {
      file: 'ours-dn',
      kernel: 'split-window-ndvi-dn',
      inputs: [scene.dnI, scene.dnJ, scene.dnRed, scene.dnNir],
      params: { calibration: L8_CALIBRATION, splitWindow },
    },
    directory,
  );
  await pool.close();

  const numpy = runNumpy(directory);
  print(
    `NumPy ${numpy.numpy}; best of ${REPEATS}; ${availableParallelism()} cores; ` +
      `load average at the end ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')}`,
  );
  printTable(
    [
      {
        label: 'split-window + NDVI ε from Tb, ρ',
        times: bt,
        numpySeconds: numpy.btSeconds,
        agreement: numpy.btAgreement,
      },
      {
        label: 'split-window + NDVI ε from DN (2 ln)',
        times: dn,
        numpySeconds: numpy.dnSeconds,
        agreement: numpy.dnAgreement,
      },
    ],
    pool.size,
  );
}

await main();
