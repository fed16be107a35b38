/** A zone placed on a raster grid: its pixel mask, its area and its coverage by the raster. */
import { zoneLabel } from './geojson-zones.js';
import { rasteriseZone } from './rasterise.js';
import type { ZoneMask } from './rasterise.js';
import { zoneAreaM2 } from './zone-area.js';
import { polygonsToLonLat, polygonsToPixels } from './zone-transform.js';
import type { RasterGrid } from './zone-transform.js';
import type { Zone } from './zone-types.js';

/** A zone on one grid. */
export interface PlacedZone {
  mask: ZoneMask;
  /**
   * Area of the zone (its outermost lobes, holes subtracted), m², from its WGS 84 outline.
   */
  areaM2: number;
  /**
   * Share (0..1) of the zone's pixel centres on the unbounded grid that fall on the raster; null
   * when the zone holds no pixel centre at all or is too tall to count (see rasterise.ts).
   */
  coverage: number | null;
}

/**
 * Rasterises `zone` (coordinates in `zoneProj4`) onto `grid`. Both reprojections (and their size
 * checks) run before the rasterisation.
 * @throws InvalidParameterError naming the zone when its densified outline is too large.
 */
export function placeZone(zone: Zone, zoneProj4: string, grid: RasterGrid): PlacedZone {
  const what = `zone ${zoneLabel(zone)}`;
  const pixelPolygons = polygonsToPixels(zone.polygons, zoneProj4, grid, what);
  const lonLatPolygons = polygonsToLonLat(zone.polygons, zoneProj4, what);
  const mask = rasteriseZone(pixelPolygons, grid.width, grid.height);
  const unbounded = mask.unboundedPixelCount;
  const coverage = unbounded === null || unbounded === 0 ? null : mask.pixelCount / unbounded;
  return { mask, areaM2: zoneAreaM2(lonLatPolygons), coverage };
}
