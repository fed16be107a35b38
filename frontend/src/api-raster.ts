/**
 * The client of the raster routes added for band math and inspection: statistics with a
 * histogram (products, scene bands and expressions), the TileJSON of a band-math expression and
 * the whole-scene point query.
 */
import { requestJson } from './api-request.js';
import type { LonLatBounds, NoValueReason } from './api.js';

/** Histogram of a layer: `counts[i]` covers `[edges[i], edges[i+1])`; edges null when empty. */
export interface HistogramData {
  edges: (number | null)[];
  counts: number[];
}

/** `GET …/statistics`: numbers in the layer's unit, null when no pixel is valid. */
export interface LayerStatistics {
  name: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  p2: number | null;
  median: number | null;
  p98: number | null;
  validCount: number;
  totalCount: number;
  histogram: HistogramData;
}

/** A value at a point in `unit` (null for a unitless layer), or null with the reason. */
export type LayerPointValue =
  | { value: number; unit: string | null }
  | { value: null; reason: NoValueReason; unit: string | null };

/** `GET /api/scenes/:id/point`: every band and product of the scene at a lon/lat. */
export interface ScenePointAnswer {
  lon: number;
  lat: number;
  /** In scene band order. */
  bands: (LayerPointValue & { name: string })[];
  /** Oldest first. */
  products: (LayerPointValue & { id: string; product: string; method: string })[];
  /** Present when an expression was asked for; `expression` is its canonical form. */
  expression?: LayerPointValue & { expression: string };
}

/** The TileJSON the API answers for a layer (with `tileSize`, 256 px). */
export interface LayerTileJson {
  name: string;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: LonLatBounds;
  tileSize: number;
}

/** How a band-math layer is drawn: a colormap name and, optionally, the value range. */
export interface ExpressionStyle {
  colormapName: string;
  /** `[min, max]` in the expression's values; null lets the server use its p2–p98. */
  rescale: readonly [number, number] | null;
}

const scenePath = (sceneId: string): string => `scenes/${encodeURIComponent(sceneId)}`;

/** Statistics and a `bins`-bar histogram of a band-math expression over a scene's bands. */
export function getExpressionStatistics(
  sceneId: string,
  expression: string,
  bins: number,
): Promise<LayerStatistics> {
  const query = new URLSearchParams({ expression, bins: String(bins) });
  return requestJson<LayerStatistics>(`${scenePath(sceneId)}/statistics?${query.toString()}`);
}

/** Statistics and a `bins`-bar histogram of a product. */
export function getProductStatistics(productId: string, bins: number): Promise<LayerStatistics> {
  const query = new URLSearchParams({ bins: String(bins) });
  const path = `products/${encodeURIComponent(productId)}/statistics?${query.toString()}`;
  return requestJson<LayerStatistics>(path);
}

/** TileJSON of a band-math expression drawn with `style`. */
export function getExpressionTileJson(
  sceneId: string,
  expression: string,
  style: ExpressionStyle,
): Promise<LayerTileJson> {
  const query = new URLSearchParams({ expression, colormap_name: style.colormapName });
  if (style.rescale !== null) query.set('rescale', style.rescale.join(','));
  return requestJson<LayerTileJson>(`${scenePath(sceneId)}/tilejson.json?${query.toString()}`);
}

/** Every band and product of a scene at a lon/lat in degrees, and `expression`'s value if given. */
export function getScenePoint(
  sceneId: string,
  lon: number,
  lat: number,
  expression: string | null,
): Promise<ScenePointAnswer> {
  const query = new URLSearchParams({ lon: lon.toFixed(6), lat: lat.toFixed(6) });
  if (expression !== null) query.set('expression', expression);
  return requestJson<ScenePointAnswer>(`${scenePath(sceneId)}/point?${query.toString()}`);
}
