/**
 * The fixed tile set of the benchmark: every tile at zoom 8 over the raster, and a
 * deterministic sample (seeded linear congruential generator) of the tiles at zooms 10 and 12
 * whose centre lies inside the raster's central 80 %, so that both peers draw the same tiles.
 */
import { rasterBoundsMercator } from '../src/rasters/pixel-geometry.js';
import type { RasterInfo } from '../src/rasters/types.js';
import {
  mercatorToLonLat,
  tileBoundsMercator,
  tilesCoveringBounds,
} from '../src/rasters/web-mercator.js';
import type { TileId } from '../src/rasters/web-mercator.js';

/** Zooms of the benchmark table. */
export const BENCH_ZOOMS = [8, 10, 12] as const;

/** Tiles sampled per zoom (zoom 8 takes all of its few tiles). */
export const TILES_PER_ZOOM = 40;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function centralTiles(info: RasterInfo, z: number, margin: number): TileId[] {
  const bounds = rasterBoundsMercator(info);
  if (bounds === null) throw new Error('raster bounds cannot be projected to EPSG:3857');
  const [west, south, east, north] = bounds;
  const insetX = (east - west) * margin;
  const insetY = (north - south) * margin;
  const [lonWest, latSouth] = mercatorToLonLat(west, south);
  const [lonEast, latNorth] = mercatorToLonLat(east, north);
  return tilesCoveringBounds([lonWest, latSouth, lonEast, latNorth], z).filter((tile) => {
    const [tw, ts, te, tn] = tileBoundsMercator(tile);
    const cx = (tw + te) / 2;
    const cy = (ts + tn) / 2;
    return cx > west + insetX && cx < east - insetX && cy > south + insetY && cy < north - insetY;
  });
}

/** The benchmark's tiles per zoom, the same on every run for the same raster extent. */
export function benchTiles(info: RasterInfo): Map<number, TileId[]> {
  const random = seededRandom(20_260_101);
  const set = new Map<number, TileId[]>();
  for (const z of BENCH_ZOOMS) {
    const candidates = centralTiles(info, z, z === 8 ? 0 : 0.1);
    const chosen: TileId[] = [];
    const pool = [...candidates];
    while (chosen.length < TILES_PER_ZOOM && pool.length > 0) {
      const [tile] = pool.splice(Math.floor(random() * pool.length), 1);
      if (tile !== undefined) chosen.push(tile);
    }
    set.set(z, chosen);
  }
  return set;
}

/** Tiles at zoom 11 used to warm up the JIT before timing (not part of the table). */
export function warmUpTiles(info: RasterInfo, count: number): TileId[] {
  return centralTiles(info, 11, 0.2).slice(0, count);
}
