import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { InvalidParameterError } from '../errors.js';
import { getColormap } from './colormaps.js';
import { crsFromEpsg, getTransformer, WGS84_PROJ4 } from './crs.js';
import { MemoryRasterReader } from './memory-reader.js';
import { isTileOutside, renderTile, tileJson, transparentTilePng } from './tile-renderer.js';
import type { GeoTransform } from './types.js';
import { lonLatToTileFraction } from './web-mercator.js';
import type { TileId } from './web-mercator.js';

const RED = [220, 20, 60] as const;
const BLUE = [30, 60, 200] as const;

/** Decodes a tile PNG to 256 × 256 RGBA. */
async function decode(png: Buffer): Promise<Uint8Array> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([256, 256, 4]);
  return new Uint8Array(data);
}

/** RGBA of the tile pixel containing a lon/lat (which must fall inside the tile). */
function pixelAt(rgba: Uint8Array, tile: TileId, lon: number, lat: number): number[] {
  const [fx, fy] = lonLatToTileFraction(lon, lat, tile.z);
  const px = Math.floor((fx - tile.x) * 256);
  const py = Math.floor((fy - tile.y) * 256);
  expect(px >= 0 && px < 256 && py >= 0 && py < 256).toBe(true);
  const i = (py * 256 + px) * 4;
  return Array.from(rgba.subarray(i, i + 4));
}

function tileAt(lon: number, lat: number, z: number): TileId {
  const [fx, fy] = lonLatToTileFraction(lon, lat, z);
  return { z, x: Math.floor(fx), y: Math.floor(fy) };
}

function lutColor(name: string, index: number): number[] {
  const lut = getColormap(name);
  return [lut[index * 3]!, lut[index * 3 + 1]!, lut[index * 3 + 2]!, 255];
}

function raster(
  width: number,
  height: number,
  geoTransform: GeoTransform,
  epsg: number,
  valueAt: (col: number, row: number) => number,
): MemoryRasterReader {
  const band = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) band[row * width + col] = valueAt(col, row);
  }
  return new MemoryRasterReader({
    bands: [band],
    width,
    height,
    geoTransform,
    crs: crsFromEpsg(epsg),
    noData: -9999,
  });
}

describe('renderTile over an EPSG:4326 raster', () => {
  // 1° × 1° over lon 10..11, lat 45..46, 100 × 100 px of 0.01°.
  const geoTransform: GeoTransform = [10, 0.01, 0, 46, 0, -0.01];
  const tile = tileAt(10.5, 45.5, 8);

  it('paints scaled values with the colormap and leaves the tile outside the raster transparent', async () => {
    // raw 3000 · 0.1 = 300 K; rescale [280, 320] → 0.5 → viridis entry round(127.5) = 128.
    const reader = raster(100, 100, geoTransform, 4326, () => 3000);
    const png = await renderTile({ reader, bandIndex: 0, scale: 0.1 }, tile, {
      colormap: 'viridis',
      rescale: [280, 320],
    });
    const rgba = await decode(png);
    expect(pixelAt(rgba, tile, 10.5, 45.5)).toEqual(lutColor('viridis', 128));
    expect(pixelAt(rgba, tile, 10.02, 45.98)).toEqual(lutColor('viridis', 128));
    // Tile 8/135/y spans lon 9.84..11.25: lon 11.2 and 9.9 are in the tile, off the raster.
    expect(pixelAt(rgba, tile, 11.2, 45.5)[3]).toBe(0);
    expect(pixelAt(rgba, tile, 9.9, 45.5)[3]).toBe(0);
  });

  it('clamps values below and above the rescale (and +Infinity) to the end colours', async () => {
    // Columns 0–24: 200 K, 25–49: 400 K, 50–74: +Infinity, 75–99: 290 K.
    const values = [200, 400, Infinity, 290];
    const reader = raster(100, 100, geoTransform, 4326, (col) => values[Math.floor(col / 25)]!);
    const rgba = await decode(
      await renderTile({ reader, bandIndex: 0 }, tile, { colormap: 'magma', rescale: [280, 320] }),
    );
    expect(pixelAt(rgba, tile, 10.1, 45.5)).toEqual(lutColor('magma', 0));
    expect(pixelAt(rgba, tile, 10.35, 45.5)).toEqual(lutColor('magma', 255));
    expect(pixelAt(rgba, tile, 10.6, 45.5)).toEqual(lutColor('magma', 255));
    // (290 − 280) · 255 / 40 = 63.75 → entry 64; reversed [320, 280]: 191.25 → 191.
    expect(pixelAt(rgba, tile, 10.85, 45.5)).toEqual(lutColor('magma', 64));
    const reversed = await decode(
      await renderTile({ reader, bandIndex: 0 }, tile, { colormap: 'magma', rescale: [320, 280] }),
    );
    expect(pixelAt(reversed, tile, 10.85, 45.5)).toEqual(lutColor('magma', 191));
    expect(pixelAt(reversed, tile, 10.1, 45.5)).toEqual(lutColor('magma', 255));
  });

  it('places a class boundary at its longitude (categorical style)', async () => {
    const reader = raster(100, 100, geoTransform, 4326, (col) => (col < 50 ? 1 : 2));
    const png = await renderTile({ reader, bandIndex: 0 }, tile, {
      categories: { 1: RED, 2: BLUE },
    });
    const rgba = await decode(png);
    expect(pixelAt(rgba, tile, 10.49, 45.5)).toEqual([...RED, 255]);
    expect(pixelAt(rgba, tile, 10.51, 45.5)).toEqual([...BLUE, 255]);
  });

  it('interpolates between pixel centres with bilinear and falls back to nearest next to NaN', async () => {
    // 10 × 10 px of 0.1°, value 10·col; pixel (5, 5) is noData.
    const reader = raster(10, 10, [10, 0.1, 0, 46, 0, -0.1], 4326, (col, row) =>
      col === 5 && row === 5 ? -9999 : 10 * col,
    );
    const style = { colormap: 'greys', rescale: [0, 90] as const };
    const nearest = await decode(await renderTile({ reader, bandIndex: 0 }, tile, style));
    const bilinear = await decode(
      await renderTile({ reader, bandIndex: 0 }, tile, { ...style, resampling: 'bilinear' }),
    );
    // Row 2 (lat 45.75): lon 10.5 is the edge between the centres of columns 4 (40) and 5 (50).
    const nearestGrey = pixelAt(nearest, tile, 10.5, 45.75)[0]!;
    expect([lutColor('greys', 113)[0], lutColor('greys', 142)[0]]).toContain(nearestGrey);
    const bilinearGrey = pixelAt(bilinear, tile, 10.5, 45.75)[0]!;
    expect(Math.abs(bilinearGrey - lutColor('greys', 128)[0]!)).toBeLessThanOrEqual(4);
    // Row 5 (lat 45.45): the noData pixel stays transparent, its west neighbour keeps 40.
    expect(pixelAt(bilinear, tile, 10.55, 45.45)[3]).toBe(0);
    expect(pixelAt(bilinear, tile, 10.49, 45.45)).toEqual(lutColor('greys', 113));
  });
});

describe('renderTile over a UTM raster', () => {
  // WGS 84 / UTM 16N, 300 × 300 px of 30 m from (400000 E, 3860000 N): near 34.84°N, 88.04°W.
  // Classes: 1 west of column 150, 2 east of it; the 50 × 50 px north-west corner is noData.
  const utm = 32616;
  const reader = raster(300, 300, [400_000, 30, 0, 3_860_000, 0, -30], utm, (col, row) =>
    col < 50 && row < 50 ? -9999 : col < 150 ? 1 : 2,
  );
  const toLonLat = getTransformer(crsFromEpsg(utm).proj4, WGS84_PROJ4);
  const lonLat = (easting: number, northing: number): [number, number] =>
    toLonLat.forward([easting, northing]);
  const tile = tileAt(...lonLat(404_500, 3_855_500), 10);

  it('paints both classes where they are, noData and off-raster pixels transparent', async () => {
    const png = await renderTile({ reader, bandIndex: 0 }, tile, {
      categories: { 1: RED, 2: BLUE },
    });
    const rgba = await decode(png);
    expect(pixelAt(rgba, tile, ...lonLat(402_250, 3_855_500))).toEqual([...RED, 255]);
    expect(pixelAt(rgba, tile, ...lonLat(406_750, 3_852_000))).toEqual([...BLUE, 255]);
    expect(pixelAt(rgba, tile, ...lonLat(400_750, 3_859_250))[3]).toBe(0);
    expect(pixelAt(rgba, tile, ...lonLat(395_000, 3_855_500))[3]).toBe(0);

    // The raster covers 9 km × 9 km − 1.5 km × 1.5 km noData = 78.75 km²; a z10 pixel near
    // 34.84°N is 152.87 m · cos(34.84°) = 125.5 m on the ground, so ≈ 5,000 opaque pixels.
    let opaque = 0;
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] === 255) opaque++;
    expect(opaque).toBeGreaterThan(4_700);
    expect(opaque).toBeLessThan(5_300);
  });

  it('reads a zoomed-out tile reduced to its footprint, and a zoomed-in one at full resolution', async () => {
    const big = raster(2000, 2000, [400_000, 30, 0, 3_860_000, 0, -30], utm, () => 1);
    const centre = lonLat(430_000, 3_830_000);
    await renderTile({ reader: big, bandIndex: 0 }, tileAt(...centre, 8), {
      colormap: 'viridis',
      rescale: [0, 2],
    });
    const zoomedOut = big.reads[0]!;
    expect(zoomedOut.window.width).toBe(2000);
    // 60 km at z8 (≈ 502 m per tile pixel on the ground) is ≈ 120 tile pixels.
    expect(zoomedOut.outWidth).toBeLessThan(160);
    expect(zoomedOut.outWidth).toBeGreaterThan(100);

    await renderTile({ reader: big, bandIndex: 0 }, tileAt(...centre, 14), {
      colormap: 'viridis',
      rescale: [0, 2],
    });
    const zoomedIn = big.reads[1]!;
    expect(zoomedIn.outWidth).toBe(zoomedIn.window.width);
    expect(zoomedIn.window.width).toBeLessThan(200);
  });

  it('answers a tile far from the raster with the shared transparent PNG without reading', async () => {
    const reads = reader.reads.length;
    const far = { z: 12, x: 2048, y: 2048 };
    expect(isTileOutside(reader, far)).toBe(true);
    expect(isTileOutside(reader, tile)).toBe(false);
    const png = await renderTile({ reader, bandIndex: 0 }, far, {
      colormap: 'viridis',
      rescale: [0, 1],
    });
    expect(png).toBe(await transparentTilePng());
    expect(reader.reads.length).toBe(reads);
    const rgba = await decode(png);
    expect(rgba.every((value, i) => i % 4 !== 3 || value === 0)).toBe(true);
  });

  it('rejects an unknown colormap, an empty rescale and a missing band before reading', async () => {
    const layer = { reader, bandIndex: 0 };
    await expect(renderTile(layer, tile, { colormap: 'jet', rescale: [0, 1] })).rejects.toThrow(
      /unknown colormap 'jet'; valid names: viridis/,
    );
    await expect(renderTile(layer, tile, { colormap: 'viridis', rescale: [1, 1] })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(
      renderTile({ reader, bandIndex: 3 }, tile, { colormap: 'viridis', rescale: [0, 1] }),
    ).rejects.toThrow(/band index 3 is outside 0..0/);
  });
});

describe('tileJson', () => {
  const params = (): Parameters<typeof tileJson>[0] => ({
    tilesUrl: 'http://localhost/api/scenes/1/tiles/{z}/{x}/{y}.png?bidx=1',
    boundsWgs84: [-87.5, 30.6, -87.3, 30.8],
    minzoom: 10,
    maxzoom: 12,
    name: 'l8 B10',
  });

  it('describes a layer as TileJSON 3.0.0 centred on its bounds at the zoom that fits them', () => {
    const doc = tileJson({
      tilesUrl: 'http://localhost/api/scenes/1/tiles/{z}/{x}/{y}.png?bidx=1',
      boundsWgs84: [-87.5, 30.6, -87.3, 30.8],
      minzoom: 10,
      maxzoom: 12,
      name: 'l8 B10',
    });
    const { center, ...rest } = doc;
    expect(rest).toEqual({
      tilejson: '3.0.0',
      name: 'l8 B10',
      tiles: ['http://localhost/api/scenes/1/tiles/{z}/{x}/{y}.png?bidx=1'],
      scheme: 'xyz',
      minzoom: 10,
      maxzoom: 12,
      bounds: [-87.5, 30.6, -87.3, 30.8],
    });
    expect(center[0]).toBeCloseTo(-87.4, 12);
    expect(center[1]).toBeCloseTo(30.7, 12);
    // 0.2° of longitude is 1/1800 of the world: one 256-px tile at z10.8, so z11 (1–2 tiles).
    expect(center[2]).toBe(11);
    const wide = tileJson({ ...params(), minzoom: 3, maxzoom: 18 });
    expect(wide.center[2]).toBe(11);
    const clamped = tileJson({ ...params(), minzoom: 3, maxzoom: 9 });
    expect(clamped.center[2]).toBe(9);
  });

  it('rejects minzoom above maxzoom', () => {
    expect(() =>
      tileJson({ tilesUrl: 'x', boundsWgs84: [0, 0, 1, 1], minzoom: 5, maxzoom: 4, name: 'n' }),
    ).toThrow(/zoom range 5..4/);
  });
});
