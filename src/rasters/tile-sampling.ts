/**
 * The geometric half of tile rendering: where each tile pixel falls in the raster, which
 * window (and at which reduced size) to read, and sampling values there.
 *
 * Reprojection uses a control grid, as GDAL's approximate transformer does (gdalwarp
 * "-et"): the exact transform (proj4) runs only at 17 × 17 grid nodes, and pixel coordinates
 * between nodes are interpolated bilinearly. Over a 256 px tile a 16-cell grid keeps the error
 * well below a pixel for the projections used by remote sensing (UTM, polar stereographic…).
 */
import { applyGeoTransform, invertGeoTransform } from './geo-transform.js';
import { lonLatToRasterCrs } from './pixel-geometry.js';
import type { PixelWindow, RasterInfo } from './types.js';
import { mercatorToLonLat, TILE_SIZE_PX, tileBoundsMercator } from './web-mercator.js';
import type { TileId } from './web-mercator.js';

/** Nodes per side of the control grid. */
export const CONTROL_GRID_NODES = 17;

const CELLS = CONTROL_GRID_NODES - 1;
/** Tile pixels between two grid nodes: nodes sit on pixel centres 0.5, 16.4375, …, 255.5. */
const NODE_SPACING_PX = (TILE_SIZE_PX - 1) / CELLS;

/**
 * Raster pixel coordinates (col, row; full resolution, continuous) of the control-grid nodes
 * of a tile: `coords[2·(j·17 + i)]` = col and `+1` = row of node (i, j). NaN where the node has
 * no image in the raster's CRS.
 */
export interface ControlGrid {
  coords: Float64Array;
}

/** Builds the control grid of a tile over a raster: proj4 at the 289 nodes only. */
export function buildControlGrid(info: RasterInfo, tile: TileId): ControlGrid {
  const [west, , east, north] = tileBoundsMercator(tile);
  const pixelSizeM = (east - west) / TILE_SIZE_PX;
  const toRasterCrs = lonLatToRasterCrs(info);
  const toPixel = invertGeoTransform(info.geoTransform);
  const coords = new Float64Array(CONTROL_GRID_NODES * CONTROL_GRID_NODES * 2);

  for (let j = 0; j < CONTROL_GRID_NODES; j++) {
    const yM = north - (0.5 + j * NODE_SPACING_PX) * pixelSizeM;
    for (let i = 0; i < CONTROL_GRID_NODES; i++) {
      const xM = west + (0.5 + i * NODE_SPACING_PX) * pixelSizeM;
      const projected = toRasterCrs.tryForward(mercatorToLonLat(xM, yM));
      const [col, row] = projected
        ? applyGeoTransform(toPixel, projected[0], projected[1])
        : [NaN, NaN];
      const k = 2 * (j * CONTROL_GRID_NODES + i);
      coords[k] = col;
      coords[k + 1] = row;
    }
  }
  return { coords };
}

/** Smallest raster-pixels-per-tile-pixel ratio at which a tile is read reduced. */
export const MIN_REDUCTION = 2;

/**
 * Largest side of a read, pixels: a safety cap (4 tiles) for grids whose footprint estimate
 * fails (e.g. a projection discontinuity inside the tile); normal reads stay near 256–512 px.
 */
export const MAX_READ_SIDE_PX = 1024;

/** What to read for a tile: a full-resolution window and the reduced size to read it at. */
export interface ReadPlan {
  window: PixelWindow;
  outWidth: number;
  outHeight: number;
  /** Reduced pixels per full-resolution pixel along x and y (≤ 1). */
  scaleX: number;
  scaleY: number;
}

/**
 * Smallest distance in raster pixels between neighbouring tile pixels: when it exceeds 1 the
 * tile is zoomed out and the raster can be read reduced by that factor without losing detail
 * the tile can show. Measured over grid steps that start on the raster (distortion far from it
 * is irrelevant), or over all steps when none does (a raster smaller than a grid cell).
 */
function rasterPixelsPerTilePixel(coords: Float64Array, info: RasterInfo): number {
  let finestOnRaster = Infinity;
  let finest = Infinity;
  const n = CONTROL_GRID_NODES;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = 2 * (j * n + i);
      const col = coords[k]!;
      const row = coords[k + 1]!;
      const step = Math.min(
        i + 1 < n ? stepLength(coords, k, k + 2) : Infinity,
        j + 1 < n ? stepLength(coords, k, k + 2 * n) : Infinity,
      );
      finest = Math.min(finest, step);
      if (col >= 0 && row >= 0 && col <= info.width && row <= info.height) {
        finestOnRaster = Math.min(finestOnRaster, step);
      }
    }
  }
  const chosen = finestOnRaster < Infinity ? finestOnRaster : finest;
  return chosen / NODE_SPACING_PX;
}

function stepLength(coords: Float64Array, a: number, b: number): number {
  const length = Math.hypot(coords[b]! - coords[a]!, coords[b + 1]! - coords[a + 1]!);
  return Number.isFinite(length) ? length : Infinity;
}

/**
 * The window covering every grid node (+ a margin of one reduced pixel), clipped to the
 * raster, and the reduced read size that matches the tile's footprint: a tile zoomed out by a
 * factor f ≥ 2 reads about 256 px across (window / f, so the reader can use an overview)
 * instead of the full-resolution window. Null when no node falls near the raster.
 */
export function planRead(grid: ControlGrid, info: RasterInfo): ReadPlan | null {
  const { coords } = grid;
  let minCol = Infinity;
  let maxCol = -Infinity;
  let minRow = Infinity;
  let maxRow = -Infinity;
  for (let k = 0; k < coords.length; k += 2) {
    const col = coords[k]!;
    const row = coords[k + 1]!;
    if (!Number.isFinite(col) || !Number.isFinite(row)) continue;
    minCol = Math.min(minCol, col);
    maxCol = Math.max(maxCol, col);
    minRow = Math.min(minRow, row);
    maxRow = Math.max(maxRow, row);
  }
  if (minCol === Infinity) return null;

  // Below a factor of 2 the full-resolution window is at most ~512 px across: read it whole,
  // so that each tile pixel shows exactly the raster pixel under its centre.
  const footprint = rasterPixelsPerTilePixel(coords, info);
  const clippedWidth = Math.min(info.width, maxCol) - Math.max(0, minCol);
  const clippedHeight = Math.min(info.height, maxRow) - Math.max(0, minRow);
  const sizeCap = Math.max(clippedWidth, clippedHeight) / MAX_READ_SIDE_PX;
  const reduction = Math.max(footprint >= MIN_REDUCTION ? footprint : 1, sizeCap, 1);

  const marginPx = Math.ceil(reduction);
  const x0 = Math.max(0, Math.floor(minCol) - marginPx);
  const y0 = Math.max(0, Math.floor(minRow) - marginPx);
  const x1 = Math.min(info.width, Math.ceil(maxCol) + marginPx);
  const y1 = Math.min(info.height, Math.ceil(maxRow) + marginPx);
  if (x1 <= x0 || y1 <= y0) return null;

  const window = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  const outWidth = Math.max(1, Math.ceil(window.width / reduction));
  const outHeight = Math.max(1, Math.ceil(window.height / reduction));
  return {
    window,
    outWidth,
    outHeight,
    scaleX: outWidth / window.width,
    scaleY: outHeight / window.height,
  };
}

/** Resampling of the read image at each tile pixel. */
export type Resampling = 'nearest' | 'bilinear';

/** Per tile column (or row): the grid cell and the fraction across it. */
function cellPositions(): { cell: Int32Array; fraction: Float64Array } {
  const cell = new Int32Array(TILE_SIZE_PX);
  const fraction = new Float64Array(TILE_SIZE_PX);
  for (let p = 0; p < TILE_SIZE_PX; p++) {
    const g = p / NODE_SPACING_PX;
    const c = Math.min(CELLS - 1, Math.floor(g));
    cell[p] = c;
    fraction[p] = g - c;
  }
  return { cell, fraction };
}

const CELL_POSITIONS = cellPositions();

/**
 * Samples the read image at every tile pixel: returns 256 × 256 raw values, row-major from the
 * top-left, NaN where the pixel is outside the raster, noData, or its grid cell has a node
 * with no image. Bilinear falls back to nearest where a neighbour is NaN or outside.
 */
export function sampleTile(
  grid: ControlGrid,
  plan: ReadPlan,
  data: Float32Array,
  resampling: Resampling,
): Float32Array {
  const { coords } = grid;
  const { cell, fraction } = CELL_POSITIONS;
  const { window, scaleX, scaleY, outWidth, outHeight } = plan;
  const out = new Float32Array(TILE_SIZE_PX * TILE_SIZE_PX);
  // Per grid cell of the current grid row: the top and bottom edges' start and step, for col
  // and row (8 values), so that each pixel interpolates along x then y, as before per node.
  const edges = new Float64Array(CELLS * 8);
  const bilinear = resampling === 'bilinear';

  for (let py = 0; py < TILE_SIZE_PX; py++) {
    const cj = cell[py]!;
    const ty = fraction[py]!;
    if (py === 0 || cj !== cell[py - 1]) fillCellEdges(coords, cj, edges);
    const rowBase = py * TILE_SIZE_PX;
    for (let px = 0; px < TILE_SIZE_PX; px++) {
      const e = cell[px]! * 8;
      const tx = fraction[px]!;
      const colTop = edges[e]! + edges[e + 1]! * tx;
      const colBottom = edges[e + 2]! + edges[e + 3]! * tx;
      const rowTop = edges[e + 4]! + edges[e + 5]! * tx;
      const rowBottom = edges[e + 6]! + edges[e + 7]! * tx;
      const u = (colTop + (colBottom - colTop) * ty - window.x) * scaleX;
      const v = (rowTop + (rowBottom - rowTop) * ty - window.y) * scaleY;
      if (bilinear) {
        out[rowBase + px] = sampleBilinear(data, plan, u, v);
      } else {
        // sampleNearest, inlined: NaN outside the read image (NaN u/v included).
        out[rowBase + px] =
          u >= 0 && v >= 0 && u < outWidth && v < outHeight
            ? data[Math.floor(v) * outWidth + Math.floor(u)]!
            : NaN;
      }
    }
  }
  return out;
}

/**
 * For every cell of grid row `cj`: [col at node (i, j), col step to node (i+1, j), col at node
 * (i, j+1), col step to node (i+1, j+1)], then the same four for row.
 */
function fillCellEdges(coords: Float64Array, cj: number, edges: Float64Array): void {
  const n = CONTROL_GRID_NODES;
  for (let ci = 0; ci < CELLS; ci++) {
    const k00 = 2 * (cj * n + ci);
    const k10 = k00 + 2;
    const k01 = k00 + 2 * n;
    const k11 = k01 + 2;
    const e = ci * 8;
    edges[e] = coords[k00]!;
    edges[e + 1] = coords[k10]! - coords[k00]!;
    edges[e + 2] = coords[k01]!;
    edges[e + 3] = coords[k11]! - coords[k01]!;
    edges[e + 4] = coords[k00 + 1]!;
    edges[e + 5] = coords[k10 + 1]! - coords[k00 + 1]!;
    edges[e + 6] = coords[k01 + 1]!;
    edges[e + 7] = coords[k11 + 1]! - coords[k01 + 1]!;
  }
}

/** Value of the read pixel containing (u, v), NaN outside the read image (NaN u/v included). */
function sampleNearest(data: Float32Array, plan: ReadPlan, u: number, v: number): number {
  if (!(u >= 0 && v >= 0 && u < plan.outWidth && v < plan.outHeight)) return NaN;
  return data[Math.floor(v) * plan.outWidth + Math.floor(u)]!;
}

/** Bilinear between the four read-pixel centres around (u, v); nearest when one is missing. */
function sampleBilinear(data: Float32Array, plan: ReadPlan, u: number, v: number): number {
  const { outWidth, outHeight } = plan;
  if (!Number.isFinite(u) || !Number.isFinite(v)) return NaN;
  const fu = u - 0.5;
  const fv = v - 0.5;
  const c0 = Math.floor(fu);
  const r0 = Math.floor(fv);
  if (c0 < 0 || r0 < 0 || c0 + 1 >= outWidth || r0 + 1 >= outHeight) {
    return sampleNearest(data, plan, u, v);
  }
  const i00 = r0 * outWidth + c0;
  const v00 = data[i00]!;
  const v10 = data[i00 + 1]!;
  const v01 = data[i00 + outWidth]!;
  const v11 = data[i00 + outWidth + 1]!;
  if (Number.isNaN(v00) || Number.isNaN(v10) || Number.isNaN(v01) || Number.isNaN(v11)) {
    return sampleNearest(data, plan, u, v);
  }
  const tx = fu - c0;
  const ty = fv - r0;
  const top = v00 + (v10 - v00) * tx;
  const bottom = v01 + (v11 - v01) * tx;
  return top + (bottom - top) * ty;
}
