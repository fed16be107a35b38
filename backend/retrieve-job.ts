/**
 * The `retrieve` job: compute a product (LST) over a stored scene by window reads, write it as a
 * GeoTIFF in `results/`, compute its statistics and insert the product row.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { writeGeoTiff } from '../src/rasters/geotiff-writer.js';
import { computeStatistics } from '../src/rasters/statistics.js';
import type { PixelWindow } from '../src/rasters/types.js';
import { computeLst } from '../src/retrieval/lst-product.js';
import type { LstMethod } from '../src/retrieval/lst-parameters.js';
import { bandValueRule, maskFill } from './band-values.js';
import type { AppContext } from './context.js';
import type { JobContext, JobType } from './jobs.js';
import { insertProduct } from './product-store.js';
import type { StoredProduct } from './product-store.js';
import { requireBand, requireScene } from './scene-service.js';
import type { StoredScene } from './scene-store.js';

/** LST retrieval methods the API accepts. */
export const LST_METHODS = [
  'split-window',
  'single-channel',
  'rte',
  'level2',
] as const satisfies readonly LstMethod[];

/**
 * Parameters of the LST methods (see LstParameters in src/retrieval/lst-parameters.ts); unknown
 * keys are refused so a typo is not silently replaced by a default. Domains are checked by the
 * physics module.
 */
const lstParametersSchema = z
  .object({
    waterVapourGcm2: z.number().optional(),
    emissivitySet: z.string().optional(),
    transmittance: z.number().optional(),
    upwellingRadianceWm2SrUm: z.number().optional(),
    downwellingRadianceWm2SrUm: z.number().optional(),
  })
  .strict();

/** Request of one product: what `POST /api/scenes/:id/products` takes (without the scene id). */
export const productRequestSchema = z
  .object({
    product: z.literal('lst'),
    method: z.enum(LST_METHODS),
    parameters: lstParametersSchema.optional(),
  })
  .strict();

/** Payload of a `retrieve` job. */
export const retrievePayloadSchema = productRequestSchema.extend({ sceneId: z.string().min(1) });

/** A validated `retrieve` payload. */
export type RetrievePayload = z.infer<typeof retrievePayloadSchema>;

/** Share of the progress bar given to the retrieval itself; the rest is writing and stats. */
const COMPUTE_SHARE = 0.9;

/** What the retrieve job uses of the application context. */
export type RetrieveDeps = Pick<AppContext, 'db' | 'storage' | 'readers'>;

/** The `retrieve` job type bound to the database, storage and reader pool. */
export function retrieveJobType(context: RetrieveDeps): JobType<RetrievePayload> {
  return {
    payloadSchema: retrievePayloadSchema,
    run: (payload, job) => runRetrieve(context, payload, job),
  };
}

async function runRetrieve(
  context: RetrieveDeps,
  payload: RetrievePayload,
  job: JobContext,
): Promise<{ productId: string }> {
  const scene = requireScene(context, payload.sceneId);
  const lst = await computeLst({
    scene,
    read: bandReader(context, scene),
    method: payload.method,
    parameters: payload.parameters ?? {},
    onProgress: (fraction: number) => job.progress(fraction * COMPUTE_SHARE),
    signal: job.signal,
  });
  job.signal.throwIfAborted();

  const productId = randomUUID();
  const resultPath = context.storage.resultPath(productId);
  await writeGeoTiff(resultPath, {
    width: lst.width,
    height: lst.height,
    bands: [lst.data],
    geoTransform: scene.geoTransform,
    crs: scene.crs,
    noData: Number.NaN,
    bandDescriptions: [`lst (K), method ${lst.method}`],
  });
  job.progress(0.95);

  try {
    job.signal.throwIfAborted();
    insertProduct(context.db, productRecord(productId, resultPath, payload, lst));
  } catch (error) {
    await context.storage.removeFile(resultPath);
    throw error;
  }
  job.progress(1);
  return { productId };
}

/** The `read(bandName, window, signal)` computeLst takes: raw DN, noData and fill → NaN. */
function bandReader(context: RetrieveDeps, scene: StoredScene) {
  return (bandName: string, window: PixelWindow, signal?: AbortSignal): Promise<Float32Array> => {
    const band = requireBand(scene, bandName);
    return context.readers.use(band.path, async (reader) => {
      const rule = bandValueRule(scene.sensor, band.name, reader.info, band.bandIndex);
      const options =
        signal === undefined
          ? { bandIndex: band.bandIndex }
          : { bandIndex: band.bandIndex, signal };
      return maskFill(await reader.readWindow(window, options), rule.fillValue);
    });
  };
}

function productRecord(
  id: string,
  resultPath: string,
  payload: RetrievePayload,
  lst: Awaited<ReturnType<typeof computeLst>>,
): StoredProduct {
  const { percentileMethod, ...stats } = computeStatistics(lst.data);
  return {
    id,
    sceneId: payload.sceneId,
    product: payload.product,
    method: lst.method,
    parameters: lst.parameters,
    inputs: lst.inputs,
    notes: lst.notes,
    unit: lst.unit,
    path: resultPath,
    stats,
    createdAt: new Date().toISOString(),
  };
}
