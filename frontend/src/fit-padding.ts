/**
 * Padding for fitting the view to a scene so that no panel over the map (the legend card in
 * the bottom-right corner; the sidebar, should it ever overlay the map) hides part of it. Each
 * panel is cleared on the side that costs the least zoom: beside it or above/below it.
 */
import type { LngLatBoundsLike, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { layoutBox } from './dom.js';

/** Free margin around a fitted scene, in CSS pixels. */
export const FIT_MARGIN_PX = 40;
/** Gap kept between a fitted scene and a panel over the map, in CSS pixels. */
export const PANEL_GAP_PX = 16;

/** Padding of every side, in CSS pixels. */
export type Padding = Required<PaddingOptions>;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function intersection(a: Box, b: Box): Box | null {
  const box = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return box.left < box.right && box.top < box.bottom ? box : null;
}

/** The two ways to clear `panel`: beside it (from its nearer vertical edge) or above/below. */
function clearings(panel: Box, container: Box, padding: Padding): Padding[] {
  const nearLeft = panel.left - container.left < container.right - panel.right;
  const nearTop = panel.top - container.top < container.bottom - panel.bottom;
  const beside = nearLeft
    ? { ...padding, left: Math.max(padding.left, panel.right - container.left + PANEL_GAP_PX) }
    : { ...padding, right: Math.max(padding.right, container.right - panel.left + PANEL_GAP_PX) };
  const aboveOrBelow = nearTop
    ? { ...padding, top: Math.max(padding.top, panel.bottom - container.top + PANEL_GAP_PX) }
    : {
        ...padding,
        bottom: Math.max(padding.bottom, container.bottom - panel.top + PANEL_GAP_PX),
      };
  return [beside, aboveOrBelow];
}

/** The padding that fits `bounds` at the highest zoom, or null when none fits at all. */
function closestFit(
  map: MapLibreMap,
  bounds: LngLatBoundsLike,
  candidates: readonly Padding[],
): Padding | null {
  let best: { padding: Padding; zoom: number } | null = null;
  for (const padding of candidates) {
    const camera = map.cameraForBounds(bounds, { padding });
    const zoom = camera?.zoom;
    if (zoom !== undefined && (best === null || zoom > best.zoom)) best = { padding, zoom };
  }
  return best?.padding ?? null;
}

/**
 * Padding (CSS pixels) for `map.fitBounds(bounds)` that keeps the scene FIT_MARGIN_PX from the
 * map's edges and PANEL_GAP_PX clear of each panel in `panels` that overlaps the map (hidden
 * panels are measured as if shown). A panel that cannot be cleared on a tiny map is ignored.
 */
export function fitPadding(
  map: MapLibreMap,
  bounds: LngLatBoundsLike,
  panels: readonly HTMLElement[],
): Padding {
  const container = map.getContainer().getBoundingClientRect();
  let padding: Padding = {
    top: FIT_MARGIN_PX,
    bottom: FIT_MARGIN_PX,
    left: FIT_MARGIN_PX,
    right: FIT_MARGIN_PX,
  };
  for (const panel of panels) {
    const overlap = intersection(layoutBox(panel), container);
    if (overlap === null) continue;
    padding = closestFit(map, bounds, clearings(overlap, container, padding)) ?? padding;
  }
  return padding;
}
