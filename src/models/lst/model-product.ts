/**
 * Computes a planned network product into a product raster: opens the model's predictor, runs
 * it over the scene by row blocks (model-runner.ts) and records the model, its metadata, the
 * inference path and the throughput. Node-free (the predictor factory is passed in).
 */
import { InvalidParameterError } from '../../errors.js';
import type { ProgressCallback } from '../../logger.js';
import type { SceneDescription } from '../../rasters/scene-types.js';
import type { BandReader } from '../../retrieval/block-runner.js';
import type { ModelProductPlan } from './model-plan.js';
import { runModelPlan, type PixelPredictorFactory } from './model-runner.js';

/** What {@link computeModelProduct} needs besides the plan. */
export interface ModelProductInput {
  scene: SceneDescription;
  read: BandReader;
  predictors?: PixelPredictorFactory;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  blockRows?: number;
}

/** The raster of a network product (same shape as the physics products' ProductRaster). */
export interface ModelProductRaster {
  data: Float32Array;
  width: number;
  height: number;
  unit: string;
  method: string;
  parameters: Record<string, unknown>;
  inputs: string[];
  notes: string[];
}

/**
 * Runs `plan` with a predictor of `input.predictors`; InvalidParameterError when none is given
 * (the caller must supply the inference path), CancelledError on abort.
 */
export async function computeModelProduct(
  plan: ModelProductPlan,
  method: string,
  unit: string,
  input: ModelProductInput,
): Promise<ModelProductRaster> {
  if (input.predictors === undefined) {
    throw new InvalidParameterError(`${plan.label} needs a predictor factory to run the network`);
  }
  const predictor = await input.predictors(plan.model);
  try {
    const run = await runModelPlan(plan, {
      scene: input.scene,
      read: input.read,
      predictor,
      ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
      ...(input.signal === undefined ? {} : { signal: input.signal }),
      ...(input.blockRows === undefined ? {} : { blockRows: input.blockRows }),
    });
    const pixels = input.scene.width * input.scene.height;
    const mpxPerS = run.seconds > 0 ? pixels / run.seconds / 1e6 : 0;
    return {
      data: run.data,
      width: input.scene.width,
      height: input.scene.height,
      unit,
      method,
      parameters: { ...plan.parameters, inferencePath: predictor.path },
      inputs: [...plan.inputs],
      notes: [
        ...plan.notes,
        ...plan.finalNotes(),
        ...plan.mask.finalNotes(),
        coverageNote(run.data, run.predictedPixels, plan.mask.parameters.maskApplied.length > 0) +
          ` through ${predictor.path}, ${mpxPerS.toFixed(2)} Mpx/s including reads`,
      ],
    };
  } finally {
    await predictor.close();
  }
}

/**
 * How many pixels keep the network's value: of all pixels, those lacking an input got none, and
 * of those it predicted, the QA mask removed some (the mask is applied after prediction).
 */
function coverageNote(data: Float32Array, predictedPixels: number, masked: boolean): string {
  let kept = 0;
  for (const value of data) if (Number.isFinite(value)) kept++;
  const lacking = data.length - predictedPixels;
  const removed = predictedPixels - kept;
  return (
    `the network's values are kept on ${kept} of ${data.length} pixels ` +
    `(${lacking} lack an input` +
    (masked ? `, ${removed} more are masked by QA` : '') +
    ')'
  );
}
