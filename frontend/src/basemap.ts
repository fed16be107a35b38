/**
 * The offline base map: a plain ocean background and the Natural Earth 1:110m land outline
 * bundled from `world-atlas`. No tiles, glyphs or sprites are fetched, so the page works
 * without a network; there are no symbol layers because they would need glyphs.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import landTopology from 'world-atlas/land-110m.json';

/** Colours of the base map, as CSS hex. */
export const BASEMAP_COLOURS = {
  ocean: '#d5dde5',
  land: '#f3f1ec',
  coastline: '#8a97a6',
} as const;

/** Id of the land fill layer; overlays are inserted above the base map layers. */
export const LAND_FILL_LAYER_ID = 'land-fill';
/** Id of the coastline layer, the top-most base map layer. */
export const COASTLINE_LAYER_ID = 'land-outline';

/**
 * Makes a ring's longitudes continuous: where consecutive vertices jump by more than 180°
 * (a ring crossing the antimeridian), the rest of the ring is shifted by ±360°. MapLibre
 * draws planar geometry, so without this the jump becomes a line across the whole world.
 */
function unwrapRing(ring: GeoJSON.Position[]): GeoJSON.Position[] {
  let shiftDeg = 0;
  let previousLon: number | null = null;
  return ring.map(([lon = 0, lat = 0]) => {
    if (previousLon !== null) {
      const step = lon - previousLon;
      if (step > 180) shiftDeg -= 360;
      if (step < -180) shiftDeg += 360;
    }
    previousLon = lon;
    return [lon + shiftDeg, lat];
  });
}

function unwrapGeometry(geometry: GeoJSON.Geometry): GeoJSON.Geometry {
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: geometry.coordinates.map(unwrapRing) };
  }
  if (geometry.type === 'MultiPolygon') {
    const coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrapRing));
    return { type: 'MultiPolygon', coordinates };
  }
  return geometry;
}

function landGeoJson(): GeoJSON.FeatureCollection {
  const topology = landTopology as unknown as Topology;
  const land = topology.objects['land'];
  if (land === undefined) throw new Error('world-atlas land-110m.json has no "land" object');
  const decoded = feature(topology, land);
  const features = decoded.type === 'FeatureCollection' ? decoded.features : [decoded];
  return {
    type: 'FeatureCollection',
    features: features.map((item) => ({ ...item, geometry: unwrapGeometry(item.geometry) })),
  };
}

/** A MapLibre style with the background and the bundled land fill and coastline. */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'rskd-offline',
    sources: {
      land: {
        type: 'geojson',
        data: landGeoJson(),
        attribution: 'Land: Natural Earth',
      },
    },
    layers: [
      {
        id: 'background',
        type: 'background',
        paint: { 'background-color': BASEMAP_COLOURS.ocean },
      },
      {
        id: LAND_FILL_LAYER_ID,
        type: 'fill',
        source: 'land',
        paint: { 'fill-color': BASEMAP_COLOURS.land, 'fill-antialias': false },
      },
      {
        id: COASTLINE_LAYER_ID,
        type: 'line',
        source: 'land',
        paint: { 'line-color': BASEMAP_COLOURS.coastline, 'line-width': 0.8 },
      },
    ],
  };
}
