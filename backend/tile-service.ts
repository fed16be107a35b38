/**
 * Tiles, TileJSON and point values of a {@link Layer}: query parsing in TiTiler's vocabulary
 * (`colormap_name`, `colormap`, `rescale`, `resampling`), the byte-bounded cache
 * of encoded tiles, and ETags.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidParameterError } from '../src/errors.js';
import {
  listCategoricalColormaps,
  namedCategoricalColormap,
  parseInlineColormap,
} from '../src/rasters/categorical-colormaps.js';
import type { CategoricalColormap } from '../src/rasters/colormaps.js';
import { COLORMAP_NAMES } from '../src/rasters/colormaps.js';
import { pointValue } from '../src/rasters/point.js';
import { renderTile, tileJson } from '../src/rasters/tile-renderer.js';
import type { Resampling, TileJson, TileStyle } from '../src/rasters/tile-renderer.js';
import { lonLatToPixel } from '../src/rasters/pixel-geometry.js';
import type { GeoTransform, RasterInfo } from '../src/rasters/types.js';
import { TILE_SIZE_PX } from '../src/rasters/web-mercator.js';
import type { AppContext } from './context.js';
import type { Layer } from './layers.js';

/** Colormap used when a tile request names none. */
export const DEFAULT_COLORMAP = 'inferno';

/** A tile request's style, as parsed from its query. */
export interface TileQuery {
  /** Continuous or named categorical colormap (`colormap_name`). */
  colormap: string;
  /** Inline categorical colormap as given (`colormap`, JSON), or null. */
  colormapJson: string | null;
  /** Classes → colours when the style is categorical (named or inline), else null. */
  categories: CategoricalColormap | null;
  /** [min, max] in physical units; null → the layer's default (p2, p98). */
  rescale: readonly [number, number] | null;
  resampling: Resampling;
}

/** An encoded tile and its entity tag. */
export interface EncodedTile {
  png: Buffer;
  etag: string;
}

/** Query of tile and TileJSON requests (TiTiler's names). */
export const tileQuerySchema = z.object({
  colormap_name: z.string().min(1).max(64).optional(),
  colormap: z.string().min(2).max(8192).optional(),
  rescale: z.string().max(100).optional(),
  resampling: z.enum(['nearest', 'bilinear']).optional(),
});

const tileIdSchema = z.object({
  z: z.coerce.number().int().min(0).max(30),
  x: z.coerce.number().int().min(0),
  y: z.coerce.number().int().min(0),
});

/** Query of point requests: WGS 84 degrees. */
export const pointQuerySchema = z.object({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

/**
 * Parses `colormap_name`, `colormap` (inline categorical JSON, which wins over the name),
 * `rescale=min,max` and `resampling`; unknown keys are ignored. An unknown colormap name is
 * refused here, before any read.
 */
export function parseTileQuery(query: unknown): TileQuery {
  const parsed = tileQuerySchema.parse(query);
  const colormap = parsed.colormap_name ?? DEFAULT_COLORMAP;
  const categories: CategoricalColormap | null =
    parsed.colormap === undefined
      ? namedCategoricalColormap(colormap)
      : parseInlineColormap(parsed.colormap);
  if (categories === null && !isContinuousColormap(colormap)) {
    const names = [...COLORMAP_NAMES, ...listCategoricalColormaps().map((map) => map.name)];
    throw new InvalidParameterError(
      `unknown colormap '${colormap}'; valid names: ${names.join(', ')}`,
      { colormap, valid: names },
    );
  }

  return {
    colormap,
    colormapJson: parsed.colormap ?? null,
    categories,
    rescale: parsed.rescale === undefined ? null : parseRescale(parsed.rescale),
    resampling: parsed.resampling ?? 'nearest',
  };
}

function isContinuousColormap(name: string): boolean {
  const wanted = name.toLowerCase();
  return COLORMAP_NAMES.some((known) => known.toLowerCase() === wanted);
}

/** Parses `z`, `x`, `y` route parameters (range checks against z happen in the renderer). */
export function parseTileId(params: unknown): { z: number; x: number; y: number } {
  return tileIdSchema.parse(params);
}

/** Parses `lon` and `lat` (WGS 84 degrees). */
export function parsePoint(query: unknown): { lon: number; lat: number } {
  return pointQuerySchema.parse(query);
}

function parseRescale(text: string): readonly [number, number] {
  const parts = text.split(',').map((part) => Number(part.trim()));
  const [min, max] = parts;
  if (parts.length !== 2 || min === undefined || max === undefined) {
    throw new InvalidParameterError(`rescale '${text}' must be two numbers 'min,max'`, {
      rescale: text,
    });
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || min === max) {
    throw new InvalidParameterError(`rescale '${text}' must be two different finite numbers`, {
      rescale: text,
    });
  }
  return [min, max];
}

/**
 * The part of a tile's cache key that is its style: every parameter that changes the pixels
 * (colormap name or classes, the resolved rescale, resampling). The layer's own key names the
 * product, band (also when asked by bidx) or canonical expression.
 */
export function styleKey(query: TileQuery, rescale: readonly [number, number]): string {
  const colors =
    query.categories === null
      ? query.colormap.toLowerCase()
      : `classes${JSON.stringify(Object.entries(query.categories))}`;
  return `${colors}|${rescale.join(',')}|${query.resampling}`;
}

/** Renders (or takes from the cache) one tile of a layer. */
export async function layerTile(
  context: AppContext,
  layer: Layer,
  tile: { z: number; x: number; y: number },
  query: TileQuery,
): Promise<EncodedTile> {
  const rescale = query.rescale ?? (await layer.defaultRescale(context.readers)) ?? [0, 1];
  const key = `${layer.cacheKey}${tile.z}/${tile.x}/${tile.y}|${styleKey(query, rescale)}`;
  const cached = context.tileCache.get(key);
  if (cached !== undefined) return { png: cached, etag: etagOf(cached) };

  const style: TileStyle =
    query.categories === null
      ? { colormap: query.colormap, rescale, resampling: query.resampling }
      : { categories: query.categories };
  const png = await layer.withSource(context.readers, (source) => {
    const { reader, bandIndex, rule } = source;
    return renderTile({ reader, bandIndex, scale: rule.scale, offset: rule.offset }, tile, style);
  });
  context.tileCache.set(key, png);
  return { png, etag: etagOf(png) };
}

/** Why a point has no value: it lies off the raster's pixel grid, or on a noData/fill pixel. */
export type NoValueReason = 'outside' | 'nodata';

/** A point query's answer: the physical value in `unit`, or null with its reason. */
export type PointAnswer =
  | { value: number; unit: string | null }
  | { value: null; reason: NoValueReason; unit: string | null };

/**
 * Physical value of a layer at a lon/lat. A point whose pixel is off the raster's grid (or
 * that has no image in the raster's CRS) is `outside`; a pixel inside the grid that is noData,
 * the sensor's fill value, NaN (or an expression without a value, e.g. a division by zero) is
 * `nodata`.
 */
export async function layerPoint(
  context: AppContext,
  layer: Layer,
  point: { lon: number; lat: number },
): Promise<PointAnswer> {
  return layer.withSource(context.readers, async ({ reader, bandIndex, rule }) => {
    const unit = rule.unit;
    if (!insideGrid(reader.info, point)) return { value: null, reason: 'outside', unit };

    const raw = await pointValue(reader, bandIndex, point.lon, point.lat);
    if (raw === null || !Number.isFinite(raw)) return { value: null, reason: 'nodata', unit };
    return { value: raw * rule.scale + rule.offset, unit };
  });
}

/** True when the lon/lat falls in a pixel of the raster (the same test pointValue makes). */
function insideGrid(info: RasterInfo, point: { lon: number; lat: number }): boolean {
  const pixel = lonLatToPixel(info, point.lon, point.lat);
  if (pixel === null) return false;
  const [col, row] = pixel;
  return col >= 0 && row >= 0 && col < info.width && row < info.height;
}

/**
 * TileJSON 3.0.0 of a layer, plus `tileSize` (MapLibre reads it from TileJSON; its default of
 * 512 would make the 256 px tiles served here look blurred: reported fault B09).
 */
export type LayerTileJson = TileJson & { tileSize: number };

/**
 * TileJSON of a layer; the tile URL carries the layer's own query (an expression) and the
 * style query of the TileJSON request. A band asked for by `bidx` points to its named-band
 * tiles (the same pixels).
 */
export async function layerTileJson(
  context: AppContext,
  layer: Layer,
  baseUrl: string,
  query: TileQuery,
): Promise<LayerTileJson> {
  const tilesPath = `${layer.routeBase}/tiles/{z}/{x}/{y}.png`;
  const maxzoom = await layer.withSource(context.readers, ({ reader }) =>
    Promise.resolve(nativeZoom(reader.info.geoTransform, reader.info.crs.proj4, layer.bounds)),
  );
  const search = new URLSearchParams({
    ...layer.routeQuery,
    colormap_name: query.colormap,
    resampling: query.resampling,
  });
  if (query.colormapJson !== null) search.set('colormap', query.colormapJson);
  if (query.rescale !== null) search.set('rescale', query.rescale.join(','));
  const document = tileJson({
    tilesUrl: `${baseUrl}${tilesPath}?${search.toString()}`,
    boundsWgs84: layer.bounds,
    minzoom: Math.max(0, maxzoom - 10),
    maxzoom,
    name: layer.name,
  });
  return { ...document, tileSize: TILE_SIZE_PX };
}

/** Web-mercator zoom whose pixel is just finer than the raster's (0..24). */
function nativeZoom(geoTransform: GeoTransform, proj4: string, bounds: readonly number[]): number {
  const latDeg = ((bounds[1] ?? 0) + (bounds[3] ?? 0)) / 2;
  const pixelSize = Math.hypot(geoTransform[1], geoTransform[4]);
  const metresPerUnit = proj4.includes('+proj=longlat') ? 111_320 : 1;
  const resolutionM = pixelSize * metresPerUnit;
  const equatorM = 156_543.033_928 * Math.cos((latDeg * Math.PI) / 180);
  const zoom = Math.ceil(Math.log2(equatorM / resolutionM));
  return Number.isFinite(zoom) ? Math.min(24, Math.max(0, zoom)) : 18;
}

const etags = new WeakMap<Buffer, string>();

/** A strong ETag of the PNG bytes (computed once per cached buffer). */
function etagOf(png: Buffer): string {
  let etag = etags.get(png);
  if (etag === undefined) {
    etag = `"${createHash('sha1').update(png).digest('base64url').slice(0, 22)}"`;
    etags.set(png, etag);
  }
  return etag;
}

/**
 * True when an If-None-Match header matches `etag` (RFC 9110 §13.1.2: `*`, or a comma-separated
 * list of tags compared weakly, so `W/"x"` matches `"x"`).
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
