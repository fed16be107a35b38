/**
 * Point query over a whole scene: every band's physical value at a lon/lat, every product's,
 * and optionally a band-math expression's, each with its unit or null and the reason.
 */
import type { AppContext } from './context.js';
import { expressionLayer } from './expression-layer.js';
import { bandLayer, productLayer } from './layers.js';
import { productsOfScene } from './product-store.js';
import type { StoredScene } from './scene-store.js';
import type { PointAnswer } from './tile-service.js';
import { layerPoint } from './tile-service.js';

/** The answer of `GET /api/scenes/:id/point`. */
export interface ScenePoint {
  lon: number;
  lat: number;
  /** In scene band order. */
  bands: (PointAnswer & { name: string })[];
  /** Oldest first. */
  products: (PointAnswer & { id: string; product: string; method: string })[];
  /** Present when the request gave an expression. */
  expression?: PointAnswer & { expression: string };
}

/**
 * Values of every band and product of `scene` (and of `expression` when given) at a lon/lat.
 * @throws InvalidParameterError for a bad expression.
 */
export async function scenePoint(
  context: AppContext,
  scene: StoredScene,
  point: { lon: number; lat: number },
  expression: string | undefined,
): Promise<ScenePoint> {
  const math = expression === undefined ? null : expressionLayer(scene, expression);
  const bands = await Promise.all(
    scene.bands.map(async (band) => ({
      name: band.name,
      ...(await layerPoint(context, bandLayer(scene, band), point)),
    })),
  );
  const products = await Promise.all(
    productsOfScene(context.db, scene.id).map(async (product) => ({
      id: product.id,
      product: product.product,
      method: product.method,
      ...(await layerPoint(context, productLayer(product, scene), point)),
    })),
  );

  const answer: ScenePoint = { lon: point.lon, lat: point.lat, bands, products };
  if (math !== null) {
    answer.expression = { expression: math.name, ...(await layerPoint(context, math, point)) };
  }
  return answer;
}
