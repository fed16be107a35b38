/** The JSON shapes the API answers for stored scenes and products. */
import type { Bounds } from '../src/rasters/types.js';
import type { StoredProduct } from './product-store.js';
import type { StoredScene } from './scene-store.js';

/** A scene as `GET /api/scenes/:id` shows it. */
export interface SceneView {
  id: string;
  /** Landsat scene id from the metadata (e.g. LC80200392015216LGN00), or null. */
  sceneId: string | null;
  createdAt: string;
  sensor: string;
  level: 'L1' | 'L2' | null;
  bands: { name: string; description: string | null; fileName: string }[];
  crs: { epsg: number | null; name: string; proj4: string };
  width: number;
  height: number;
  /** [west, south, east, north], EPSG:4326 degrees. */
  bounds: Bounds;
  warnings: { code: string; message: string }[];
}

/** A product as `GET /api/products/:id` shows it. */
export interface ProductView {
  id: string;
  sceneId: string;
  product: string;
  method: string;
  parameters: Record<string, unknown>;
  /** Band names the retrieval read. */
  inputs: unknown;
  unit: string;
  /** In `unit`; `median` is null for products stored before it was recorded. */
  stats: { min: number; max: number; mean: number; median: number; p2: number; p98: number };
  /** [west, south, east, north], EPSG:4326 degrees (the scene's). */
  bounds: Bounds;
  notes: string[];
  /** Absolute URL of the product's TileJSON. */
  tilejson: string;
  /** ISO 8601 time the product was stored. */
  createdAt: string;
}

/** The API view of a stored scene. */
export function sceneView(scene: StoredScene): SceneView {
  return {
    id: scene.id,
    sceneId: scene.sceneId,
    createdAt: scene.createdAt,
    sensor: scene.sensor,
    level: scene.level,
    bands: scene.bands.map((band) => ({
      name: band.name,
      description: band.description,
      fileName: band.fileName,
    })),
    crs: { epsg: scene.crs.epsg, name: scene.crs.name, proj4: scene.crs.proj4 },
    width: scene.width,
    height: scene.height,
    bounds: scene.boundsWgs84,
    warnings: scene.warnings.map(({ code, message }) => ({ code, message })),
  };
}

/** The API view of a stored product; `baseUrl` is the server's origin (`http://host:port`). */
export function productView(product: StoredProduct, bounds: Bounds, baseUrl: string): ProductView {
  const { min, max, mean, median, p2, p98 } = product.stats;
  return {
    id: product.id,
    sceneId: product.sceneId,
    product: product.product,
    method: product.method,
    parameters: product.parameters,
    inputs: product.inputs,
    unit: product.unit,
    stats: { min, max, mean, median, p2, p98 },
    bounds,
    notes: product.notes,
    tilejson: `${baseUrl}/api/products/${product.id}/tilejson.json`,
    createdAt: product.createdAt,
  };
}

/**
 * File name of a product's GeoTIFF download: `<scene>_<product>_<method>.tif`, where the scene is
 * named by its Landsat id, else by its first band's uploaded file name without extension, else by
 * its UUID. Characters outside [A-Za-z0-9._-] become `_`.
 */
export function productFileName(
  scene: Pick<StoredScene, 'id' | 'sceneId'> & { bands: readonly { fileName: string }[] },
  product: Pick<StoredProduct, 'product' | 'method'>,
): string {
  const firstFile = scene.bands[0]?.fileName.replace(/\.[^.]*$/, '');
  const sceneName =
    scene.sceneId ?? (firstFile === undefined || firstFile === '' ? scene.id : firstFile);
  const name = `${sceneName}_${product.product}_${product.method}.tif`;
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
