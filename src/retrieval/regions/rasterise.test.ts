import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../test/helpers/shared-data.js';
import { parseZones } from './geojson-zones.js';
import type { rasteriseZone } from './rasterise.js';
import { placeZone } from './zone-grid.js';
import type { RasterGrid } from './zone-transform.js';
import { WGS84_LONLAT } from './zone-transform.js';

function fault(name: string): { features: unknown[] } {
  return JSON.parse(readFileSync(sharedDataFile(`reported-faults/${name}`), 'utf8')) as {
    features: unknown[];
  };
}

/** Mask rows as strings of 0/1 over the grid, top row first. */
function picture(grid: RasterGrid, mask: ReturnType<typeof rasteriseZone>): string[] {
  const lines = Array.from({ length: grid.height }, () => Array<string>(grid.width).fill('0'));
  for (const { row, columns } of mask.rows) {
    for (let i = 0; i < columns.length; i += 2) {
      for (let c = columns[i]!; c < columns[i + 1]!; c++) lines[row]![c] = '1';
    }
  }
  return lines.map((line) => line.join(''));
}

describe('scanline rasterisation of zones on a pixel grid', () => {
  it('rasterises B13’s overlapping MultiPolygon as the union (6 pixels, (2, 1) included)', () => {
    const [zone] = parseZones(fault('b13_overlapping_multipolygon_point.geojson').features[0], {
      geographic: true,
    });
    // Pixel centres at x = 0, 1, 2, 3 and y = 2, 1, 0 (1-unit pixels, north up).
    const grid: RasterGrid = {
      proj4: WGS84_LONLAT,
      geoTransform: [-0.5, 1, 0, 2.5, 0, -1],
      width: 4,
      height: 3,
    };
    const { mask } = placeZone(zone!, WGS84_LONLAT, grid);
    expect(picture(grid, mask)).toEqual(['1110', '1110', '0000']);
    expect(mask.pixelCount).toBe(6);
  });

  it('counts both lobes of the B14 bow-tie (25 + 25 pixels) and its area 6 181 859 072.6 m²', () => {
    const [zone] = parseZones(fault('b14_bowtie_polygon.geojson').features[0], {
      geographic: true,
    });
    expect(zone!.polygons[0]!.shells).toHaveLength(2);
    // Centres at x = 0.02 + 0.1·col, y = 1.01 − 0.1·row: none lies on an edge of the bow-tie.
    const grid: RasterGrid = {
      proj4: WGS84_LONLAT,
      geoTransform: [-0.03, 0.1, 0, 1.06, 0, -0.1],
      width: 11,
      height: 11,
    };
    const placed = placeZone(zone!, WGS84_LONLAT, grid);
    expect(placed.areaM2).toBeCloseTo(6_181_859_072.6, 1);

    // Independent count: left lobe 0 < x < min(y, 1 − y), right lobe max(y, 1 − y) < x < 1.
    let left = 0;
    let right = 0;
    for (let row = 0; row < 11; row++) {
      for (let col = 0; col < 11; col++) {
        const [x, y] = [0.02 + 0.1 * col, 1.01 - 0.1 * row];
        if (x > 0 && x < Math.min(y, 1 - y)) left++;
        if (x < 1 && x > Math.max(y, 1 - y)) right++;
      }
    }
    expect([left, right]).toEqual([25, 25]);
    expect(placed.mask.pixelCount).toBe(left + right);
    expect(placed.coverage).toBe(1);
  });

  it('reports partial coverage for a zone half off the raster', () => {
    const [zone] = parseZones(
      {
        type: 'Polygon',
        coordinates: [
          [
            [0.5, 0],
            [1.5, 0],
            [1.5, 1],
            [0.5, 1],
          ],
        ],
      },
      { geographic: true },
    );
    const grid: RasterGrid = {
      proj4: WGS84_LONLAT,
      geoTransform: [0, 0.1, 0, 1, 0, -0.1],
      width: 10,
      height: 10,
    };
    const placed = placeZone(zone!, WGS84_LONLAT, grid);
    expect(placed.mask.pixelCount).toBe(50);
    expect(placed.coverage).toBe(0.5);
    expect(placed.mask.window).toEqual({ x: 5, y: 0, width: 5, height: 10 });
  });
});
