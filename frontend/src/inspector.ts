/**
 * The pixel inspector: a click on the map asks the server for every band and product of the
 * scene at that point (and the band-math layer's value when one is shown) and opens a popup
 * with them; the shown product leads the popup (kelvin and Celsius for LST), so its value is
 * read first, and the table under it lists the other products only (each value shown once). The cursor position is shown in the corner of the map. The popup closes whenever
 * the shown product changes, so it never shows one product's value over another.
 */
import { Popup, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl';
import { getScenePoint, type LayerPointValue, type ScenePointAnswer } from './api-raster.js';
import type { ProductInfo, SceneInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { formatLonLat, formatValue } from './format.js';
import { productLabel } from './labels.js';

/** What the page tells the inspector. */
export interface Inspector {
  /** The shown product changed (or went away): closes the popup, drops pending answers. */
  productChanged(): void;
}

/** What the inspector asks the page at each click. */
export interface InspectorSources {
  /** The product on the map, or null. */
  product: () => ProductInfo | null;
  /** The selected scene, or null. */
  scene: () => SceneInfo | null;
  /** The band-math layer on the map and its scene, or null. */
  expression: () => { sceneId: string; expression: string } | null;
}

/** The popup text of a point answer. */
export function pointText(point: LayerPointValue): string {
  if (point.value !== null) return formatValue(point.value, point.unit ?? '');
  return point.reason === 'outside' ? 'Outside the scene' : 'No data';
}

/** One `name value` row of the popup table. */
function valueRow(kind: string, name: string, point: LayerPointValue): HTMLTableRowElement {
  const row = createElement('tr', '');
  row.dataset['testid'] = 'point-row';
  row.dataset['kind'] = kind;
  row.dataset['name'] = name;
  row.append(createElement('th', '', name), createElement('td', 'point-cell', pointText(point)));
  return row;
}

/**
 * The table of every band, product and the expression of an answer, except the product shown
 * (`shownId`), whose value is the popup's headline.
 */
function valueTable(answer: ScenePointAnswer, shownId: string | null): HTMLTableElement {
  const table = createElement('table', 'point-table');
  table.dataset['testid'] = 'point-table';
  const body = createElement('tbody', '');
  for (const band of answer.bands) body.append(valueRow('band', band.name, band));
  for (const product of answer.products) {
    if (product.id === shownId) continue;
    body.append(valueRow('product', productLabel(product), product));
  }
  if (answer.expression !== undefined) {
    body.append(valueRow('expression', answer.expression.expression, answer.expression));
  }
  table.append(body);
  return table;
}

interface PopupState {
  /** Heading of the popup: the shown product, else the scene. */
  heading: string;
  productId: string | null;
  /** The headline value (the shown product's), or a status line. */
  valueText: string;
  answer: ScenePointAnswer | null;
}

function popupContent(state: PopupState, lon: number, lat: number): HTMLElement {
  const content = createElement('div', 'point-popup');
  content.dataset['testid'] = 'point-popup';
  if (state.productId !== null) content.dataset['productId'] = state.productId;
  const source = createElement('div', 'point-product', state.heading);
  source.dataset['testid'] = 'point-product';
  const value = createElement('div', 'point-value', state.valueText);
  value.dataset['testid'] = 'point-value';
  content.append(source, value);
  if (state.answer !== null) content.append(valueTable(state.answer, state.productId));
  content.append(createElement('div', 'point-position', formatLonLat(lon, lat)));
  return content;
}

/** The headline of an answer: the shown product's value, else whether the point is inside. */
function headline(answer: ScenePointAnswer, product: ProductInfo | null): string {
  const shown = answer.products.find((entry) => entry.id === product?.id);
  if (shown !== undefined) return pointText(shown);
  const outside = answer.bands.every((band) => band.value === null && band.reason === 'outside');
  return outside ? 'Outside the scene' : `${answer.bands.length} bands`;
}

/** Wires click queries and the cursor read-out; `sources` tell what is shown. */
export function setupInspector(map: MapLibreMap, sources: InspectorSources): Inspector {
  const cursor = byId('cursor-position', HTMLElement);
  const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '300px' });
  // Answers to an older click, or for a product no longer shown, are dropped.
  let queryNumber = 0;

  map.on('mousemove', (event: MapMouseEvent) => {
    cursor.textContent = formatLonLat(event.lngLat.lng, event.lngLat.lat);
  });

  map.on('click', (event: MapMouseEvent) => {
    const product = sources.product();
    const sceneId = product?.sceneId ?? sources.scene()?.id;
    if (sceneId === undefined) return;
    const { lng, lat } = event.lngLat;
    const thisQuery = ++queryNumber;
    const heading = product === null ? 'Scene bands' : productLabel(product);
    const show = (valueText: string, answer: ScenePointAnswer | null): void => {
      if (thisQuery !== queryNumber) return;
      const state = { heading, productId: product?.id ?? null, valueText, answer };
      popup.setDOMContent(popupContent(state, lng, lat));
    };
    popup.setLngLat(event.lngLat);
    show('Querying…', null);
    popup.addTo(map);

    const math = sources.expression();
    const expression = math?.sceneId === sceneId ? math.expression : null;
    getScenePoint(sceneId, lng, lat, expression)
      .then((answer) => show(headline(answer, product), answer))
      .catch((cause: unknown) => {
        show(`Query failed: ${cause instanceof Error ? cause.message : String(cause)}`, null);
      });
  });

  return {
    productChanged: () => {
      queryNumber += 1;
      popup.remove();
    },
  };
}
