/**
 * The "Band math" panel: an expression over the selected scene's bands (`(B5-B4)/(B5+B4)`),
 * a colormap and an optional display range. "Show" asks the server for the expression's
 * statistics (which also checks it: an unknown band or a syntax error comes back as a 400 whose
 * message is shown beside the input), then for its TileJSON with the range (the p2–p98 of the
 * statistics when none is given, so the legend and the tiles agree), and draws it over the
 * product overlay with its legend card and histogram.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getExpressionStatistics, getExpressionTileJson } from './api-raster.js';
import type { LayerStatistics } from './api-raster.js';
import { ApiError, type ColormapInfo, type SceneInfo } from './api.js';
import { byId } from './dom.js';
import { renderHistogram } from './histogram.js';
import { MathLegend } from './math-legend.js';
import { parseRange } from './math-range.js';
import { removeMathOverlay, showMathOverlay } from './map.js';

/** Histogram bars of a band-math layer. */
export const MATH_HISTOGRAM_BINS = 24;
/** Colormap selected for band math when the server knows it (NDVI reads well in it). */
export const DEFAULT_MATH_COLORMAP = 'viridis';

/** The band-math layer on the map. */
export interface ShownExpression {
  sceneId: string;
  /** The expression as typed (the server's canonical form is in the legend title). */
  expression: string;
}

/** Controller of `#math-panel`. */
export class BandMathPanel {
  private readonly sceneLine = byId('math-scene', HTMLElement);
  private readonly input = byId('math-expression', HTMLInputElement);
  private readonly colormapSelect = byId('math-colormap', HTMLSelectElement);
  private readonly minInput = byId('math-min', HTMLInputElement);
  private readonly maxInput = byId('math-max', HTMLInputElement);
  private readonly showButton = byId('math-show', HTMLButtonElement);
  private readonly hideButton = byId('math-hide', HTMLButtonElement);
  private readonly errorBox = byId('math-error', HTMLElement);
  private readonly errorText = byId('math-error-text', HTMLElement);
  private readonly errorCode = byId('math-error-code', HTMLElement);
  private readonly histogram = byId('math-histogram', HTMLElement);
  private readonly legend = new MathLegend();
  private colormaps = new Map<string, ColormapInfo>();
  private scene: SceneInfo | null = null;
  private shown: ShownExpression | null = null;
  // Answers to an older "Show", or for a scene no longer selected, are dropped.
  private requestNumber = 0;

  constructor(private readonly map: MapLibreMap) {
    this.showButton.addEventListener('click', () => void this.showExpression());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') void this.showExpression();
    });
    this.hideButton.addEventListener('click', () => this.clear());
    this.setScene(null);
  }

  /** Offers the server's colormaps, continuous first, then categorical. */
  setColormaps(colormaps: readonly ColormapInfo[]): void {
    const ordered = [
      ...colormaps.filter((colormap) => colormap.classes === undefined),
      ...colormaps.filter((colormap) => colormap.classes !== undefined),
    ];
    this.colormaps = new Map(ordered.map((colormap) => [colormap.name, colormap]));
    this.colormapSelect.replaceChildren(
      ...ordered.map((colormap) => {
        const label = colormap.classes === undefined ? colormap.name : `${colormap.name} (classes)`;
        return new Option(label, colormap.name);
      }),
    );
    if (this.colormaps.has(DEFAULT_MATH_COLORMAP))
      this.colormapSelect.value = DEFAULT_MATH_COLORMAP;
  }

  /** The scene expressions are computed on (null: none); another scene removes the layer. */
  setScene(scene: SceneInfo | null): void {
    if (this.shown !== null && this.shown.sceneId !== scene?.id) this.clear();
    this.scene = scene;
    this.showButton.disabled = scene === null;
    this.sceneLine.textContent =
      scene === null ? 'No scene selected' : `Bands: ${scene.bands.map((b) => b.name).join(', ')}`;
  }

  /** The band-math layer on the map, or null. */
  current(): ShownExpression | null {
    return this.shown;
  }

  /** Removes the layer, its legend, its histogram and any error. */
  clear(): void {
    this.requestNumber += 1;
    this.shown = null;
    removeMathOverlay(this.map);
    this.legend.hide();
    this.histogram.hidden = true;
    this.hideButton.disabled = true;
    this.showError(null);
  }

  private async showExpression(): Promise<void> {
    const scene = this.scene;
    const expression = this.input.value.trim();
    if (scene === null) return;
    if (expression === '') {
      this.showError({ message: 'Type an expression over the bands, e.g. (B5-B4)/(B5+B4).' });
      return;
    }
    const range = parseRange(this.minInput.value, this.maxInput.value);
    if (typeof range === 'string') {
      this.showError({ message: range });
      return;
    }
    const colormap = this.colormaps.get(this.colormapSelect.value);
    if (colormap === undefined) return;
    const thisRequest = ++this.requestNumber;
    this.showError(null);
    this.showButton.disabled = true;
    try {
      const stats = await getExpressionStatistics(scene.id, expression, MATH_HISTOGRAM_BINS);
      if (thisRequest !== this.requestNumber) return;
      await this.draw(scene, expression, colormap, stats, range, thisRequest);
    } catch (cause) {
      if (thisRequest !== this.requestNumber) return;
      const code = cause instanceof ApiError ? cause.code : '';
      this.showError({ message: cause instanceof Error ? cause.message : String(cause), code });
    } finally {
      this.showButton.disabled = this.scene === null;
    }
  }

  private async draw(
    scene: SceneInfo,
    expression: string,
    colormap: ColormapInfo,
    stats: LayerStatistics,
    range: [number, number] | null,
    thisRequest: number,
  ): Promise<void> {
    const rescale =
      range ?? (stats.p2 === null || stats.p98 === null ? null : [stats.p2, stats.p98]);
    if (rescale === null) {
      this.showError({ message: `${stats.name} has no valid pixel in this scene.` });
      return;
    }
    const [rangeMin, rangeMax] = rescale;
    // A range of one value (a constant expression) is widened so the server accepts it.
    const drawn: [number, number] =
      rangeMin < rangeMax ? [rangeMin, rangeMax] : [rangeMin - 1, rangeMax + 1];
    const tileJson = await getExpressionTileJson(scene.id, expression, {
      colormapName: colormap.name,
      rescale: drawn,
    });
    if (thisRequest !== this.requestNumber) return;

    showMathOverlay(this.map, { ...tileJson, opacity: 1 });
    this.shown = { sceneId: scene.id, expression };
    this.hideButton.disabled = false;
    this.legend.show({ title: stats.name, colormap, rangeMin: drawn[0], rangeMax: drawn[1] });
    renderHistogram(this.histogram, stats.histogram, stats.unit);
  }

  private showError(error: { message: string; code?: string } | null): void {
    this.errorBox.hidden = error === null;
    this.errorText.textContent = error?.message ?? '';
    this.errorCode.textContent = error?.code ?? '';
  }
}
