/**
 * Typed client of the platform's HTTP API (`/api`). Every call resolves to the parsed JSON
 * body or rejects with an {@link ApiError} that carries the server's `{error: {code,
 * message}}`, so panels can show the message as it is.
 */

import { apiUrl, errorFromResponse, requestJson } from './api-request.js';

export { ApiError, apiUrl } from './api-request.js';

/** West, south, east, north in degrees (WGS84). */
export type LonLatBounds = [number, number, number, number];

/** One band of a scene as the API describes it. */
export interface SceneBandInfo {
  /** Sensor band name used in URLs (`B10`, `ST_B10`, `b1`…). */
  name: string;
  /** Band description from the metadata or the GeoTIFF, null when there is none. */
  description: string | null;
  fileName: string;
}

/** A warning attached to a degraded-but-valid scene (`NODATA_UNSET`…). */
export interface ApiWarning {
  code: string;
  message: string;
}

/** A scene as returned by `POST /api/scenes` and `GET /api/scenes/:id`. */
export interface SceneInfo {
  id: string;
  /** Landsat scene id from the metadata (`LC80200392015216LGN00`), null when unknown. */
  sceneId: string | null;
  /** ISO 8601 time the scene was uploaded. */
  createdAt: string;
  sensor: string;
  /** Processing level, null for a plain GeoTIFF. */
  level: 'L1' | 'L2' | null;
  bands: SceneBandInfo[];
  crs: { epsg: number | null; name: string; proj4: string };
  /** Raster size in pixels at full resolution. */
  width: number;
  height: number;
  bounds: LonLatBounds;
  warnings: ApiWarning[];
}

/** Job states (DESIGN.md glossary). */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A background job as returned by `GET /api/jobs/:id` and its event stream. */
export interface JobInfo {
  id: string;
  type: string;
  state: JobState;
  /** Fraction done, 0..1. */
  progress: number;
  result?: { productId: string };
  error?: { code: string; message: string };
}

/** Summary statistics of a product, in its unit (kelvin for LST). */
export interface ProductStats {
  min: number;
  max: number;
  mean: number;
  /** Null for products stored before the server recorded it. */
  median: number | null;
  /** 2nd and 98th percentiles: the default display range. */
  p2: number;
  p98: number;
}

/** A derived raster (`GET /api/products/:id`). */
export interface ProductInfo {
  id: string;
  sceneId: string;
  product: string;
  method: string;
  unit: string;
  stats: ProductStats;
  bounds: LonLatBounds;
  notes: string[];
  /** ISO 8601 time the product was stored. */
  createdAt: string;
}

/** A colormap with its legend stops, low to high. */
export interface ColormapInfo {
  name: string;
  type: string;
  /**
   * Colours as `#rrggbb`: for a continuous colormap evenly spaced from the low end to the high
   * end; for a categorical one, the colour of each class in `classes` order.
   */
  stops: string[];
  /** The classes of a categorical colormap (raster value, label, `#rrggbb`). */
  classes?: ColormapClass[];
}

/** One class of a categorical colormap. */
export interface ColormapClass {
  value: number;
  label: string;
  color: string;
}

/** Why a point has no value: off the raster's grid, or a noData pixel inside it. */
export type NoValueReason = 'outside' | 'nodata';

/** A value at a point; `value` is null off the raster or on noData, and `reason` says which. */
export type PointValue =
  { value: number; unit: string } | { value: null; reason: NoValueReason; unit: string };

/** Uploads band GeoTIFFs and metadata files as one scene (`POST /api/scenes`). */
export function uploadScene(files: readonly File[]): Promise<SceneInfo> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return requestJson<SceneInfo>('scenes', { method: 'POST', body: form });
}

/** Lists the stored scenes, newest first as the server orders them. */
export async function listScenes(): Promise<SceneInfo[]> {
  const body = await requestJson<SceneInfo[] | { scenes: SceneInfo[] }>('scenes');
  return Array.isArray(body) ? body : body.scenes;
}

/** Deletes a scene and its products. */
export async function deleteScene(sceneId: string): Promise<void> {
  const response = await fetch(apiUrl(`scenes/${encodeURIComponent(sceneId)}`), {
    method: 'DELETE',
  });
  if (!response.ok) throw await errorFromResponse(response);
}

/** Reads a job's current state. */
export function getJob(jobId: string): Promise<JobInfo> {
  return requestJson<JobInfo>(`jobs/${encodeURIComponent(jobId)}`);
}

/** URL of a job's server-sent event stream. */
export function jobEventsUrl(jobId: string): string {
  return apiUrl(`jobs/${encodeURIComponent(jobId)}/events`);
}

/** Reads a product's metadata and statistics. */
export function getProduct(productId: string): Promise<ProductInfo> {
  return requestJson<ProductInfo>(`products/${encodeURIComponent(productId)}`);
}

/** The products of a scene, newest first. */
export function listSceneProducts(sceneId: string): Promise<ProductInfo[]> {
  return requestJson<ProductInfo[]>(`scenes/${encodeURIComponent(sceneId)}/products`);
}

/** Value of a product at a lon/lat in degrees. */
export function getProductPoint(productId: string, lon: number, lat: number): Promise<PointValue> {
  const query = `lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`;
  return requestJson<PointValue>(`products/${encodeURIComponent(productId)}/point?${query}`);
}

/** URL of a product's GeoTIFF download. */
export function productDownloadUrl(productId: string): string {
  return apiUrl(`products/${encodeURIComponent(productId)}/download`);
}

/**
 * XYZ tile URL template of a product, colourised with `colormapName` and rescaled linearly
 * from `rangeMin` to `rangeMax` (in the product's unit).
 */
export function productTileTemplate(
  productId: string,
  colormapName: string,
  rangeMin: number,
  rangeMax: number,
): string {
  const query =
    `colormap_name=${encodeURIComponent(colormapName)}` +
    `&rescale=${rangeMin.toFixed(2)},${rangeMax.toFixed(2)}`;
  return apiUrl(`products/${encodeURIComponent(productId)}/tiles/`) + `{z}/{x}/{y}.png?${query}`;
}

/** Lists the colormaps the tile renderer knows, with their legend stops. */
export async function listColormaps(): Promise<ColormapInfo[]> {
  const body = await requestJson<ColormapInfo[] | { colormaps: ColormapInfo[] }>('colormaps');
  return Array.isArray(body) ? body : body.colormaps;
}
