/**
 * A layer is one raster shown on the map: a product, a scene band, or a band-math expression
 * over a scene's bands. Tiles, TileJSON, point queries and statistics of all three go through
 * this one description.
 */
import type { Bounds, RasterReader } from '../src/rasters/types.js';
import type { BandValueRule } from './band-values.js';
import { bandValueRule, fillMaskedReader } from './band-values.js';
import type { StoredProduct } from './product-store.js';
import type { ReaderPool } from './reader-pool.js';
import { productTilePrefix, sceneTilePrefix } from './scene-service.js';
import type { StoredBand, StoredScene } from './scene-store.js';

/** What a layer reads: fill values already NaN; `rule` turns its values into physical ones. */
export interface LayerSource {
  reader: RasterReader;
  /** 0-based band index in `reader`. */
  bandIndex: number;
  rule: BandValueRule;
}

/** One displayable raster. */
export interface Layer {
  /** Prefix of this layer's tile-cache keys (it names the band, bidx or expression). */
  cacheKey: string;
  /** Name for TileJSON, e.g. `lst split-window`, `B10` or `((B5 - B4) / (B5 + B4))`. */
  name: string;
  /** [west, south, east, north], EPSG:4326. */
  bounds: Bounds;
  /** URL path of this layer's routes, e.g. `/api/products/<id>`. */
  routeBase: string;
  /** Query parameters that select the layer on `routeBase` (e.g. `expression`), for URLs. */
  routeQuery: Readonly<Record<string, string>>;
  /** Runs `fn` with the layer's source, holding its readers open until `fn` settles. */
  withSource<T>(readers: ReaderPool, fn: (source: LayerSource) => Promise<T>): Promise<T>;
  /** Rescale used when a request gives none (physical [p2, p98]), or null when unknown. */
  defaultRescale(readers: ReaderPool): Promise<readonly [number, number] | null>;
}

/** The layer of a product (single band, physical values, NaN noData). */
export function productLayer(product: StoredProduct, scene: StoredScene): Layer {
  const rule: BandValueRule = { fillValue: null, scale: 1, offset: 0, unit: product.unit };
  const rescale = finitePair(product.stats.p2, product.stats.p98);
  return {
    cacheKey: productTilePrefix(product.id),
    name: `${product.product} ${product.method}`,
    bounds: scene.boundsWgs84,
    routeBase: `/api/products/${product.id}`,
    routeQuery: {},
    withSource: (readers, fn) =>
      readers.use(product.path, (reader) => fn({ reader, bandIndex: 0, rule })),
    defaultRescale: () => Promise.resolve(rescale),
  };
}

/** The layer of one scene band; values follow the sensor's fill and Level-2 scaling. */
export function bandLayer(scene: StoredScene, band: StoredBand): Layer {
  const rescale = band.stats === null ? null : finitePair(band.stats.p2, band.stats.p98);
  return {
    cacheKey: `${sceneTilePrefix(scene.id)}band:${band.name}:`,
    name: band.name,
    bounds: scene.boundsWgs84,
    routeBase: `/api/scenes/${scene.id}/bands/${encodeURIComponent(band.name)}`,
    routeQuery: {},
    withSource: (readers, fn) => withBandSource(readers, scene, band, fn),
    defaultRescale: () => Promise.resolve(rescale),
  };
}

/** Runs `fn` with the fill-masked reader of a scene band and its value rule. */
export function withBandSource<T>(
  readers: ReaderPool,
  scene: StoredScene,
  band: StoredBand,
  fn: (source: LayerSource) => Promise<T>,
): Promise<T> {
  return readers.use(band.path, (reader) => {
    const rule = bandValueRule(scene.sensor, band.name, reader.info, band.bandIndex);
    return fn({
      reader: fillMaskedReader(reader, rule.fillValue),
      bandIndex: band.bandIndex,
      rule,
    });
  });
}

/** [a, b] when both are finite and a < b; [a, a + 1] when equal (a flat raster); else null. */
export function finitePair(a: number, b: number): readonly [number, number] | null {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a < b ? [a, b] : [a, a + 1];
}
