/**
 * WebMercatorQuad tile-grid math for 256 px tiles.
 *
 * Definition: OGC Two Dimensional Tile Matrix Set standard (OGC 17-083r2, 2019), Annex D.1
 * "WebMercatorQuad": CRS EPSG:3857 (spherical Mercator on a sphere of radius 6,378,137 m),
 * top-left corner of every matrix at (−20,037,508.3427892 m, 20,037,508.3427892 m), 256 × 256 px
 * tiles, 2^z × 2^z tiles at zoom z, scale denominator 559,082,264.029 (cell size
 * 156,543.0339280410 m) at zoom 0, halving with each zoom; latitudes within ±85.0511287798°.
 */
import { InvalidParameterError, LimitExceededError } from '../errors.js';
import type { Bounds } from './types.js';

/** A web-map tile in the WebMercatorQuad grid: x grows east, y grows south, both from 0. */
export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** Tile size of the grid, pixels. */
export const TILE_SIZE_PX = 256;

/** Sphere radius of EPSG:3857, metres (OGC 17-083r2 Annex D.1). */
export const EARTH_RADIUS_M = 6_378_137;

/** Half the width of the square EPSG:3857 world, metres (π·R). */
export const MERCATOR_HALF_WORLD_M = Math.PI * EARTH_RADIUS_M;

/** Latitude where the square world ends, degrees (2·atan(e^π) − π/2). */
export const MAX_LATITUDE_DEG = 85.0511287798066;

/** Deepest zoom accepted; beyond it tile indices exceed 2^30 and float precision degrades. */
export const MAX_ZOOM = 30;

/** Ground size of one pixel at zoom 0 on the equator, metres (2πR / 256 = 156,543.03 m). */
export const ZOOM0_PIXEL_SIZE_M = (2 * MERCATOR_HALF_WORLD_M) / TILE_SIZE_PX;

const DEG = Math.PI / 180;

/** Throws unless `tile` is a valid tile of the grid (integer z in 0..30, x and y in 0..2^z − 1). */
export function assertValidTile(tile: TileId): void {
  const { z, x, y } = tile;
  if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM) {
    throw new InvalidParameterError(`tile zoom ${z} is not an integer in 0..${MAX_ZOOM}`, {
      tile,
    });
  }
  const count = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= count || y >= count) {
    throw new InvalidParameterError(
      `tile ${z}/${x}/${y} is outside the grid: x and y must be integers in 0..${count - 1}`,
      { tile },
    );
  }
}

/** Tile bounds [west, south, east, north] in EPSG:3857 metres. */
export function tileBoundsMercator(tile: TileId): Bounds {
  assertValidTile(tile);
  const tileSizeM = (2 * MERCATOR_HALF_WORLD_M) / 2 ** tile.z;
  const west = -MERCATOR_HALF_WORLD_M + tile.x * tileSizeM;
  const north = MERCATOR_HALF_WORLD_M - tile.y * tileSizeM;
  return [west, north - tileSizeM, west + tileSizeM, north];
}

/** Tile bounds [west, south, east, north] in degrees of longitude/latitude (WGS 84). */
export function tileBoundsWgs84(tile: TileId): Bounds {
  const [west, south, east, north] = tileBoundsMercator(tile);
  const [lonWest, latSouth] = mercatorToLonLat(west, south);
  const [lonEast, latNorth] = mercatorToLonLat(east, north);
  return [lonWest, latSouth, lonEast, latNorth];
}

/**
 * Longitude/latitude (degrees) → EPSG:3857 [x, y] metres. Latitudes beyond ±85.0511° are clamped
 * to the edge of the square world (the poles themselves have no Mercator y).
 */
export function lonLatToMercator(lonDeg: number, latDeg: number): [number, number] {
  const lat = Math.max(-MAX_LATITUDE_DEG, Math.min(MAX_LATITUDE_DEG, latDeg));
  const x = EARTH_RADIUS_M * lonDeg * DEG;
  const y = EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + (lat * DEG) / 2));
  return [x, y];
}

/** EPSG:3857 [x, y] metres → [longitude, latitude] in degrees. */
export function mercatorToLonLat(xM: number, yM: number): [number, number] {
  const lon = xM / EARTH_RADIUS_M / DEG;
  const lat = (2 * Math.atan(Math.exp(yM / EARTH_RADIUS_M)) - Math.PI / 2) / DEG;
  return [lon, lat];
}

/**
 * Fractional tile coordinates of a lon/lat at zoom z: the integer part is the tile index, the
 * fraction the position inside the tile (0 at the west/north edge).
 */
export function lonLatToTileFraction(lonDeg: number, latDeg: number, z: number): [number, number] {
  const [xM, yM] = lonLatToMercator(lonDeg, latDeg);
  const tileSizeM = (2 * MERCATOR_HALF_WORLD_M) / 2 ** z;
  return [(xM + MERCATOR_HALF_WORLD_M) / tileSizeM, (MERCATOR_HALF_WORLD_M - yM) / tileSizeM];
}

/**
 * Every tile of zoom z that intersects WGS 84 bounds [west, south, east, north] (degrees),
 * row by row from the north-west. Bounds with west > east cross the antimeridian and are split
 * in two. Throws LimitExceededError past `maxTiles` (default 100,000) so that a world-sized
 * request at a deep zoom cannot exhaust memory.
 */
export function tilesCoveringBounds(boundsWgs84: Bounds, z: number, maxTiles = 100_000): TileId[] {
  const [west, south, east, north] = boundsWgs84;
  if (![west, south, east, north].every(Number.isFinite) || south > north) {
    throw new InvalidParameterError(
      `bounds [${boundsWgs84.join(', ')}] are not [west, south, east, north] in degrees`,
      { bounds: boundsWgs84 },
    );
  }
  if (west > east) {
    const eastPart = tilesCoveringBounds([west, south, 180, north], z, maxTiles);
    const westPart = tilesCoveringBounds([-180, south, east, north], z, maxTiles - eastPart.length);
    return [...eastPart, ...westPart];
  }

  assertValidTile({ z, x: 0, y: 0 });
  // Tiles are closed on their west/north edges and open on their east/south edges, so bounds
  // ending exactly on a tile edge do not pull in the next tile.
  const last = 2 ** z - 1;
  const clamp = (i: number): number => Math.max(0, Math.min(last, i));
  const [fxWest, fyNorth] = lonLatToTileFraction(west, north, z);
  const [fxEast, fySouth] = lonLatToTileFraction(east, south, z);
  const xMin = clamp(Math.floor(fxWest));
  const yMin = clamp(Math.floor(fyNorth));
  const xMax = Math.max(xMin, clamp(Math.ceil(fxEast) - 1));
  const yMax = Math.max(yMin, clamp(Math.ceil(fySouth) - 1));
  const count = (xMax - xMin + 1) * (yMax - yMin + 1);
  if (count > maxTiles) {
    throw new LimitExceededError(
      `bounds cover ${count} tiles at zoom ${z}, more than the limit of ${maxTiles}`,
      { count, maxTiles, z },
    );
  }

  const tiles: TileId[] = [];
  for (let y = yMin; y <= yMax; y++) {
    for (let x = xMin; x <= xMax; x++) tiles.push({ z, x, y });
  }
  return tiles;
}

/** Size of one tile pixel at zoom z, EPSG:3857 metres (equal to ground metres on the equator). */
export function pixelSizeAtZoomM(z: number): number {
  return ZOOM0_PIXEL_SIZE_M / 2 ** z;
}

/**
 * The zoom whose tile pixels best match a raster's ground resolution, rounded to the nearest
 * zoom on a log2 scale. Mercator stretches ground distances by 1/cos(latitude), so a 30 m
 * pixel at 35°N spans 36.6 EPSG:3857 metres; pass the raster's central latitude for that.
 */
export function zoomForResolution(resolutionM: number, latitudeDeg = 0): number {
  if (!(resolutionM > 0) || !Number.isFinite(resolutionM)) {
    throw new InvalidParameterError(`resolution ${resolutionM} m is not a positive number`, {
      resolutionM,
    });
  }
  const lat = Math.min(Math.abs(latitudeDeg), MAX_LATITUDE_DEG);
  const mercatorResolutionM = resolutionM / Math.cos(lat * DEG);
  const zoom = Math.round(Math.log2(ZOOM0_PIXEL_SIZE_M / mercatorResolutionM));
  return Math.max(0, Math.min(MAX_ZOOM, zoom));
}

/** A zoom range of a layer, as TileJSON's minzoom/maxzoom. */
export interface ZoomRange {
  minzoom: number;
  maxzoom: number;
}

/**
 * A sensible zoom range for a raster: maxzoom matches its resolution (zoomForResolution);
 * minzoom is the zoom where its larger side spans about one tile (256 px), below which it would
 * shrink to a few pixels. Example: a 627 × 603 px, 30 m raster at 34.8°N gets 10..12.
 */
export function zoomRangeForRaster(params: {
  resolutionM: number;
  widthPx: number;
  heightPx: number;
  latitudeDeg?: number;
}): ZoomRange {
  const { resolutionM, widthPx, heightPx, latitudeDeg = 0 } = params;
  if (!(widthPx >= 1) || !(heightPx >= 1)) {
    throw new InvalidParameterError(`raster size ${widthPx} × ${heightPx} px is not positive`, {
      widthPx,
      heightPx,
    });
  }
  const maxzoom = zoomForResolution(resolutionM, latitudeDeg);
  const lat = Math.min(Math.abs(latitudeDeg), MAX_LATITUDE_DEG);
  const sideM = (Math.max(widthPx, heightPx) * resolutionM) / Math.cos(lat * DEG);
  const sideTilePx = sideM / pixelSizeAtZoomM(maxzoom);
  const zoomsOut = Math.max(0, Math.ceil(Math.log2(sideTilePx / TILE_SIZE_PX)));
  return { minzoom: Math.max(0, maxzoom - zoomsOut), maxzoom };
}
