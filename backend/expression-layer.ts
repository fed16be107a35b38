/**
 * Band-math layers: an expression over a scene's bands (`(B5-B4)/(B5+B4)`) drawn, queried and
 * summarised like a band. Its source is a one-band reader whose window reads read every band of
 * the expression in physical units (fill masked, Level-2 or file scaling applied, as band tiles
 * are) and evaluate the expression; its default rescale is [p2, p98] of the expression over a
 * reduced read, computed once per scene and expression.
 */
import type { BandExpression } from '../src/rasters/band-math.js';
import { evaluateBandExpression, parseBandExpression } from '../src/rasters/band-math.js';
import { computeStatistics } from '../src/rasters/statistics.js';
import { readForStatistics } from '../src/rasters/statistics-read.js';
import type { PixelWindow, RasterReader, ReadWindowOptions } from '../src/rasters/types.js';
import { toPhysical } from './band-values.js';
import type { Layer, LayerSource } from './layers.js';
import { finitePair, withBandSource } from './layers.js';
import { LruCache } from './lru.js';
import type { ReaderPool } from './reader-pool.js';
import { requireBand, sceneTilePrefix } from './scene-service.js';
import type { StoredScene } from './scene-store.js';

/**
 * Default rescales of expressions, by `<scene prefix>expr:<canonical>`: the 256 most recent are
 * kept (scene ids are never reused, so entries of deleted scenes only age out).
 */
const rescaleCache = new LruCache<Promise<readonly [number, number] | null>>({ maxSize: 256 });

/** Cache-key prefix of a scene's expression layers. */
export const expressionKeyPrefix = (sceneId: string): string => `${sceneTilePrefix(sceneId)}expr:`;

/**
 * The layer of a band-math expression over `scene`'s bands.
 * @throws InvalidParameterError for a bad expression (syntax, unknown band, too long).
 */
export function expressionLayer(scene: StoredScene, source: string): Layer {
  const expression = parseBandExpression(
    source,
    scene.bands.map((band) => band.name),
  );
  const cacheKey = `${expressionKeyPrefix(scene.id)}${expression.canonical}:`;
  const layer: Layer = {
    cacheKey,
    name: expression.canonical,
    bounds: scene.boundsWgs84,
    routeBase: `/api/scenes/${scene.id}`,
    routeQuery: { expression: source },
    withSource: (readers, fn) => withExpressionSource(readers, scene, expression, fn),
    defaultRescale: (readers) => {
      let rescale = rescaleCache.get(cacheKey);
      if (rescale === undefined) {
        rescale = expressionRescale(readers, layer);
        rescaleCache.set(cacheKey, rescale);
        rescale.catch(() => rescaleCache.delete(cacheKey));
      }
      return rescale;
    },
  };
  return layer;
}

/** Runs `fn` with a one-band reader evaluating `expression`, holding every band's reader. */
async function withExpressionSource<T>(
  readers: ReaderPool,
  scene: StoredScene,
  expression: BandExpression,
  fn: (source: LayerSource) => Promise<T>,
): Promise<T> {
  const bands = expression.bands.map((name) => requireBand(scene, name));
  const sources: LayerSource[] = [];
  const openNext = async (index: number): Promise<T> => {
    const band = bands[index];
    if (band === undefined) {
      const reader = evaluatingReader(expression, sources);
      const rule = { fillValue: null, scale: 1, offset: 0, unit: null };
      return fn({ reader, bandIndex: 0, rule });
    }
    return withBandSource(readers, scene, band, (source) => {
      sources.push(source);
      return openNext(index + 1);
    });
  };
  return openNext(0);
}

/**
 * A one-band reader over the expression's bands (all on the scene's grid): each window read
 * reads every band at the same window and size, converts it to physical units and evaluates.
 */
function evaluatingReader(
  expression: BandExpression,
  sources: readonly LayerSource[],
): RasterReader {
  const first = sources[0]!.reader;
  return {
    path: `${first.path}#${expression.canonical}`,
    info: {
      ...first.info,
      bandCount: 1,
      noData: Number.NaN,
      scale: [1],
      offset: [0],
      bandDescriptions: [expression.canonical],
    },
    async readWindow(window: PixelWindow, options: ReadWindowOptions): Promise<Float32Array> {
      const arrays = await Promise.all(
        sources.map(async (source) => {
          const raw = await source.reader.readWindow(window, {
            ...options,
            bandIndex: source.bandIndex,
          });
          return toPhysical(raw, source.rule);
        }),
      );
      const values = new Map(expression.bands.map((name, i) => [name, arrays[i]!]));
      return evaluateBandExpression(expression, values);
    },
    close: () => Promise.resolve(),
  };
}

/** [p2, p98] of the expression over a reduced read of the scene (null when all NaN). */
function expressionRescale(
  readers: ReaderPool,
  layer: Layer,
): Promise<readonly [number, number] | null> {
  return layer.withSource(readers, async (source) => {
    const { values } = await readForStatistics(source.reader, source.bandIndex);
    const stats = computeStatistics(values);
    return finitePair(stats.p2, stats.p98);
  });
}
