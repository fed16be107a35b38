/**
 * Entry point of the web page: creates the map and wires the panels together. The page's
 * state is the scene being looked at, the product shown over it and the band-math layer over
 * both; whenever the shown product changes, the point popup closes, the product list marks the
 * new one and the zones panel offers it.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/base.css';
import './styles/panels.css';
import './styles/map.css';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { listColormaps, productTileTemplate, type ProductInfo, type SceneInfo } from './api.js';
import { BandMathPanel } from './band-math.js';
import { byId } from './dom.js';
import { setupInspector } from './inspector.js';
import { Legend, type LegendSettings } from './legend.js';
import {
  createMap,
  removeOverlay,
  setOverlayOpacity,
  setOverlayTiles,
  showOverlay,
  showSceneFootprint,
} from './map.js';
import { Notices } from './notices.js';
import { ProductList } from './product-list.js';
import { ProductPanel } from './product.js';
import { RetrievePanel } from './retrieve.js';
import { SceneList } from './scenes.js';
import { setupUpload } from './upload.js';
import { ZonesPanel } from './zones.js';

declare global {
  interface Window {
    /** Handles for automated browser tests. */
    __rskd?: { map: MapLibreMap };
  }
}

function tileTemplateFor(product: ProductInfo, settings: LegendSettings): string {
  return productTileTemplate(
    product.id,
    settings.colormapName,
    settings.rangeMin,
    settings.rangeMax,
  );
}

function start(): void {
  const map = createMap(byId('map', HTMLElement));
  window.__rskd = { map };
  const notices = new Notices();
  const productPanel = new ProductPanel();
  // Panels over the map that a fitted scene must stay clear of.
  const mapPanels = [
    byId('legend', HTMLElement),
    byId('math-legend', HTMLElement),
    byId('sidebar', HTMLElement),
  ];
  let shownProduct: ProductInfo | null = null;

  const legend = new Legend({
    onRenderChange: (settings) => {
      if (shownProduct !== null) setOverlayTiles(map, tileTemplateFor(shownProduct, settings));
    },
    onOpacityChange: (opacity) => setOverlayOpacity(map, opacity),
  });
  const bandMath = new BandMathPanel(map);
  const zones = new ZonesPanel(map);
  const inspector = setupInspector(map, {
    product: () => shownProduct,
    scene: () => scenes.selected(),
    expression: () => bandMath.current(),
  });
  const productList = new ProductList(notices, (product) => showProduct(product));

  const clearProduct = (): void => {
    shownProduct = null;
    inspector.productChanged();
    zones.setProduct(null);
    productList.markShown(null);
    removeOverlay(map);
    legend.hide();
    productPanel.hide();
  };
  const showProduct = (product: ProductInfo): void => {
    shownProduct = product;
    inspector.productChanged();
    zones.setProduct(product);
    productList.markShown(product.id);
    const settings = legend.showProduct(product);
    productPanel.show(product);
    showOverlay(map, {
      tileTemplate: tileTemplateFor(product, settings),
      bounds: product.bounds,
      opacity: settings.opacity,
    });
  };

  const retrieve = new RetrievePanel(notices, (product) => {
    showProduct(product);
    if (scenes.selected()?.id === product.sceneId) void productList.load(product.sceneId);
  });
  const scenes = new SceneList(notices, {
    onSelect: (scene: SceneInfo) => {
      if (shownProduct !== null && shownProduct.sceneId !== scene.id) clearProduct();
      retrieve.setScene(scene);
      bandMath.setScene(scene);
      zones.setScene(scene);
      showSceneFootprint(map, scene.bounds, mapPanels);
      void productList.load(scene.id);
    },
    onDeleted: (sceneId) => {
      if (shownProduct?.sceneId === sceneId) clearProduct();
      const selected = scenes.selected();
      retrieve.setScene(selected);
      bandMath.setScene(selected);
      zones.setScene(selected);
      void productList.load(selected?.id ?? null);
    },
  });
  setupUpload(notices, (scene) => scenes.addAndSelect(scene));

  listColormaps()
    .then((colormaps) => {
      legend.setColormaps(colormaps);
      bandMath.setColormaps(colormaps);
    })
    .catch((cause: unknown) => notices.error('Could not load colormaps', cause));
  map.once('load', () => void scenes.refresh());
}

start();
