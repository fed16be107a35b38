import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { getColormap } from './colormaps.js';
import { boundsToWgs84 } from './crs.js';
import { openGeoTiff } from './geotiff-reader.js';
import { lonLatToPixel } from './pixel-geometry.js';
import { pointValue } from './point.js';
import { computeStatistics } from './statistics.js';
import { renderTile, transparentTilePng } from './tile-renderer.js';
import type { RasterReader } from './types.js';
import { lonLatToTileFraction, mercatorToLonLat, tileBoundsMercator } from './web-mercator.js';
import type { TileId } from './web-mercator.js';

// Landsat 8 band 10 DN, 627 × 603 px of 30 m in EPSG:32616 (see its PROVENANCE.md).
const B10 = 'landsat-l1-thermal/LC80200392015216LGN00/l8_B10.tif';

let reader: RasterReader;
let rescale: [number, number];
let centreTile: TileId;

beforeAll(async () => {
  reader = await openGeoTiff(sharedDataFile(B10));
  const { width, height } = reader.info;
  const all = await reader.readWindow({ x: 0, y: 0, width, height }, { bandIndex: 0 });
  const stats = computeStatistics(all);
  rescale = [stats.p2, stats.p98];
  const [west, south, east, north] = boundsToWgs84(
    reader.info.geoTransform,
    width,
    height,
    reader.info.crs,
  );
  const [fx, fy] = lonLatToTileFraction((west + east) / 2, (south + north) / 2, 12);
  centreTile = { z: 12, x: Math.floor(fx), y: Math.floor(fy) };
});

afterAll(async () => {
  // `reader` is unset when beforeAll failed (shared data missing): that error is the one to see.
  await (reader as RasterReader | undefined)?.close();
});

async function decode(png: Buffer): Promise<Uint8Array> {
  const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data);
}

/** lon/lat of the centre of tile pixel (px, py). */
function pixelCentreLonLat(tile: TileId, px: number, py: number): [number, number] {
  const [west, , east, north] = tileBoundsMercator(tile);
  const sizeM = (east - west) / 256;
  return mercatorToLonLat(west + (px + 0.5) * sizeM, north - (py + 0.5) * sizeM);
}

describe('tiles of a real Landsat 8 band (l8_B10.tif)', () => {
  it('lies where gdalinfo puts it: 30.65–30.81°N, 87.50–87.30°W, z12 centre tile 1053/1680', () => {
    const { width, height, geoTransform, crs } = reader.info;
    const bounds = boundsToWgs84(geoTransform, width, height, crs);
    [-87.4968, 30.6467, -87.2997, 30.8106].forEach((v, i) =>
      expect(Math.abs(bounds[i]! - v)).toBeLessThan(1e-3),
    );
    expect(centreTile).toEqual({ z: 12, x: 1053, y: 1680 });
  });

  it('renders the z12 tile over the scene centre fully opaque', async () => {
    const rgba = await decode(
      await renderTile({ reader, bandIndex: 0 }, centreTile, { colormap: 'viridis', rescale }),
    );
    let opaque = 0;
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] === 255) opaque++;
    expect(opaque / (256 * 256)).toBeGreaterThan(0.95);
  });

  it('renders a tile far from the scene fully transparent', async () => {
    const png = await renderTile(
      { reader, bandIndex: 0 },
      { z: 12, x: 2048, y: 1680 },
      {
        colormap: 'viridis',
        rescale,
      },
    );
    expect(png).toBe(await transparentTilePng());
  });

  it('colours tile pixels as the colormap of pointValue at their lon/lat', async () => {
    const lut = getColormap('viridis');
    const rgba = await decode(
      await renderTile({ reader, bandIndex: 0 }, centreTile, { colormap: 'viridis', rescale }),
    );
    let compared = 0;
    for (let py = 5; py < 256; py += 25) {
      for (let px = 7; px < 256; px += 25) {
        const [lon, lat] = pixelCentreLonLat(centreTile, px, py);
        // Skip pixels within 0.2 px of a raster pixel edge, where the control grid's
        // sub-pixel approximation may legitimately pick the neighbour.
        const [col, row] = lonLatToPixel(reader.info, lon, lat)!;
        const edgeDistance = Math.min(col % 1, 1 - (col % 1), row % 1, 1 - (row % 1));
        if (edgeDistance < 0.2) continue;

        const dn = await pointValue(reader, 0, lon, lat);
        expect(dn).not.toBeNull();
        const t = (dn! - rescale[0]) / (rescale[1] - rescale[0]);
        const index = Math.max(0, Math.min(255, Math.round(t * 255)));
        const i = (py * 256 + px) * 4;
        expect(Array.from(rgba.subarray(i, i + 4))).toEqual([
          lut[index * 3],
          lut[index * 3 + 1],
          lut[index * 3 + 2],
          255,
        ]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('renders a tile in well under a second (time printed for the record)', async () => {
    const runs = 10;
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      await renderTile({ reader, bandIndex: 0 }, centreTile, {
        colormap: 'viridis',
        rescale,
        resampling: i % 2 === 0 ? 'nearest' : 'bilinear',
      });
    }
    const msPerTile = (performance.now() - started) / runs;
    console.log(`l8_B10 z12 tile: ${msPerTile.toFixed(1)} ms per tile (mean of ${runs})`);
    expect(msPerTile).toBeLessThan(1000);
  });
});
