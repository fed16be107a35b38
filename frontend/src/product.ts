/**
 * The product panel: what the shown product is (kind, method, unit), its statistics (minimum,
 * maximum, mean, median when the server recorded it, p2–p98), a histogram of its values from
 * the statistics route and a link to download it as GeoTIFF.
 */
import { getProductStatistics } from './api-raster.js';
import { productDownloadUrl, type ProductInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { rangeDecimals, unitSuffix } from './format.js';
import { renderHistogram } from './histogram.js';
import { productLabel } from './labels.js';

/** Histogram bars of a product. */
export const PRODUCT_HISTOGRAM_BINS = 32;

function statRow(term: string, text: string): HTMLElement[] {
  return [createElement('dt', '', term), createElement('dd', '', text)];
}

/** Controller of `#product-panel`. */
export class ProductPanel {
  private readonly panel = byId('product-panel', HTMLElement);
  private readonly title = byId('product-title', HTMLElement);
  private readonly stats = byId('product-stats', HTMLElement);
  private readonly notes = byId('product-notes', HTMLElement);
  private readonly download = byId('product-download', HTMLAnchorElement);
  private readonly histogram = byId('product-histogram', HTMLElement);
  private readonly histogramError = byId('product-histogram-error', HTMLElement);
  private shownId: string | null = null;

  /** Shows a product's description. */
  show(product: ProductInfo): void {
    const { stats, unit } = product;
    // Kelvin with 2 decimals; other units with enough to tell p2 from p98 (emissivity: 5).
    const decimals = unit === 'K' ? 2 : rangeDecimals(stats.p2, stats.p98, unit);
    const withUnit = (value: number): string => `${value.toFixed(decimals)}${unitSuffix(unit)}`;
    this.title.textContent = productLabel(product);
    this.stats.replaceChildren(
      ...statRow('Minimum', withUnit(stats.min)),
      ...statRow('Maximum', withUnit(stats.max)),
      ...statRow('Mean', withUnit(stats.mean)),
      ...(stats.median === null ? [] : statRow('Median', withUnit(stats.median))),
      ...statRow('p2 – p98', `${stats.p2.toFixed(decimals)} – ${withUnit(stats.p98)}`),
      ...statRow('Unit', unit),
    );

    this.notes.replaceChildren(...product.notes.map((note) => createElement('li', '', note)));
    this.download.href = productDownloadUrl(product.id);
    this.download.download = `${product.product}-${product.method}-${product.id}.tif`;
    this.panel.dataset['productId'] = product.id;
    this.panel.hidden = false;
    this.panel.scrollIntoView({ block: 'nearest' });
    this.shownId = product.id;
    void this.loadHistogram(product);
  }

  private async loadHistogram(product: ProductInfo): Promise<void> {
    this.histogram.hidden = true;
    this.histogramError.hidden = true;
    try {
      const stats = await getProductStatistics(product.id, PRODUCT_HISTOGRAM_BINS);
      if (this.shownId === product.id) renderHistogram(this.histogram, stats.histogram, stats.unit);
    } catch (cause) {
      if (this.shownId !== product.id) return;
      this.histogramError.textContent = `No histogram: ${cause instanceof Error ? cause.message : String(cause)}`;
      this.histogramError.hidden = false;
    }
  }

  /** Hides the panel (no product shown). */
  hide(): void {
    this.shownId = null;
    this.panel.hidden = true;
  }
}
