/**
 * How scenes and products are named on the page: a Landsat scene by its scene id, a plain
 * GeoTIFF scene by its file name(s), a product by its kind and method (`LST · split-window`,
 * `NDVI · ndvi`, `Water vapour · covariance-ratio`).
 */
import type { ProductInfo, SceneInfo } from './api.js';
import { productKind } from './product-catalog.js';

/**
 * The scene's Landsat id (`LC80200392015216LGN00`); without one, the file name of its bands
 * (`dem.tif`, or `b1.tif + 2 more` for several files); the server's id when it has no band.
 */
export function sceneLabel(scene: Pick<SceneInfo, 'id' | 'sceneId' | 'bands'>): string {
  if (scene.sceneId !== null) return scene.sceneId;
  const fileNames = [...new Set(scene.bands.map((band) => band.fileName))];
  const [first] = fileNames;
  if (first === undefined) return scene.id;
  return fileNames.length === 1 ? first : `${first} + ${fileNames.length - 1} more`;
}

/** `LST`, `Water vapour`: a product kind's short name; an unknown kind in capitals. */
export function kindLabel(kind: string): string {
  return productKind(kind)?.label ?? kind.toUpperCase();
}

/** `LST · split-window`: the product kind's short name and the method that made it. */
export function productLabel(product: Pick<ProductInfo, 'product' | 'method'>): string {
  return `${kindLabel(product.product)} · ${product.method}`;
}
