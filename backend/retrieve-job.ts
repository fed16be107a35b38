/**
 * The `retrieve` job: compute a product (LST, emissivity, NDVI, water vapour, brightness
 * temperature) over a stored scene by window reads, write it as a
 * GeoTIFF in `results/`, compute its statistics and insert the product row.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readGeoKeyTags } from '../src/rasters/cog-normalise.js';
import type { GeoKeyTags } from '../src/rasters/cog-tags.js';
import { writeGeoTiff } from '../src/rasters/geotiff-writer.js';
import { computeStatistics } from '../src/rasters/statistics.js';
import type { PixelWindow } from '../src/rasters/types.js';
import { computeProduct } from '../src/retrieval/product.js';
import type { ProductRaster } from '../src/retrieval/lst-product.js';
import { productRequestSchema } from './product-request.js';
import { bandValueRule, maskFill } from './band-values.js';
import { lstModelCatalog, lstPredictors } from './lst-models.js';
import type { AppContext } from './context.js';
import type { JobContext, JobType } from './jobs.js';
import { insertProduct } from './product-store.js';
import type { StoredProduct } from './product-store.js';
import { requireBand, requireScene } from './scene-service.js';
import type { StoredScene } from './scene-store.js';

export { productRequestSchema } from './product-request.js';

/** Payload of a `retrieve` job: the request with the API defaults filled in, and the scene. */
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
  const request = {
    product: payload.product,
    ...(payload.method === undefined ? {} : { method: payload.method }),
    ...(payload.model === undefined ? {} : { model: payload.model }),
    ...(payload.parameters === undefined ? {} : { parameters: payload.parameters }),
  };
  const lst = await computeProduct({
    scene,
    read: bandReader(context, scene),
    request,
    models: lstModelCatalog(context.db),
    predictors: lstPredictors(),
    onProgress: (fraction: number) => job.progress(fraction * COMPUTE_SHARE),
    signal: job.signal,
  });
  job.signal.throwIfAborted();

  const productId = randomUUID();
  const resultPath = context.storage.resultPath(productId);
  const geoKeys = await sceneGeoKeys(scene);
  await writeGeoTiff(resultPath, {
    width: lst.width,
    height: lst.height,
    bands: [lst.data],
    geoTransform: scene.geoTransform,
    crs: scene.crs,
    ...(geoKeys === null ? {} : { geoKeys }),
    noData: Number.NaN,
    bandDescriptions: [`${payload.product} (${lst.unit}), method ${lst.method}`],
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

/**
 * The GeoKeys of the scene's first band file (all its bands share one grid), written back
 * verbatim into the product so any CRS the scene has — MODIS sinusoidal without an EPSG code
 * included — survives; null when the file has none (the writer then uses the EPSG code).
 */
async function sceneGeoKeys(scene: StoredScene): Promise<GeoKeyTags | null> {
  const first = scene.bands[0];
  return first === undefined ? null : readGeoKeyTags(first.path);
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
  lst: ProductRaster<string>,
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
