/**
 * Node-only: the fast inference path of student networks over many rows (pixels).
 *
 * Default: MLPs run as exported ONNX in onnxruntime-node; everything else, or any network
 * when onnxruntime-node is absent, runs on the current TensorFlow.js backend. Measured with
 * bench:models (3→48→48→2 ReLU MLP, 4 M rows in calls of 65,536, 2-core Xeon with AVX-512,
 * shared with other processes), Mpx/s at load average ~4.9 / ~6.5: onnxruntime 1 thread
 * 10.9 / 4.6, 2 threads 11.1 / 5.9 (spinning off); tfjs-wasm 1 thread 4.9 / 2.0; PyTorch
 * 1.13 (Debian) 1 thread 5.6 / 1.5, 2 threads 2.5 / 0.8. No hand-written WebAssembly SIMD
 * kernel: the network needs 5,088 FLOPs a pixel, and 128-bit SIMD without FMA stays well
 * below what onnxruntime's AVX-512 Gemm reaches.
 */
import type { Network } from '../architectures/index.js';
import { silentLogger } from '../../logger.js';
import type { Logger } from '../../logger.js';
import { tf } from '../tf.js';
import { exportOnnx } from './export.js';
import type { OnnxNormalization } from './export.js';
import {
  DEFAULT_ONNX_BATCH_ROWS,
  OnnxRuntimeUnavailableError,
  createOnnxSession,
  runInBatches,
} from './onnx-runtime-node.js';

/** How a student predictor runs. */
export type StudentInferencePath = 'onnxruntime-node' | 'tfjs';

/** Options of createStudentPredictor. */
export interface StudentPredictorOptions {
  /** `auto` (default): onnxruntime-node for MLPs when installed, else tfjs. */
  prefer?: 'auto' | StudentInferencePath;
  /** onnxruntime intra-op threads (default 1); the tfjs path uses its backend's threads. */
  threads?: number;
  /** Rows per call; default DEFAULT_ONNX_BATCH_ROWS. */
  batchRows?: number;
  /** Input normalisation `(x - mean) / std` applied before the network. */
  normalization?: OnnxNormalization;
  logger?: Logger;
}

/** Predicts rows of raw inputs with one network. */
export interface StudentPredictor {
  path: StudentInferencePath;
  /** Threads of the onnxruntime path; 1 for tfjs. */
  threads: number;
  /** Predicts `rows` row-major rows; returns `rows × outputs` values. */
  run(input: Float32Array, rows: number): Promise<Float32Array>;
  close(): Promise<void>;
}

/** Builds the predictor of `network` on the fastest path available (see the file comment). */
export async function createStudentPredictor(
  network: Network,
  options: StudentPredictorOptions = {},
): Promise<StudentPredictor> {
  const logger = options.logger ?? silentLogger;
  const prefer = options.prefer ?? 'auto';
  const batchRows = options.batchRows ?? DEFAULT_ONNX_BATCH_ROWS;
  const wantsOnnx =
    prefer === 'onnxruntime-node' || (prefer === 'auto' && network.spec.className === 'MLP');

  if (wantsOnnx) {
    const threads = options.threads ?? 1;
    try {
      const bytes = exportOnnx(
        network,
        options.normalization === undefined ? {} : { normalization: options.normalization },
      );
      const session = await createOnnxSession(bytes, { intraOpNumThreads: threads, batchRows });
      return {
        path: 'onnxruntime-node',
        threads,
        run: (input, rows) => session.run(input, rows),
        close: () => session.close(),
      };
    } catch (error) {
      if (!(error instanceof OnnxRuntimeUnavailableError) || prefer !== 'auto') {
        throw error;
      }
      logger.warn(
        { code: error.code, reason: error.details['reason'] },
        'student inference falls back to tfjs',
      );
    }
  }
  return createTfjsPredictor(network, batchRows, options.normalization);
}

function createTfjsPredictor(
  network: Network,
  batchRows: number,
  normalization?: OnnxNormalization,
): StudentPredictor {
  const sampleShape = (network.model.inputs[0]?.shape ?? []).slice(1) as number[];
  const mean = normalization === undefined ? undefined : tf.tensor1d(normalization.mean);
  const std = normalization === undefined ? undefined : tf.tensor1d(normalization.std);

  const runBatch = async (slice: Float32Array, rows: number): Promise<Float32Array> => {
    const [output, ...features] = tf.tidy(() => {
      const raw = tf.tensor(slice, [rows, ...sampleShape]);
      const x = mean === undefined || std === undefined ? raw : tf.div(tf.sub(raw, mean), std);
      const result = network.predict(x);
      return [result.output, ...result.features];
    });
    if (output === undefined) {
      return new Float32Array(0);
    }
    const values = (await output.data()) as Float32Array;
    tf.dispose([output, ...features]);
    return values;
  };

  return {
    path: 'tfjs',
    threads: 1,
    run: (input, rows) => runInBatches(input, rows, batchRows, runBatch),
    close: () => {
      tf.dispose([mean, std].filter((t) => t !== undefined));
      return Promise.resolve();
    },
  };
}
