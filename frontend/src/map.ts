/**
 * The MapLibre map: creation on the offline style, the scene footprint, and the product
 * raster overlay (one at a time) with its tiles URL and opacity.
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

/**
 * Shows a product as a raster overlay, replacing any previous one. The overlay sits under
 * the scene footprint and above the land outline.
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
  const beforeId = map.getLayer(FOOTPRINT_LAYER_ID) ? FOOTPRINT_LAYER_ID : undefined;
  map.addLayer(
    {
      id: OVERLAY_LAYER_ID,
      type: 'raster',
      source: OVERLAY_SOURCE_ID,
      paint: { 'raster-opacity': options.opacity, 'raster-fade-duration': 0 },
    },
    beforeId,
  );
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
