/**
 * The pixel inspector: a click on the map asks the server for the shown product's value at
 * that point and opens a popup with it (kelvin and Celsius for LST) and the product it comes
 * from; the cursor position is shown in the corner of the map. The popup closes whenever the
 * shown product changes, so it never shows one product's value over another.
 */
import { Popup, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl';
import { getProductPoint, type PointValue, type ProductInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { formatLonLat, formatValue } from './format.js';
import { productLabel } from './labels.js';

/** What the page tells the inspector. */
export interface Inspector {
  /** The shown product changed (or went away): closes the popup, drops pending answers. */
  productChanged(): void;
}

/** The popup text of a point answer. */
export function pointText(point: PointValue): string {
  if (point.value !== null) return formatValue(point.value, point.unit);
  return point.reason === 'outside' ? 'Outside the scene' : 'No data';
}

function popupContent(
  product: ProductInfo,
  lon: number,
  lat: number,
  valueText: string,
): HTMLElement {
  const content = createElement('div', 'point-popup');
  content.dataset['testid'] = 'point-popup';
  content.dataset['productId'] = product.id;
  const source = createElement('div', 'point-product', productLabel(product));
  source.dataset['testid'] = 'point-product';
  const value = createElement('div', 'point-value', valueText);
  value.dataset['testid'] = 'point-value';
  content.append(source, value);
  content.append(createElement('div', 'point-position', formatLonLat(lon, lat)));
  return content;
}

/** Wires click queries and the cursor read-out; `currentProduct` tells what is shown. */
export function setupInspector(
  map: MapLibreMap,
  currentProduct: () => ProductInfo | null,
): Inspector {
  const cursor = byId('cursor-position', HTMLElement);
  const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '260px' });
  // Answers to an older click, or for a product no longer shown, are dropped.
  let queryNumber = 0;

  map.on('mousemove', (event: MapMouseEvent) => {
    cursor.textContent = formatLonLat(event.lngLat.lng, event.lngLat.lat);
  });

  map.on('click', (event: MapMouseEvent) => {
    const product = currentProduct();
    if (product === null) return;
    const { lng, lat } = event.lngLat;
    const thisQuery = ++queryNumber;
    const show = (text: string): void => {
      if (thisQuery === queryNumber) popup.setDOMContent(popupContent(product, lng, lat, text));
    };
    popup.setLngLat(event.lngLat);
    show('Querying…');
    popup.addTo(map);

    getProductPoint(product.id, lng, lat)
      .then((point) => show(pointText(point)))
      .catch((cause: unknown) => {
        show(`Query failed: ${cause instanceof Error ? cause.message : String(cause)}`);
      });
  });

  return {
    productChanged: () => {
      queryNumber += 1;
      popup.remove();
    },
  };
}
