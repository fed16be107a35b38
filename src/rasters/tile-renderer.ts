/**
 * Web-map tiles of a raster band: 256 × 256 PNG in the WebMercatorQuad grid, and TileJSON.
 *
 * Pipeline (as rio-tiler's tile → part → window read): fast "outside" check → control grid
 * (proj4 at 17 × 17 nodes) → one window read, reduced to the tile's footprint so that
 * overviews serve zoomed-out tiles → nearest/bilinear sampling → scale/offset → rescale →
 * colormap → PNG (sharp). noData and outside-scene pixels are transparent.
 */
import sharp from 'sharp';

import { InvalidParameterError } from '../errors.js';
import { COLORMAP_SIZE, getColormap, validateCategoricalColormap } from './colormaps.js';
import type { CategoricalColormap, RgbColor } from './colormaps.js';
import { rasterBoundsMercator } from './pixel-geometry.js';
import { buildControlGrid, planRead, sampleTile } from './tile-sampling.js';
import type { Resampling } from './tile-sampling.js';
import type { Bounds, RasterReader } from './types.js';
import { assertValidTile, MAX_ZOOM, TILE_SIZE_PX, tileBoundsMercator } from './web-mercator.js';
import type { TileId } from './web-mercator.js';

export type { Resampling } from './tile-sampling.js';

/** The band to draw. */
export interface TileLayer {
  reader: RasterReader;
  /** 0-based band index in the reader. */
  bandIndex: number;
  /**
   * physical = raw·scale + offset, applied before rescaling (e.g. a sensor's DN → kelvin).
   * Defaults 1 and 0: the file's own GDAL scale/offset is NOT applied, as in TiTiler.
   */
  scale?: number;
  offset?: number;
}

/** A continuous style: physical values in `rescale` [low, high] map onto the colormap 0..255. */
export interface ContinuousTileStyle {
  /** A name from listColormaps(), case-insensitive. */
  colormap: string;
  /** Values ≤ low get the first colour, ≥ high the last; low > high reverses the map. */
  rescale: readonly [number, number];
  resampling?: Resampling;
}

/** A categorical style for class rasters: physical value (rounded) → colour; others transparent. */
export interface CategoricalTileStyle {
  categories: CategoricalColormap;
  /** Classes are never interpolated. */
  resampling?: 'nearest';
}

/** How a band is drawn. */
export type TileStyle = ContinuousTileStyle | CategoricalTileStyle;

/** Options of renderTile. */
export interface RenderTileOptions {
  signal?: AbortSignal;
}

/**
 * Paints raw values into RGBA pixels (one packed 32-bit word per pixel, alpha 0 for NaN and
 * unlisted classes) and returns how many pixels it made opaque.
 */
type Painter = (values: Float32Array, scale: number, offset: number, pixels: Uint32Array) => number;

/** Packs an RGBA colour into the host's 32-bit pixel word (a Uint32Array over RGBA bytes). */
function packRgba(r: number, g: number, b: number, a: number): number {
  const word = new Uint32Array(1);
  const bytes = new Uint8Array(word.buffer);
  bytes[0] = r;
  bytes[1] = g;
  bytes[2] = b;
  bytes[3] = a;
  return word[0]!;
}

/** The colormap as packed opaque RGBA words, COLORMAP_SIZE entries. */
function packedColormap(name: string): Uint32Array {
  const lut = getColormap(name);
  const packed = new Uint32Array(COLORMAP_SIZE);
  for (let i = 0; i < COLORMAP_SIZE; i++) {
    packed[i] = packRgba(lut[i * 3]!, lut[i * 3 + 1]!, lut[i * 3 + 2]!, 255);
  }
  return packed;
}

function continuousPainter(style: ContinuousTileStyle): Painter {
  const colors = packedColormap(style.colormap);
  const [low, high] = style.rescale;
  if (!Number.isFinite(low) || !Number.isFinite(high) || low === high) {
    throw new InvalidParameterError(
      `rescale [${low}, ${high}] must be two different finite numbers`,
      { rescale: style.rescale },
    );
  }
  const last = COLORMAP_SIZE - 1;
  const factor = last / (high - low);
  return (values, scale, offset, pixels) => {
    let opaque = 0;
    for (let i = 0; i < values.length; i++) {
      const raw = values[i]!;
      if (raw !== raw) continue; // NaN: transparent
      const position = (raw * scale + offset - low) * factor;
      // Equal to Math.round inside [0, last]; the clamps take ±Infinity too.
      const index = position <= 0 ? 0 : position >= last ? last : Math.floor(position + 0.5);
      pixels[i] = colors[index]!;
      opaque++;
    }
    return opaque;
  };
}

function categoricalPainter(style: CategoricalTileStyle): Painter {
  validateCategoricalColormap(style.categories);
  const colors = new Map<number, number>(
    Object.entries(style.categories).map(([classId, color]: [string, RgbColor]) => [
      Number(classId),
      packRgba(color[0], color[1], color[2], 255),
    ]),
  );
  return (values, scale, offset, pixels) => {
    let opaque = 0;
    for (let i = 0; i < values.length; i++) {
      const raw = values[i]!;
      if (raw !== raw) continue;
      const color = colors.get(Math.round(raw * scale + offset));
      if (color === undefined) continue;
      pixels[i] = color;
      opaque++;
    }
    return opaque;
  };
}

function painterFor(style: TileStyle): { paint: Painter; resampling: Resampling } {
  if ('categories' in style) return { paint: categoricalPainter(style), resampling: 'nearest' };
  const resampling = style.resampling ?? 'nearest';
  if (resampling !== 'nearest' && resampling !== 'bilinear') {
    throw new InvalidParameterError(
      `resampling '${String(resampling)}' is not one of: nearest, bilinear`,
      { resampling },
    );
  }
  return { paint: continuousPainter(style), resampling };
}

function checkLayer(layer: TileLayer): { scale: number; offset: number } {
  const { bandIndex, reader } = layer;
  const bandCount = reader.info.bandCount;
  if (!Number.isInteger(bandIndex) || bandIndex < 0 || bandIndex >= bandCount) {
    throw new InvalidParameterError(
      `band index ${bandIndex} is outside 0..${bandCount - 1} of ${reader.path}`,
      { bandIndex, bandCount, path: reader.path },
    );
  }
  const scale = layer.scale ?? 1;
  const offset = layer.offset ?? 0;
  if (!Number.isFinite(scale) || !Number.isFinite(offset)) {
    throw new InvalidParameterError(`scale ${scale} / offset ${offset} must be finite numbers`, {
      scale,
      offset,
    });
  }
  return { scale, offset };
}

let transparentPng: Promise<Buffer> | null = null;

/** A fully transparent 256 × 256 PNG, encoded once per process and shared. */
export function transparentTilePng(): Promise<Buffer> {
  transparentPng ??= encodeRgba(new Uint8Array(TILE_SIZE_PX * TILE_SIZE_PX * 4));
  return transparentPng;
}

/**
 * zlib level of tile PNGs. Measured on 256² inferno tiles of a noisy float32 field: level 3
 * encodes in ~2 ms at ~60 KB, level 6 in ~7.5 ms at ~52 KB; adaptive filtering doubles the
 * time and makes these tiles larger.
 */
export const TILE_PNG_COMPRESSION_LEVEL = 3;

function encodeRgba(rgba: Uint8Array): Promise<Buffer> {
  const raw = { width: TILE_SIZE_PX, height: TILE_SIZE_PX, channels: 4 as const };
  return sharp(rgba, { raw })
    .png({ compressionLevel: TILE_PNG_COMPRESSION_LEVEL, adaptiveFiltering: false })
    .toBuffer();
}

/**
 * True when a tile certainly does not intersect the raster's bounds (compared in EPSG:3857,
 * bounds cached per raster), so it can be answered with transparentTilePng() without reading.
 * False when they intersect, or when the raster's bounds cannot be computed.
 */
export function isTileOutside(reader: Pick<RasterReader, 'info'>, tile: TileId): boolean {
  const raster = rasterBoundsMercator(reader.info);
  if (raster === null) return false;
  const [west, south, east, north] = tileBoundsMercator(tile);
  return east <= raster[0] || west >= raster[2] || north <= raster[1] || south >= raster[3];
}

/**
 * Renders one tile of a band as a 256 × 256 RGBA PNG. Reads at most one window, reduced to
 * about the tile's footprint; tiles off the raster are answered from the shared transparent
 * PNG without reading.
 * @throws InvalidParameterError for a bad tile, band index, colormap, rescale or resampling.
 * @throws CancelledError (from the reader) when `options.signal` fires.
 */
export async function renderTile(
  layer: TileLayer,
  tile: TileId,
  style: TileStyle,
  options: RenderTileOptions = {},
): Promise<Buffer> {
  assertValidTile(tile);
  const { scale, offset } = checkLayer(layer);
  const { paint, resampling } = painterFor(style);
  const { reader, bandIndex } = layer;
  if (isTileOutside(reader, tile)) return transparentTilePng();

  const grid = buildControlGrid(reader.info, tile);
  const plan = planRead(grid, reader.info);
  if (plan === null) return transparentTilePng();

  const data = await reader.readWindow(plan.window, {
    bandIndex,
    outWidth: plan.outWidth,
    outHeight: plan.outHeight,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const values = sampleTile(grid, plan, data, resampling);

  const pixels = new Uint32Array(values.length);
  const opaque = paint(values, scale, offset, pixels);
  return opaque === 0
    ? transparentTilePng()
    : encodeRgba(new Uint8Array(pixels.buffer, 0, pixels.byteLength));
}

/** A TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  tiles: string[];
  scheme: 'xyz';
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  /** [longitude, latitude, zoom]: the bounds' centre at minzoom. */
  center: [number, number, number];
  attribution?: string;
  description?: string;
}

/**
 * TileJSON 3.0.0 of a raster layer. `tilesUrl` is a template with {z}/{x}/{y}; bounds are
 * WGS 84 degrees [west, south, east, north].
 * @throws InvalidParameterError for zooms outside 0..30 or minzoom > maxzoom, or bad bounds.
 */
export function tileJson(params: {
  tilesUrl: string;
  boundsWgs84: Bounds;
  minzoom: number;
  maxzoom: number;
  name: string;
  attribution?: string;
  description?: string;
}): TileJson {
  const { tilesUrl, boundsWgs84, minzoom, maxzoom, name } = params;
  const zoomOk = (z: number): boolean => Number.isInteger(z) && z >= 0 && z <= MAX_ZOOM;
  if (!zoomOk(minzoom) || !zoomOk(maxzoom) || minzoom > maxzoom) {
    throw new InvalidParameterError(
      `zoom range ${minzoom}..${maxzoom} is not integers with 0 ≤ minzoom ≤ maxzoom ≤ ${MAX_ZOOM}`,
      { minzoom, maxzoom },
    );
  }
  const [west, south, east, north] = boundsWgs84;
  if (![west, south, east, north].every(Number.isFinite) || south > north) {
    throw new InvalidParameterError(
      `bounds [${boundsWgs84.join(', ')}] are not [west, south, east, north] in degrees`,
      { bounds: boundsWgs84 },
    );
  }
  const centerLon =
    west <= east ? (west + east) / 2 : (((west + east + 360) / 2 + 180) % 360) - 180;
  const doc: TileJson = {
    tilejson: '3.0.0',
    name,
    tiles: [tilesUrl],
    scheme: 'xyz',
    minzoom,
    maxzoom,
    bounds: [west, south, east, north],
    center: [centerLon, (south + north) / 2, fitZoom(west, south, east, north, minzoom, maxzoom)],
  };
  if (params.attribution !== undefined) doc.attribution = params.attribution;
  if (params.description !== undefined) doc.description = params.description;
  return doc;
}

/** Web Mercator y of a latitude as a fraction of the world's height (0 at the north edge). */
function mercatorFractionY(latDeg: number): number {
  const clamped = Math.max(-85.0511, Math.min(85.0511, latDeg));
  const phi = (clamped * Math.PI) / 180;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
}

/**
 * The zoom at which the bounds span one to two 256-px tiles (so a map opened at the TileJSON's
 * `center` shows the whole layer), clamped to the layer's zoom range.
 */
function fitZoom(
  west: number,
  south: number,
  east: number,
  north: number,
  minzoom: number,
  maxzoom: number,
): number {
  const lonSpan = west <= east ? east - west : east + 360 - west;
  const fraction = Math.max(
    lonSpan / 360,
    Math.abs(mercatorFractionY(south) - mercatorFractionY(north)),
  );
  const zoom = fraction > 0 ? Math.floor(Math.log2(1 / fraction)) + 1 : maxzoom;
  return Math.min(maxzoom, Math.max(minzoom, zoom));
}
