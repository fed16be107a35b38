/**
 * The products of the selected scene (`#scene-products`): every stored product, newest first,
 * with its kind and method, unit, date, median and p2–p98 range. Clicking one shows it on the
 * map, so products made before a page reload can be found again.
 */
import { listSceneProducts, type ProductInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { formatDateTime, rangeDecimals, unitSuffix } from './format.js';
import { productLabel } from './labels.js';
import type { Notices } from './notices.js';

/**
 * `median 296.94 K · p2–p98 271.2–334.9 K`, `median 0.54 · p2–p98 0.32–0.73` (unitless: no
 * unit written); kelvin medians with 2 decimals and ranges with 1, other units with the
 * decimals of {@link rangeDecimals}. The median is left out when unknown.
 */
export function productSummary(product: Pick<ProductInfo, 'stats' | 'unit'>): string {
  const { median, p2, p98 } = product.stats;
  const unit = unitSuffix(product.unit);
  const decimals = rangeDecimals(p2, p98, product.unit);
  const medianDecimals = product.unit === 'K' ? 2 : decimals;
  const range = `p2–p98 ${p2.toFixed(decimals)}–${p98.toFixed(decimals)}${unit}`;
  return median === null ? range : `median ${median.toFixed(medianDecimals)}${unit} · ${range}`;
}

/** Controller of `#scene-products` and `#product-list`. */
export class ProductList {
  private readonly section = byId('scene-products', HTMLElement);
  private readonly list = byId('product-list', HTMLUListElement);
  private readonly empty = byId('product-list-empty', HTMLElement);
  private sceneId: string | null = null;
  private products: ProductInfo[] = [];
  private shownId: string | null = null;

  constructor(
    private readonly notices: Notices,
    private readonly onShow: (product: ProductInfo) => void,
  ) {}

  /** Lists the products of a scene (null: no scene selected, hides the list). */
  async load(sceneId: string | null): Promise<void> {
    this.sceneId = sceneId;
    if (sceneId === null) {
      this.products = [];
      this.render();
      return;
    }
    try {
      const products = await listSceneProducts(sceneId);
      if (this.sceneId !== sceneId) return;
      this.products = products;
    } catch (cause) {
      this.notices.error('Could not list products', cause);
    }
    this.render();
  }

  /** Marks the product shown on the map (null: none). */
  markShown(productId: string | null): void {
    this.shownId = productId;
    for (const item of this.list.querySelectorAll<HTMLElement>('.product-item')) {
      item.classList.toggle('selected', item.dataset['productId'] === productId);
    }
  }

  private render(): void {
    this.section.hidden = this.sceneId === null;
    this.empty.hidden = this.products.length > 0;
    this.list.replaceChildren(...this.products.map((product) => this.productItem(product)));
  }

  private productItem(product: ProductInfo): HTMLLIElement {
    const item = createElement('li', 'product-item');
    item.dataset['testid'] = 'product-item';
    item.dataset['productId'] = product.id;
    item.dataset['product'] = product.product;
    item.classList.toggle('selected', product.id === this.shownId);
    item.tabIndex = 0;
    item.title = 'Show this product on the map';

    const heading = createElement('div', 'product-item-heading');
    const name = createElement('span', 'product-name');
    name.append(createElement('span', 'product-method', productLabel(product)));
    const unit = createElement('span', 'product-unit', product.unit);
    unit.dataset['testid'] = 'product-unit';
    name.append(unit);
    heading.append(name);
    heading.append(createElement('span', 'product-date', formatDateTime(product.createdAt)));
    item.append(heading);
    item.append(createElement('div', 'product-summary', productSummary(product)));

    item.addEventListener('click', () => this.onShow(product));
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.onShow(product);
    });
    return item;
  }
}
