/**
 * Node-only: runs exported ONNX models with onnxruntime-node (an optional dependency, loaded by
 * dynamic import) on the CPU, over row-major float32 rows in batches.
 */
import { InvalidParameterError, RskdError } from '../../errors.js';
import type * as OnnxRuntime from 'onnxruntime-node';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './export.js';

/** Rows per onnxruntime call unless told otherwise: large enough to amortise the call. */
export const DEFAULT_ONNX_BATCH_ROWS = 65_536;

/** Options of createOnnxSession. */
export interface OnnxSessionOptions {
  /** Threads of one operator (onnxruntime intra-op pool); default 1. */
  intraOpNumThreads?: number;
  /** Rows per onnxruntime call; default DEFAULT_ONNX_BATCH_ROWS. */
  batchRows?: number;
  /**
   * Let idle intra-op threads spin; default false. Measured on the shared 2-core host, 2
   * threads, 16,384 rows a call: 3.3 Mpx/s spinning, 7.4 Mpx/s not (spinning threads fight
   * the other processes for the cores); one thread is unaffected.
   */
  allowSpinning?: boolean;
}

/** An open onnxruntime session over a model with input `input` [N, k] and output `output` [N, m]. */
export interface OnnxSession {
  /** Predicts `rows` rows of `input` (row-major, `input.length / rows` values a row). */
  run(input: Float32Array, rows: number): Promise<Float32Array>;
  /** Releases the native session. */
  close(): Promise<void>;
}

type OrtModule = typeof OnnxRuntime;

/** Raised when onnxruntime-node cannot be loaded (not installed, or no binary for this CPU). */
export class OnnxRuntimeUnavailableError extends RskdError {
  constructor(reason: string) {
    super(
      'ONNX_RUNTIME_UNAVAILABLE',
      `onnxruntime-node is not available (${reason}); use the TensorFlow.js path`,
      {
        reason,
      },
    );
  }
}

/** Loads onnxruntime-node, or throws OnnxRuntimeUnavailableError. */
export async function loadOnnxRuntime(): Promise<OrtModule> {
  try {
    return await import('onnxruntime-node');
  } catch (error) {
    throw new OnnxRuntimeUnavailableError(
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    );
  }
}

/**
 * Opens an ONNX model (bytes of exportOnnx or any model with the same input/output names).
 * Throws OnnxRuntimeUnavailableError without onnxruntime-node, InvalidParameterError when the
 * bytes are not a loadable model.
 */
export async function createOnnxSession(
  bytes: Uint8Array,
  options: OnnxSessionOptions = {},
): Promise<OnnxSession> {
  const ort = await loadOnnxRuntime();
  const batchRows = options.batchRows ?? DEFAULT_ONNX_BATCH_ROWS;
  let session: Awaited<ReturnType<OrtModule['InferenceSession']['create']>>;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: options.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      extra: {
        session: { intra_op: { allow_spinning: options.allowSpinning === true ? '1' : '0' } },
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InvalidParameterError(
      `not a loadable ONNX model (${bytes.byteLength} bytes): ${reason}`,
    );
  }

  const runBatch = async (
    input: Float32Array,
    rows: number,
    width: number,
  ): Promise<Float32Array> => {
    const feeds = { [ONNX_INPUT_NAME]: new ort.Tensor('float32', input, [rows, width]) };
    const result = await session.run(feeds);
    const output = result[ONNX_OUTPUT_NAME];
    if (output === undefined) {
      throw new InvalidParameterError(`the ONNX model has no output named '${ONNX_OUTPUT_NAME}'`);
    }
    return output.data as Float32Array;
  };

  return {
    run: (input, rows) => runInBatches(input, rows, batchRows, runBatch),
    close: () => session.release(),
  };
}

/**
 * Runs `runBatch` over consecutive slices of at most `batchRows` rows and concatenates the
 * outputs. Throws InvalidParameterError when `input.length` is not a multiple of `rows`.
 */
export async function runInBatches(
  input: Float32Array,
  rows: number,
  batchRows: number,
  runBatch: (slice: Float32Array, rows: number, width: number) => Promise<Float32Array>,
): Promise<Float32Array> {
  if (!Number.isInteger(rows) || rows < 1 || input.length % rows !== 0) {
    throw new InvalidParameterError(`${input.length} input values do not split into ${rows} rows`, {
      values: input.length,
      rows,
    });
  }
  const width = input.length / rows;
  let output: Float32Array | undefined;
  let outputWidth = 0;
  for (let start = 0; start < rows; start += batchRows) {
    const count = Math.min(batchRows, rows - start);
    const slice = input.subarray(start * width, (start + count) * width);
    const batch = await runBatch(slice, count, width);
    if (output === undefined) {
      outputWidth = batch.length / count;
      output = new Float32Array(rows * outputWidth);
    }
    output.set(batch, start * outputWidth);
  }
  return output ?? new Float32Array(0);
}
