/**
 * A layer is one raster band shown on the map: a product, or a scene band. Tiles, TileJSON and
 * point queries of both go through this one description.
 */
import type { Bounds } from '../src/rasters/types.js';
import type { BandValueRule } from './band-values.js';
import { bandValueRule } from './band-values.js';
import type { StoredProduct } from './product-store.js';
import { productTilePrefix, sceneTilePrefix } from './scene-service.js';
import type { StoredBand, StoredScene } from './scene-store.js';
import type { RasterInfo } from '../src/rasters/types.js';

/** One displayable band. */
export interface Layer {
  /** Prefix of this layer's tile-cache keys. */
  cacheKey: string;
  /** Name for TileJSON, e.g. `lst split-window` or `B10`. */
  name: string;
  path: string;
  /** 0-based band index in the file. */
  bandIndex: number;
  /** How stored values become physical ones, once the file's header is known. */
  valueRule(info: RasterInfo): BandValueRule;
  /** Rescale used when the request gives none ([p2, p98] of the stored statistics), or null. */
  defaultRescale: readonly [number, number] | null;
  /** [west, south, east, north], EPSG:4326. */
  bounds: Bounds;
  /** URL path of this layer's routes, e.g. `/api/products/<id>`. */
  routeBase: string;
}

/** The layer of a product (single band, physical values, NaN noData). */
export function productLayer(product: StoredProduct, scene: StoredScene): Layer {
  return {
    cacheKey: productTilePrefix(product.id),
    name: `${product.product} ${product.method}`,
    path: product.path,
    bandIndex: 0,
    valueRule: () => ({ fillValue: null, scale: 1, offset: 0, unit: product.unit }),
    defaultRescale: finitePair(product.stats.p2, product.stats.p98),
    bounds: scene.boundsWgs84,
    routeBase: `/api/products/${product.id}`,
  };
}

/** The layer of one scene band; values follow the sensor's fill and Level-2 scaling. */
export function bandLayer(scene: StoredScene, band: StoredBand): Layer {
  return {
    cacheKey: `${sceneTilePrefix(scene.id)}${band.name}:`,
    name: band.name,
    path: band.path,
    bandIndex: band.bandIndex,
    valueRule: (info) => bandValueRule(scene.sensor, band.name, info, band.bandIndex),
    defaultRescale: band.stats === null ? null : finitePair(band.stats.p2, band.stats.p98),
    bounds: scene.boundsWgs84,
    routeBase: `/api/scenes/${scene.id}/bands/${encodeURIComponent(band.name)}`,
  };
}

/** [a, b] when both are finite and a < b; [a, a + 1] when equal (a flat raster); else null. */
function finitePair(a: number, b: number): readonly [number, number] | null {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a < b ? [a, b] : [a, a + 1];
}
