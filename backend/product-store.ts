/** Rows of the `products` table: derived rasters (LST…) stored as GeoTIFFs in `results/`. */
import type { BandStatistics } from '../src/rasters/statistics.js';
import type { Db } from './db.js';

/**
 * Statistics of a product raster, in its unit, with the median (rank 0.5·(n−1)); NaN when the
 * raster has no finite value, and for rows stored before the median was recorded.
 */
export type ProductStats = Omit<BandStatistics, 'percentileMethod'>;

/** A stored product. */
export interface StoredProduct {
  id: string;
  sceneId: string;
  /** Product kind from the glossary, e.g. `lst`. */
  product: string;
  /** Retrieval method, e.g. `split-window`. */
  method: string;
  parameters: Record<string, unknown>;
  /** What the retrieval used (bands, constants), as reported by the physics module. */
  inputs: unknown;
  notes: string[];
  /** Unit of the values, e.g. `K`. */
  unit: string;
  /** Absolute path of the GeoTIFF. */
  path: string;
  stats: ProductStats;
  createdAt: string;
}

interface ProductRow {
  id: string;
  scene_id: string;
  product: string;
  method: string;
  parameters: string;
  inputs: string;
  notes: string;
  unit: string;
  path: string;
  stats: string;
  created_at: string;
}

/** Inserts one product row. */
export function insertProduct(db: Db, product: StoredProduct): void {
  db.prepare(
    `INSERT INTO products (id, scene_id, product, method, parameters, inputs, notes, unit, path,
       stats, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    product.id,
    product.sceneId,
    product.product,
    product.method,
    JSON.stringify(product.parameters),
    JSON.stringify(product.inputs ?? null),
    JSON.stringify(product.notes),
    product.unit,
    product.path,
    JSON.stringify(product.stats),
    product.createdAt,
  );
}

/** The product with this id, or null. */
export function getProduct(db: Db, id: string): StoredProduct | null {
  const row = db.prepare('SELECT * FROM products WHERE id = ?').get(id) as ProductRow | undefined;
  return row === undefined ? null : toProduct(row);
}

/** Products of one scene, oldest first (reverse it for newest first). */
export function productsOfScene(db: Db, sceneId: string): StoredProduct[] {
  const rows = db
    .prepare('SELECT * FROM products WHERE scene_id = ? ORDER BY created_at, id')
    .all(sceneId) as ProductRow[];
  return rows.map(toProduct);
}

/** Paths of every stored product file. */
export function productPaths(db: Db): string[] {
  return (db.prepare('SELECT path FROM products').all() as { path: string }[]).map((r) => r.path);
}

function toProduct(row: ProductRow): StoredProduct {
  return {
    id: row.id,
    sceneId: row.scene_id,
    product: row.product,
    method: row.method,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    inputs: JSON.parse(row.inputs) as unknown,
    notes: JSON.parse(row.notes) as string[],
    unit: row.unit,
    path: row.path,
    stats: {
      median: Number.NaN,
      ...(JSON.parse(row.stats) as Partial<ProductStats>),
    } as ProductStats,
    createdAt: row.created_at,
  };
}
