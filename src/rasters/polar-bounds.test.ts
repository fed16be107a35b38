import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { boundsToWgs84, crsFromEpsg } from './crs.js';
import { openGeoTiff } from './geotiff-reader.js';
import { rasterBoundsMercator } from './pixel-geometry.js';
import { isTileOutside, renderTile } from './tile-renderer.js';
import type { RasterReader } from './types.js';

const BREMEN = 'geotiff-edge-cases/bremen_sea_ice_conc_2022_9_9.tif';
const NSIDC = 'geotiff-edge-cases/nt_20201024_f18_nrt_s.tif';

/**
 * Northmost latitude of each grid: its pixel-corner edges densified to 401 points and passed
 * through `gdaltransform -t_srs EPSG:4326` (GDAL 3.6); both are reached at the top corners.
 */
const BREMEN_GDAL_NORTH_DEG = -39.363354916617;
const NSIDC_GDAL_NORTH_DEG = -39.2308884002773;

/** Half the Web Mercator world width, metres (the y of the ±85.05° clamp). */
const MERCATOR_HALF_WORLD_M = 20037508.342789244;

async function withReader<T>(relativePath: string, use: (r: RasterReader) => Promise<T>) {
  const reader = await openGeoTiff(sharedDataFile(relativePath));
  try {
    return await use(reader);
  } finally {
    await reader.close();
  }
}

async function opaquePixels(png: Buffer): Promise<number> {
  const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let opaque = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) opaque++;
  return opaque;
}

describe('boundsToWgs84 of grids containing a pole', () => {
  it.each([
    [BREMEN, BREMEN_GDAL_NORTH_DEG],
    [NSIDC, NSIDC_GDAL_NORTH_DEG],
  ])(
    'extends %s to the South Pole: [-180, -90, 180, north of gdaltransform]',
    async (file, north) =>
      withReader(file, (reader) => {
        const { geoTransform, width, height, crs } = reader.info;
        const [w, s, e, n] = boundsToWgs84(geoTransform, width, height, crs);
        expect([w, s, e]).toEqual([-180, -90, 180]);
        expect(Math.abs(n - north)).toBeLessThan(0.1);
        return Promise.resolve();
      }),
  );

  it('extends a north polar stereographic grid (EPSG:3413) around the North Pole to +90', () => {
    const bounds = boundsToWgs84([-1e6, 1000, 0, 1e6, 0, -1000], 2000, 2000, crsFromEpsg(3413));
    expect([bounds[0], bounds[2], bounds[3]]).toEqual([-180, 180, 90]);
    expect(bounds[1]).toBeGreaterThan(76);
    expect(bounds[1]).toBeLessThan(82);
  });

  it('does not extend a polar grid that stops short of the pole', () => {
    // 1000 km × 1000 km of EPSG:3031 whose nearest corner is 1000 km from the pole.
    const bounds = boundsToWgs84([1e6, 1000, 0, 2e6, 0, -1000], 1000, 1000, crsFromEpsg(3031));
    expect(bounds[1]).toBeGreaterThan(-82);
    expect(bounds[0]).toBeGreaterThan(0);
    expect(bounds[2]).toBeLessThan(90);
  });
});

describe('tiles of the Bremen sea-ice grid around the South Pole', () => {
  it('keeps its EPSG:3857 bounds finite, clamped at −85.05°', async () =>
    withReader(BREMEN, (reader) => {
      const bounds = rasterBoundsMercator(reader.info);
      expect(bounds).not.toBeNull();
      expect(bounds?.every(Number.isFinite)).toBe(true);
      expect(bounds?.[0]).toBeCloseTo(-MERCATOR_HALF_WORLD_M, 3);
      expect(bounds?.[1]).toBeCloseTo(-MERCATOR_HALF_WORLD_M, 3);
      expect(bounds?.[2]).toBeCloseTo(MERCATOR_HALF_WORLD_M, 3);
      return Promise.resolve();
    }));

  it('draws sea ice in the z2 tiles south of −66.5° (x = 0..3, y = 3)', async () =>
    withReader(BREMEN, async (reader) => {
      const counts: number[] = [];
      for (const x of [0, 1, 2, 3]) {
        const tile = { z: 2, x, y: 3 };
        expect(isTileOutside(reader, tile)).toBe(false);
        const png = await renderTile({ reader, bandIndex: 0 }, tile, {
          colormap: 'viridis',
          rescale: [0, 100],
        });
        counts.push(await opaquePixels(png));
      }
      // Measured opaque pixels of 65536 per tile: 20402, 15578, 4012, 5501.
      counts.forEach((count) => expect(count).toBeGreaterThan(1000));
    }));
});
