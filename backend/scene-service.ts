/** Lookups and deletion of scenes and products, shared by routes and jobs. */
import type { AppContext } from './context.js';
import { NotFoundError } from './errors.js';
import type { StoredProduct } from './product-store.js';
import { getProduct, productsOfScene } from './product-store.js';
import type { StoredBand, StoredScene } from './scene-store.js';
import { deleteSceneRow, getScene } from './scene-store.js';

/** The scene, or NotFoundError. */
export function requireScene(context: Pick<AppContext, 'db'>, id: string): StoredScene {
  const scene = getScene(context.db, id);
  if (scene === null) throw new NotFoundError('scene', id);
  return scene;
}

/** The band named `name` (sensor band name, e.g. `B10`) of a scene, or NotFoundError. */
export function requireBand(scene: StoredScene, name: string): StoredBand {
  const band = scene.bands.find((candidate) => candidate.name === name);
  if (band === undefined) {
    const available = scene.bands.map((candidate) => candidate.name).join(', ');
    throw new NotFoundError('band', name, `scene '${scene.id}' has bands ${available}`);
  }
  return band;
}

/** The product, or NotFoundError. */
export function requireProduct(context: Pick<AppContext, 'db'>, id: string): StoredProduct {
  const product = getProduct(context.db, id);
  if (product === null) throw new NotFoundError('product', id);
  return product;
}

/** Tile-cache key prefix of a scene's bands. */
export const sceneTilePrefix = (sceneId: string): string => `scene:${sceneId}:`;

/** Tile-cache key prefix of a product. */
export const productTilePrefix = (productId: string): string => `product:${productId}:`;

/**
 * Deletes a scene: cancels its unfinished jobs, removes its rows (bands and products cascade),
 * closes its readers, drops its cached tiles and removes its files.
 */
export async function deleteScene(context: AppContext, id: string): Promise<void> {
  const scene = requireScene(context, id);
  const products = productsOfScene(context.db, id);
  context.queue.cancelWhere((payload) => sceneIdOf(payload) === id);

  deleteSceneRow(context.db, id);
  context.readers.closePaths([
    ...scene.bands.map((band) => band.path),
    ...products.map((product) => product.path),
  ]);
  context.tileCache.deletePrefix(sceneTilePrefix(id));
  products.forEach((product) => context.tileCache.deletePrefix(productTilePrefix(product.id)));

  await context.storage.removeDir(context.storage.sceneDir(id));
  await Promise.all(products.map((product) => context.storage.removeFile(product.path)));
  context.logger.info({ sceneId: id, products: products.length }, 'scene deleted');
}

function sceneIdOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as { sceneId?: unknown }).sceneId
    : undefined;
}
