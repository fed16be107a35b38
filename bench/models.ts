/**
 * `npm run bench:models`: student inference and student/teacher training throughput, ours
 * against PyTorch (bench/models_torch.py, /usr/bin/python3 with Debian python3-torch) in one
 * run, on the same MLPs, batch sizes and data. One run on one machine; prints a table, asserts
 * nothing.
 *
 * Inference: the 3→48→48→2 ReLU student over BENCH_ROWS rows (default 4 M; a 7,000 × 7,000
 * scene is 49 M rows, its time is extrapolated linearly) in calls of BENCH_BATCH rows
 * (65,536): ours on the default path (createStudentPredictor: onnxruntime-node) with 1 and 2
 * intra-op threads, and on tfjs-wasm (1 thread); PyTorch with 1 and 2 threads. Best of
 * BENCH_REPEATS (3) passes each. PyTorch gets our student's weights, so the first outputs are
 * compared too.
 * Training: Adam (lr 1e-3), MSE, batch 256, on the student and a 3→512→512→512→2 teacher
 * (528,386 parameters): ours on tfjs-wasm, one thread in-process with the gradient tape
 * (optimizer.minimize) and with the fused MLP step (fusedMlpStepEngine: analytic backward
 * pass, flat Adam; what trainNetwork uses for these MLPs), and with the data-parallel
 * trainer's 2 gradient workers (createDataParallelTrainer, one wasm thread each); PyTorch with
 * 1 and 2 threads.
 *
 * Environment: BENCH_DIR (default .bench-data/models), BENCH_ROWS, BENCH_BATCH, BENCH_REPEATS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { createNetwork, type Network } from '../src/models/architectures/index.js';
import { initBackend } from '../src/models/backend.js';
import {
  createStudentPredictor,
  type StudentPredictor,
} from '../src/models/onnx/student-predictor-node.js';
import { tf } from '../src/models/tf.js';
import { createDataParallelTrainer } from '../src/models/training/data-parallel-node.js';
import { canFuse, fusedMlpStepEngine } from '../src/models/training/fused-mlp-step.js';
import { mseOutputGradient } from '../src/models/training/output-gradients.js';
import { supervisedLoss } from '../src/models/training/train-network.js';

const BENCH_DIR = process.env.BENCH_DIR ?? path.join('.bench-data', 'models');
const ROWS = Number(process.env.BENCH_ROWS ?? 4_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 65_536);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SCENE_ROWS = 7_000 * 7_000;
const TRAIN_BATCH = 256;
const TRAIN_BATCHES = 64;
const STUDENT_STEPS = 400;
const TEACHER_STEPS = 40;
const PYTHON = '/usr/bin/python3';

const STUDENT = { className: 'MLP', config: { inputs: 3, hidden: [48, 48], outputs: 2 } };
const TEACHER = { className: 'MLP', config: { inputs: 3, hidden: [512, 512, 512], outputs: 2 } };

interface TorchInference {
  torch: string;
  sample: number[];
  mpxPerS1: number;
  mpxPerS2: number;
}

interface TorchTraining {
  studentSamplesPerS1: number;
  studentSamplesPerS2: number;
  teacherSamplesPerS1: number;
  teacherSamplesPerS2: number;
}

/** Inputs like brightness temperatures (normalised) and NDVI; targets a smooth function. */
function benchData(rows: number): { input: Float32Array; targets: Float32Array } {
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const input = new Float32Array(rows * 3);
  const targets = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    const a = next() * 2 - 1;
    const b = a + (next() - 0.5) * 0.2;
    const c = next();
    input.set([a, b, c], r * 3);
    targets.set([a + 0.5 * (a - b) + 0.1 * c, 0.97 + 0.02 * c], r * 2);
  }
  return { input, targets };
}

function studentWeights(network: Network): Float32Array {
  const arrays = network.model.getWeights().map((w) => w.dataSync() as Float32Array);
  const flat = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    flat.set(a, offset);
    offset += a.length;
  }
  return flat;
}

function runTorch<T>(args: (string | number)[]): T {
  const stdout = execFileSync(
    PYTHON,
    [path.join('bench', 'models_torch.py'), ...args.map(String)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout) as T;
}

async function bestMpxPerS(
  predictor: StudentPredictor,
  input: Float32Array,
  rows: number,
): Promise<number> {
  await predictor.run(input.subarray(0, BATCH * 3), BATCH);
  let bestMs = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const startMs = performance.now();
    await predictor.run(input.subarray(0, rows * 3), rows);
    bestMs = Math.min(bestMs, performance.now() - startMs);
  }
  return rows / bestMs / 1000;
}

function trainSamplesPerS(
  spec: typeof STUDENT,
  input: Float32Array,
  targets: Float32Array,
  steps: number,
): number {
  const network = createNetwork(spec);
  const optimizer = tf.train.adam(1e-3);
  const xs = Array.from({ length: TRAIN_BATCHES }, (_, i) =>
    tf.tensor2d(input.subarray(i * TRAIN_BATCH * 3, (i + 1) * TRAIN_BATCH * 3), [TRAIN_BATCH, 3]),
  );
  const ys = Array.from({ length: TRAIN_BATCHES }, (_, i) =>
    tf.tensor2d(targets.subarray(i * TRAIN_BATCH * 2, (i + 1) * TRAIN_BATCH * 2), [TRAIN_BATCH, 2]),
  );
  const step = (i: number): void => {
    const x = xs[i % TRAIN_BATCHES]!;
    const y = ys[i % TRAIN_BATCHES]!;
    optimizer.minimize(() =>
      tf.losses.meanSquaredError<tf.Tensor, tf.Scalar>(y, network.predict(x, true).output),
    );
  };
  for (let i = 0; i < 5; i++) step(i);
  const startMs = performance.now();
  for (let i = 0; i < steps; i++) step(i);
  network.model.getWeights()[0]?.dataSync();
  const rate = (steps * TRAIN_BATCH) / ((performance.now() - startMs) / 1000);
  tf.dispose([...xs, ...ys]);
  optimizer.dispose();
  network.dispose();
  return rate;
}

/** Training samples/s of the fused MLP step (same batches, Adam 1e-3, MSE) in-process. */
async function fusedTrainSamplesPerS(
  spec: typeof STUDENT,
  input: Float32Array,
  targets: Float32Array,
  steps: number,
): Promise<number> {
  const network = createNetwork(spec);
  const layout = canFuse(network);
  if (layout === null) throw new Error(`bench: ${spec.className} cannot take the fused step`);
  const engine = fusedMlpStepEngine(layout)({
    loss: supervisedLoss(network),
    outputGradient: mseOutputGradient,
    learningRate: 1e-3,
    variables: () => layout.variables,
  });
  const batches = Array.from({ length: TRAIN_BATCHES }, (_, i) => ({
    inputs: tf.tensor2d(input.subarray(i * TRAIN_BATCH * 3, (i + 1) * TRAIN_BATCH * 3), [
      TRAIN_BATCH,
      3,
    ]),
    targets: tf.tensor2d(targets.subarray(i * TRAIN_BATCH * 2, (i + 1) * TRAIN_BATCH * 2), [
      TRAIN_BATCH,
      2,
    ]),
    rows: TRAIN_BATCH,
    epoch: 0,
  }));
  for (let i = 0; i < 5; i++) await engine.step(batches[i % TRAIN_BATCHES]!);
  const startMs = performance.now();
  for (let i = 0; i < steps; i++) await engine.step(batches[i % TRAIN_BATCHES]!);
  const rate = (steps * TRAIN_BATCH) / ((performance.now() - startMs) / 1000);
  engine.dispose();
  tf.dispose(batches.flatMap((batch) => [batch.inputs, batch.targets]));
  network.dispose();
  return rate;
}

/** Training samples/s of the data-parallel trainer with `workers` gradient workers on wasm. */
async function workerTrainSamplesPerS(
  spec: typeof STUDENT,
  input: Float32Array,
  targets: Float32Array,
  steps: number,
  workers: number,
): Promise<number> {
  const trainer = await createDataParallelTrainer({
    spec,
    workers,
    optimizer: { name: 'adam', learningRate: 1e-3 },
    loss: 'mse',
    backend: 'wasm',
  });
  const batchAt = (i: number) => {
    const index = i % TRAIN_BATCHES;
    return {
      inputs: input.subarray(index * TRAIN_BATCH * 3, (index + 1) * TRAIN_BATCH * 3),
      targets: targets.subarray(index * TRAIN_BATCH * 2, (index + 1) * TRAIN_BATCH * 2),
      rows: TRAIN_BATCH,
    };
  };
  for (let i = 0; i < 5; i++) await trainer.step(batchAt(i));
  const startMs = performance.now();
  for (let i = 0; i < steps; i++) await trainer.step(batchAt(i));
  const rate = (steps * TRAIN_BATCH) / ((performance.now() - startMs) / 1000);
  await trainer.close();
  trainer.network.dispose();
  return rate;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === 'number' ? c.toFixed(2) : c)).join(' | ')} |`;
}

interface InferenceFigures {
  torch: TorchInference;
  oursMpx1: number;
  oursMpx2: number;
  tfjsMpx: number;
  /** Max |ours − PyTorch| over the first 4 rows' outputs (same weights). */
  sampleDiff: number;
}

interface TrainingFigures {
  torch: TorchTraining;
  oursStudent: number;
  oursTeacher: number;
  /** The same, with the fused MLP step. */
  oursStudentFused: number;
  oursTeacherFused: number;
  /** The same, on the data-parallel trainer with 2 gradient workers. */
  oursStudent2Workers: number;
  oursTeacher2Workers: number;
}

async function measureInference(student: Network, input: Float32Array): Promise<InferenceFigures> {
  const torch = runTorch<TorchInference>(['inference', BENCH_DIR, ROWS, BATCH, REPEATS]);
  const ours1 = await createStudentPredictor(student, { threads: 1, batchRows: BATCH });
  const ours2 = await createStudentPredictor(student, { threads: 2, batchRows: BATCH });
  const tfjs = await createStudentPredictor(student, { prefer: 'tfjs', batchRows: BATCH });
  const oursMpx1 = await bestMpxPerS(ours1, input, ROWS);
  const oursMpx2 = await bestMpxPerS(ours2, input, ROWS);
  const tfjsMpx = await bestMpxPerS(tfjs, input, Math.min(ROWS, 1_000_000));
  const sample = await ours1.run(input.subarray(0, 12), 4);
  const sampleDiff = Math.max(...torch.sample.map((v, i) => Math.abs(v - (sample[i] ?? NaN))));
  await Promise.all([ours1.close(), ours2.close(), tfjs.close()]);
  return { torch, oursMpx1, oursMpx2, tfjsMpx, sampleDiff };
}

async function measureTraining(
  input: Float32Array,
  targets: Float32Array,
): Promise<TrainingFigures> {
  const args = ['training', BENCH_DIR, STUDENT_STEPS, TEACHER_STEPS, TRAIN_BATCH];
  const torch = runTorch<TorchTraining>(args);
  return {
    torch,
    oursStudent: trainSamplesPerS(STUDENT, input, targets, STUDENT_STEPS),
    oursTeacher: trainSamplesPerS(TEACHER, input, targets, TEACHER_STEPS),
    oursStudentFused: await fusedTrainSamplesPerS(STUDENT, input, targets, STUDENT_STEPS),
    oursTeacherFused: await fusedTrainSamplesPerS(TEACHER, input, targets, TEACHER_STEPS),
    oursStudent2Workers: await workerTrainSamplesPerS(STUDENT, input, targets, STUDENT_STEPS, 2),
    oursTeacher2Workers: await workerTrainSamplesPerS(TEACHER, input, targets, TEACHER_STEPS, 2),
  };
}

function inferenceTable({ torch, oursMpx1, oursMpx2, tfjsMpx }: InferenceFigures): string[] {
  const sceneS = (mpx: number): string => `${(SCENE_ROWS / mpx / 1e6).toFixed(1)} s`;
  const line = (name: string, ours: number, theirs: number): string =>
    row([name, ours, theirs, ours / theirs, sceneS(ours)]);
  return [
    row(['inference, Mpx/s', 'ours', 'PyTorch', 'ours / PyTorch', '7,000² scene, ours']),
    row(['---', '---', '---', '---', '---']),
    line('onnxruntime-node, 1 thread', oursMpx1, torch.mpxPerS1),
    line('onnxruntime-node, 2 threads', oursMpx2, torch.mpxPerS2),
    line('tfjs-wasm, 1 thread (fallback)', tfjsMpx, torch.mpxPerS1),
    line('best of each', Math.max(oursMpx1, oursMpx2), Math.max(torch.mpxPerS1, torch.mpxPerS2)),
  ];
}

function trainingTable(figures: TrainingFigures): string[] {
  const { torch } = figures;
  const line = (name: string, ours: number, torch1: number, torch2: number): string =>
    row([name, ours, torch1, torch2, Math.max(torch1, torch2) / ours]);
  const student = (name: string, ours: number): string =>
    line(`student 3→48→48→2, ${name}`, ours, torch.studentSamplesPerS1, torch.studentSamplesPerS2);
  const teacher = (name: string, ours: number): string =>
    line(
      `teacher 3→512→512→512→2, ${name}`,
      ours,
      torch.teacherSamplesPerS1,
      torch.teacherSamplesPerS2,
    );
  return [
    row(['training, samples/s', 'ours', 'PyTorch 1 thr', 'PyTorch 2 thr', 'PyTorch best / ours']),
    row(['---', '---', '---', '---', '---']),
    student('tfjs-wasm gradient tape, 1 thread', figures.oursStudent),
    student('fused MLP step, 1 thread', figures.oursStudentFused),
    student('tfjs-wasm, 2 workers', figures.oursStudent2Workers),
    teacher('tfjs-wasm gradient tape, 1 thread', figures.oursTeacher),
    teacher('fused MLP step, 1 thread', figures.oursTeacherFused),
    teacher('tfjs-wasm, 2 workers', figures.oursTeacher2Workers),
  ];
}

async function main(): Promise<void> {
  const backend = await initBackend({ prefer: 'wasm' });
  mkdirSync(BENCH_DIR, { recursive: true });
  const { input, targets } = benchData(ROWS);
  const student = createNetwork(STUDENT);
  const teacher = createNetwork(TEACHER);
  writeFileSync(path.join(BENCH_DIR, 'input.f32'), input);
  writeFileSync(path.join(BENCH_DIR, 'targets.f32'), targets);
  writeFileSync(path.join(BENCH_DIR, 'student-weights.f32'), studentWeights(student));

  const loadBefore = loadavg()[0] ?? 0;
  const inference = await measureInference(student, input);
  const training = await measureTraining(input, targets);
  const loadAfter = loadavg()[0] ?? 0;

  const lines = [
    `bench:models — onnxruntime-node and tfjs ${backend.name} (simd ${String(backend.simd)}) vs PyTorch ${inference.torch.torch}`,
    `rows ${ROWS.toLocaleString('en')} (a 7,000² scene is 49 M rows: extrapolated), batch ${BATCH.toLocaleString('en')} (training ${TRAIN_BATCH}, Adam), best of ${REPEATS}; load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
    `student ${student.parameterCount()} parameters, ${student.flopsPerSample()} FLOPs/px; teacher ${teacher.parameterCount()} parameters; ours vs PyTorch outputs max |Δ| ${inference.sampleDiff.toExponential(1)}`,
    '',
    ...inferenceTable(inference),
    '',
    ...trainingTable(training),
    '',
    'targets: inference ≥ 1× PyTorch best (stretch 20 Mpx/s); training: student within 3×, teacher within 8×',
  ];
  teacher.dispose();
  student.dispose();
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
