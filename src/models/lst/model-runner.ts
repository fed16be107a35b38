/**
 * Runs a planned network product over a scene in blocks of rows: the block runner reads and
 * masks each block's bands, the plan turns them into input rows, the predictor runs the rows
 * whose inputs are all finite, and the QA mask is applied. Memory is bounded by one block.
 * Node-free: the predictor is passed in (onnxruntime or tfjs, see predictor-node.ts).
 */
import type { ProgressCallback } from '../../logger.js';
import type { SceneDescription } from '../../rasters/scene-types.js';
import {
  runRowBlocks,
  DEFAULT_BLOCK_ROWS,
  type BandReader,
  type BlockBands,
} from '../../retrieval/block-runner.js';
import { bandFillValue } from '../../retrieval/scene-bands.js';
import type { CatalogModel } from './model-catalog.js';
import type { ModelProductPlan } from './model-plan.js';

/** Predicts rows of raw (physical) inputs; returns `rows × outputs` physical values. */
export interface PixelPredictor {
  /** How it runs (`onnxruntime-node`, `tfjs`). */
  path: string;
  outputs: number;
  run(input: Float32Array, rows: number): Promise<Float32Array>;
  close(): Promise<void>;
}

/** Opens the predictor of a catalog model. */
export type PixelPredictorFactory = (model: CatalogModel) => Promise<PixelPredictor>;

/** Input of {@link runModelPlan}. */
export interface ModelRunInput {
  scene: SceneDescription;
  read: BandReader;
  predictor: PixelPredictor;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  blockRows?: number;
}

/** What {@link runModelPlan} returns: the values and counts for the notes. */
export interface ModelRunResult {
  data: Float32Array;
  /** Pixels whose inputs were all finite (the ones the network ran on). */
  predictedPixels: number;
  seconds: number;
}

/** Compacts the rows whose features are all finite; returns them and their pixel indices. */
function finiteRows(
  features: Float32Array,
  width: number,
): { rows: Float32Array; index: Uint32Array } {
  const count = features.length / width;
  const index: number[] = [];
  for (let r = 0; r < count; r++) {
    let ok = true;
    for (let c = 0; c < width && ok; c++) ok = Number.isFinite(features[r * width + c]);
    if (ok) index.push(r);
  }
  const rows = new Float32Array(index.length * width);
  index.forEach((r, k) => rows.set(features.subarray(r * width, (r + 1) * width), k * width));
  return { rows, index: Uint32Array.from(index) };
}

async function predictBlock(
  plan: ModelProductPlan,
  predictor: PixelPredictor,
  bands: BlockBands,
  pixels: number,
): Promise<{ values: Float32Array; predicted: number }> {
  const { rows, index } = finiteRows(plan.features(bands), plan.featureCount);
  const values = new Float32Array(pixels).fill(Number.NaN);
  if (index.length > 0) {
    const out = await predictor.run(rows, index.length);
    for (let k = 0; k < index.length; k++) {
      values[index[k] as number] = out[k * predictor.outputs + plan.outputIndex] as number;
    }
  }
  plan.mask.apply(bands, values);
  return { values, predicted: index.length };
}

/**
 * Runs the plan over the whole scene; throws CancelledError on abort and the reader's errors.
 * Each block of rows goes through {@link runRowBlocks} (fill values → NaN) on its own window.
 */
export async function runModelPlan(
  plan: ModelProductPlan,
  input: ModelRunInput,
): Promise<ModelRunResult> {
  const { scene } = input;
  const started = performance.now();
  const blockRows = input.blockRows ?? DEFAULT_BLOCK_ROWS;
  const fillValues = new Map(
    plan.inputs.map((name) => [name, bandFillValue(scene, name)] as const),
  );
  const data = new Float32Array(scene.width * scene.height);
  let predictedPixels = 0;
  input.onProgress?.(0, `${plan.label}: 0 of ${scene.height} rows`);
  for (let y = 0; y < scene.height; y += blockRows) {
    const rows = Math.min(blockRows, scene.height - y);
    let captured: BlockBands | null = null;
    await runRowBlocks({
      width: scene.width,
      height: rows,
      inputs: plan.inputs,
      fillValues,
      read: (name, window, signal) => input.read(name, { ...window, y: window.y + y }, signal),
      compute: (bands) => {
        captured = bands;
        return new Float32Array(scene.width * rows);
      },
      blockRows: rows,
      label: plan.label,
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
    if (captured === null) continue;
    const block = await predictBlock(plan, input.predictor, captured, scene.width * rows);
    data.set(block.values, y * scene.width);
    predictedPixels += block.predicted;
    const done = y + rows;
    input.onProgress?.(done / scene.height, `${plan.label}: ${done} of ${scene.height} rows`);
  }
  return { data, predictedPixels, seconds: (performance.now() - started) / 1000 };
}
