/**
 * The MapLibre map: creation on the offline style, the scene footprint, the product raster
 * overlay (one at a time) with its tiles URL and opacity, the band-math overlay above it and
 * the outlines of loaded zones.
 */
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type RasterTileSource,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { offlineStyle } from './basemap.js';
import { fitPadding } from './fit-padding.js';
import type { LonLatBounds } from './api.js';

/** Source and layer ids, stable for tests and for the legend. */
export const OVERLAY_SOURCE_ID = 'product';
export const OVERLAY_LAYER_ID = 'product-raster';
export const MATH_SOURCE_ID = 'band-math';
export const MATH_LAYER_ID = 'band-math-raster';
export const ZONES_SOURCE_ID = 'zones';
export const ZONES_LAYER_ID = 'zones-line';
const FOOTPRINT_SOURCE_ID = 'scene-footprint';
const FOOTPRINT_LAYER_ID = 'scene-footprint-line';

/** Creates the map in `container`, centred on the whole world. */
export function createMap(container: HTMLElement): MapLibreMap {
  setWorkerUrl(workerUrl);
  const map = new MapLibreMap({
    container,
    style: offlineStyle(),
    center: [0, 20],
    zoom: 1.3,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
  map.on('load', () => addFootprintLayer(map));
  return map;
}

function boundsPolygon(bounds: LonLatBounds): GeoJSON.Feature<GeoJSON.Polygon> {
  const [west, south, east, north] = bounds;
  const ring = [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}

function addFootprintLayer(map: MapLibreMap): void {
  map.addSource(FOOTPRINT_SOURCE_ID, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
  });
  map.addLayer({
    id: FOOTPRINT_LAYER_ID,
    type: 'line',
    source: FOOTPRINT_SOURCE_ID,
    paint: { 'line-color': '#1f6fb2', 'line-width': 1.5, 'line-dasharray': [3, 2] },
  });
}

/**
 * Outlines the selected scene's bounds and fits the view to them, clear of the `panels` that
 * lie over the map (the legend card), see {@link fitPadding}.
 */
export function showSceneFootprint(
  map: MapLibreMap,
  bounds: LonLatBounds,
  panels: readonly HTMLElement[] = [],
): void {
  const source = map.getSource<GeoJSONSource>(FOOTPRINT_SOURCE_ID);
  void source?.setData(boundsPolygon(bounds));
  const [west, south, east, north] = bounds;
  const box: LngLatBoundsLike = [
    [west, south],
    [east, north],
  ];
  map.fitBounds(box, { padding: fitPadding(map, box, panels), duration: 0 });
}

/** Display settings of the product overlay. */
export interface OverlayOptions {
  /** XYZ tile URL template (`…/{z}/{x}/{y}.png?…`). */
  tileTemplate: string;
  bounds: LonLatBounds;
  /** 0 (transparent) to 1 (opaque). */
  opacity: number;
}

/** Adds a raster layer under the footprint outline (and under `beforeLayerId` if present). */
function addRasterLayer(
  map: MapLibreMap,
  layerId: string,
  sourceId: string,
  opacity: number,
  beforeLayerId: string,
): void {
  const below = [beforeLayerId, FOOTPRINT_LAYER_ID].find((id) => map.getLayer(id) !== undefined);
  map.addLayer(
    {
      id: layerId,
      type: 'raster',
      source: sourceId,
      paint: { 'raster-opacity': opacity, 'raster-fade-duration': 0 },
    },
    below,
  );
}

/**
 * Shows a product as a raster overlay, replacing any previous one. The overlay sits under
 * the band-math overlay and the scene footprint, and above the land outline.
 */
export function showOverlay(map: MapLibreMap, options: OverlayOptions): void {
  removeOverlay(map);
  map.addSource(OVERLAY_SOURCE_ID, {
    type: 'raster',
    tiles: [options.tileTemplate],
    tileSize: 256,
    bounds: options.bounds,
    maxzoom: 18,
  });
  addRasterLayer(map, OVERLAY_LAYER_ID, OVERLAY_SOURCE_ID, options.opacity, MATH_LAYER_ID);
}

/** A band-math layer as its TileJSON describes it. */
export interface MathOverlayOptions {
  tiles: string[];
  bounds: LonLatBounds;
  minzoom: number;
  maxzoom: number;
  /** Tile size in CSS pixels (the API's 256). */
  tileSize: number;
  /** 0..1 */
  opacity: number;
}

/**
 * Shows a band-math layer over the product overlay (replacing the previous band-math layer);
 * beyond the layer's `maxzoom` MapLibre enlarges its tiles.
 */
export function showMathOverlay(map: MapLibreMap, options: MathOverlayOptions): void {
  removeMathOverlay(map);
  map.addSource(MATH_SOURCE_ID, {
    type: 'raster',
    tiles: options.tiles,
    tileSize: options.tileSize,
    bounds: options.bounds,
    minzoom: options.minzoom,
    maxzoom: options.maxzoom,
  });
  addRasterLayer(map, MATH_LAYER_ID, MATH_SOURCE_ID, options.opacity, FOOTPRINT_LAYER_ID);
}

/** Removes the band-math overlay if there is one. */
export function removeMathOverlay(map: MapLibreMap): void {
  if (map.getLayer(MATH_LAYER_ID)) map.removeLayer(MATH_LAYER_ID);
  if (map.getSource(MATH_SOURCE_ID)) map.removeSource(MATH_SOURCE_ID);
}

/** Outlines zones (a GeoJSON FeatureCollection) over the rasters, replacing earlier ones. */
export function showZones(map: MapLibreMap, zones: GeoJSON.FeatureCollection): void {
  const source = map.getSource<GeoJSONSource>(ZONES_SOURCE_ID);
  if (source !== undefined) {
    void source.setData(zones);
    return;
  }
  map.addSource(ZONES_SOURCE_ID, { type: 'geojson', data: zones });
  map.addLayer({
    id: ZONES_LAYER_ID,
    type: 'line',
    source: ZONES_SOURCE_ID,
    paint: { 'line-color': '#d81b60', 'line-width': 2 },
  });
}

/** Removes the zone outlines if there are any. */
export function removeZones(map: MapLibreMap): void {
  if (map.getLayer(ZONES_LAYER_ID)) map.removeLayer(ZONES_LAYER_ID);
  if (map.getSource(ZONES_SOURCE_ID)) map.removeSource(ZONES_SOURCE_ID);
}

/** Removes the product overlay if there is one. */
export function removeOverlay(map: MapLibreMap): void {
  if (map.getLayer(OVERLAY_LAYER_ID)) map.removeLayer(OVERLAY_LAYER_ID);
  if (map.getSource(OVERLAY_SOURCE_ID)) map.removeSource(OVERLAY_SOURCE_ID);
}

/** Points the overlay at a new tile template (after a colormap or range change). */
export function setOverlayTiles(map: MapLibreMap, tileTemplate: string): void {
  map.getSource<RasterTileSource>(OVERLAY_SOURCE_ID)?.setTiles([tileTemplate]);
}

/** Sets the overlay's opacity, 0..1. */
export function setOverlayOpacity(map: MapLibreMap, opacity: number): void {
  if (map.getLayer(OVERLAY_LAYER_ID))
    map.setPaintProperty(OVERLAY_LAYER_ID, 'raster-opacity', opacity);
}
