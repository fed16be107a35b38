/**
 * The legend card over the map: the colormap as a gradient bar, the display range in the
 * product's unit (p2–p98 of the product by default, editable), the colormap choice and the
 * overlay opacity. A product of another kind than the last one shown starts with its kind's
 * colormap (inferno for kelvin, viridis for NDVI and emissivity). It owns no map state: changes
 * are reported through {@link LegendHandlers}.
 */
import type { ColormapInfo, ProductInfo } from './api.js';
import { byId } from './dom.js';
import { formatCelsius, formatKelvin, rangeDecimals, unitSuffix } from './format.js';
import { productLabel } from './labels.js';
import { defaultColormapFor } from './product-catalog.js';

/** Colormaps offered first, in this order, when the server knows them. */
const PREFERRED_COLORMAPS = ['inferno', 'viridis', 'turbo', 'RdYlBu_r', 'magma', 'plasma'];
/** Colormap selected when a product is first shown. */
export const DEFAULT_COLORMAP = 'inferno';
/** Overlay opacity when the page opens, 0..1. */
export const DEFAULT_OPACITY = 0.85;

/** The legend's current settings. */
export interface LegendSettings {
  colormapName: string;
  /** Display range in the product's unit (kelvin for LST). */
  rangeMin: number;
  rangeMax: number;
  /** 0..1 */
  opacity: number;
}

/** Callbacks for user changes. */
export interface LegendHandlers {
  /** Colormap or display range changed: the overlay needs new tiles. */
  onRenderChange: (settings: LegendSettings) => void;
  /** Opacity slider moved. */
  onOpacityChange: (opacity: number) => void;
}

/** Controller of the legend elements in index.html. */
export class Legend {
  private readonly card = byId('legend', HTMLElement);
  private readonly title = byId('legend-title', HTMLElement);
  private readonly bar = byId('legend-gradient', HTMLElement);
  private readonly minLabel = byId('legend-min', HTMLElement);
  private readonly maxLabel = byId('legend-max', HTMLElement);
  private readonly midLabel = byId('legend-mid', HTMLElement);
  private readonly colormapSelect = byId('colormap-select', HTMLSelectElement);
  private readonly opacityInput = byId('opacity-slider', HTMLInputElement);
  private readonly opacityLabel = byId('opacity-value', HTMLElement);
  private readonly minInput = byId('range-min-input', HTMLInputElement);
  private readonly maxInput = byId('range-max-input', HTMLInputElement);
  private readonly resetButton = byId('range-reset', HTMLButtonElement);
  private readonly rangeLabel = byId('range-label', HTMLElement);
  private colormaps = new Map<string, ColormapInfo>();
  private product: ProductInfo | null = null;
  /** Kind of the last product shown, kept while the legend is hidden. */
  private shownKind: string | null = null;
  private settings: LegendSettings = {
    colormapName: DEFAULT_COLORMAP,
    rangeMin: 0,
    rangeMax: 1,
    opacity: DEFAULT_OPACITY,
  };

  constructor(private readonly handlers: LegendHandlers) {
    this.opacityInput.value = String(Math.round(DEFAULT_OPACITY * 100));
    this.showOpacity();
    this.colormapSelect.addEventListener('change', () => this.onColormapChosen());
    this.opacityInput.addEventListener('input', () => this.onOpacityMoved());
    this.minInput.addEventListener('change', () => this.onRangeEdited());
    this.maxInput.addEventListener('change', () => this.onRangeEdited());
    this.resetButton.addEventListener('click', () => this.resetRange());
  }

  /** Fills the colormap select from the server's list (continuous colormaps only). */
  setColormaps(colormaps: readonly ColormapInfo[]): void {
    const continuous = colormaps.filter((colormap) => colormap.type !== 'categorical');
    const rank = (name: string): number => {
      const index = PREFERRED_COLORMAPS.indexOf(name);
      return index === -1 ? PREFERRED_COLORMAPS.length : index;
    };
    const ordered = [...continuous].sort((a, b) => rank(a.name) - rank(b.name));

    this.colormaps = new Map(ordered.map((colormap) => [colormap.name, colormap]));
    this.colormapSelect.replaceChildren(
      ...ordered.map((colormap) => new Option(colormap.name, colormap.name)),
    );
    if (!this.colormaps.has(this.settings.colormapName) && ordered[0] !== undefined) {
      this.settings.colormapName = ordered[0].name;
    }
    this.colormapSelect.value = this.settings.colormapName;
    this.paintGradient();
  }

  /**
   * Shows the legend for a product, with its p2–p98 range and, when its kind differs from the
   * last product's, its kind's colormap; returns the settings to render.
   */
  showProduct(product: ProductInfo): LegendSettings {
    if (product.product !== this.shownKind) this.useColormapOf(product.product);
    this.shownKind = product.product;
    this.product = product;
    this.title.textContent = `${productLabel(product)} (${product.unit})`;
    this.rangeLabel.textContent = `Range (${product.unit})`;
    this.settings.rangeMin = product.stats.p2;
    this.settings.rangeMax = product.stats.p98;
    this.showRange();
    this.card.hidden = false;
    return { ...this.settings };
  }

  /** Hides the legend (no product shown). */
  hide(): void {
    this.product = null;
    this.card.hidden = true;
  }

  /** The current settings. */
  current(): LegendSettings {
    return { ...this.settings };
  }

  private useColormapOf(kind: string): void {
    const available = new Set(this.colormaps.keys());
    this.settings.colormapName = defaultColormapFor(kind, available, this.settings.colormapName);
    this.colormapSelect.value = this.settings.colormapName;
    this.paintGradient();
  }

  private onColormapChosen(): void {
    this.settings.colormapName = this.colormapSelect.value;
    this.paintGradient();
    this.handlers.onRenderChange(this.current());
  }

  private onOpacityMoved(): void {
    this.settings.opacity = Number(this.opacityInput.value) / 100;
    this.showOpacity();
    this.handlers.onOpacityChange(this.settings.opacity);
  }

  private onRangeEdited(): void {
    const rangeMin = Number(this.minInput.value);
    const rangeMax = Number(this.maxInput.value);
    const valid = Number.isFinite(rangeMin) && Number.isFinite(rangeMax) && rangeMin < rangeMax;
    this.card.classList.toggle('legend-invalid', !valid);
    if (!valid) return;

    this.settings.rangeMin = rangeMin;
    this.settings.rangeMax = rangeMax;
    this.showRange();
    this.handlers.onRenderChange(this.current());
  }

  private resetRange(): void {
    if (this.product === null) return;
    this.settings.rangeMin = this.product.stats.p2;
    this.settings.rangeMax = this.product.stats.p98;
    this.card.classList.remove('legend-invalid');
    this.showRange();
    this.handlers.onRenderChange(this.current());
  }

  private showRange(): void {
    const { rangeMin, rangeMax } = this.settings;
    const unit = this.product?.unit ?? 'K';
    const stats = this.product?.stats;
    const decimals = stats === undefined ? 1 : rangeDecimals(stats.p2, stats.p98, unit);
    const label = (value: number): string =>
      unit === 'K' ? formatKelvin(value, 1) : `${value.toFixed(decimals)}${unitSuffix(unit)}`;

    this.minLabel.textContent = label(rangeMin);
    this.maxLabel.textContent = label(rangeMax);
    this.midLabel.textContent = label((rangeMin + rangeMax) / 2);
    this.minLabel.title = unit === 'K' ? formatCelsius(rangeMin, 1) : '';
    this.maxLabel.title = unit === 'K' ? formatCelsius(rangeMax, 1) : '';
    const step = unit === 'K' ? '0.5' : String(10 ** -decimals);
    this.minInput.step = step;
    this.maxInput.step = step;
    this.minInput.value = rangeMin.toFixed(decimals);
    this.maxInput.value = rangeMax.toFixed(decimals);
    this.card.dataset['rangeMin'] = String(rangeMin);
    this.card.dataset['rangeMax'] = String(rangeMax);
  }

  private showOpacity(): void {
    this.opacityLabel.textContent = `${this.opacityInput.value} %`;
  }

  private paintGradient(): void {
    const stops = this.colormaps.get(this.settings.colormapName)?.stops ?? ['#000000', '#ffffff'];
    this.bar.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
    this.card.dataset['colormap'] = this.settings.colormapName;
  }
}
