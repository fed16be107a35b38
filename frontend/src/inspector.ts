/**
 * The pixel inspector: a click on the map asks the server for the shown product's value at
 * that point and opens a popup with it (kelvin and Celsius for LST); the cursor position is
 * shown in the corner of the map.
 */
import { Popup, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl';
import { getProductPoint, type ProductInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { formatLonLat, formatValue } from './format.js';

function popupContent(lon: number, lat: number, valueText: string): HTMLElement {
  const content = createElement('div', 'point-popup');
  content.dataset['testid'] = 'point-popup';
  const value = createElement('div', 'point-value', valueText);
  value.dataset['testid'] = 'point-value';
  content.append(value);
  content.append(createElement('div', 'point-position', formatLonLat(lon, lat)));
  return content;
}

/** Wires click queries and the cursor read-out; `currentProduct` tells what is shown. */
export function setupInspector(map: MapLibreMap, currentProduct: () => ProductInfo | null): void {
  const cursor = byId('cursor-position', HTMLElement);
  const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '260px' });

  map.on('mousemove', (event: MapMouseEvent) => {
    cursor.textContent = formatLonLat(event.lngLat.lng, event.lngLat.lat);
  });

  map.on('click', (event: MapMouseEvent) => {
    const product = currentProduct();
    if (product === null) return;
    const { lng, lat } = event.lngLat;
    popup
      .setLngLat(event.lngLat)
      .setDOMContent(popupContent(lng, lat, 'Querying…'))
      .addTo(map);

    getProductPoint(product.id, lng, lat)
      .then((point) => {
        const text = point.value === null ? 'No data here' : formatValue(point.value, point.unit);
        popup.setDOMContent(popupContent(lng, lat, text));
      })
      .catch((cause: unknown) => {
        const message = cause instanceof Error ? cause.message : String(cause);
        popup.setDOMContent(popupContent(lng, lat, `Query failed: ${message}`));
      });
  });
}
