/** Rows of the `scenes` and `bands` tables, and their conversion to SceneDescription. */
import type { Db } from './db.js';
import { parseJson } from './db.js';
import type {
  LandsatMetadata,
  SceneBand,
  SceneDescription,
  SensorId,
} from '../src/rasters/scene-types.js';
import type { Bounds, CrsInfo, GeoTransform, RasterWarning } from '../src/rasters/types.js';

/** Statistics of one band at ingest, in physical units (scale/offset applied). */
export interface BandStats {
  min: number;
  max: number;
  mean: number;
  p2: number;
  p98: number;
  validCount: number;
}

/** A band as stored: the scene band plus its ingest statistics. */
export interface StoredBand extends SceneBand {
  /** null when the band has no valid pixel. */
  stats: BandStats | null;
}

/** A stored scene. */
export interface StoredScene extends Omit<SceneDescription, 'bands'> {
  id: string;
  createdAt: string;
  bands: StoredBand[];
}

interface SceneRow {
  id: string;
  created_at: string;
  sensor: string;
  level: string | null;
  scene_id: string | null;
  width: number;
  height: number;
  crs: string;
  geo_transform: string;
  bounds: string;
  metadata: string | null;
  warnings: string;
}

interface BandRow {
  scene_id: string;
  name: string;
  path: string;
  band_index: number;
  file_name: string;
  description: string | null;
  stats: string | null;
}

/** Inserts a scene and its bands in one transaction. */
export function insertScene(db: Db, scene: StoredScene): void {
  const insertSceneRow = db.prepare(
    `INSERT INTO scenes (id, created_at, sensor, level, scene_id, width, height, crs,
       geo_transform, bounds, metadata, warnings)
     VALUES (@id, @createdAt, @sensor, @level, @sceneId, @width, @height, @crs,
       @geoTransform, @bounds, @metadata, @warnings)`,
  );
  const insertBandRow = db.prepare(
    `INSERT INTO bands (scene_id, name, path, band_index, file_name, description, position, stats)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  db.transaction(() => {
    insertSceneRow.run({
      id: scene.id,
      createdAt: scene.createdAt,
      sensor: scene.sensor,
      level: scene.level,
      sceneId: scene.sceneId,
      width: scene.width,
      height: scene.height,
      crs: JSON.stringify(scene.crs),
      geoTransform: JSON.stringify(scene.geoTransform),
      bounds: JSON.stringify(scene.boundsWgs84),
      metadata: scene.metadata === null ? null : JSON.stringify(scene.metadata),
      warnings: JSON.stringify(scene.warnings),
    });
    scene.bands.forEach((band, position) => {
      insertBandRow.run(
        scene.id,
        band.name,
        band.path,
        band.bandIndex,
        band.fileName,
        band.description,
        position,
        band.stats === null ? null : JSON.stringify(band.stats),
      );
    });
  })();
}

/** The scene with this id, or null. */
export function getScene(db: Db, id: string): StoredScene | null {
  const row = db.prepare('SELECT * FROM scenes WHERE id = ?').get(id) as SceneRow | undefined;
  return row === undefined ? null : toScene(row, bandsOf(db, id));
}

/** All scenes, newest first. */
export function listScenes(db: Db): StoredScene[] {
  const rows = db.prepare('SELECT * FROM scenes ORDER BY created_at DESC, id').all() as SceneRow[];
  return rows.map((row) => toScene(row, bandsOf(db, row.id)));
}

/** Ids of every stored scene. */
export function sceneIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM scenes').all() as { id: string }[]).map((row) => row.id);
}

/** Deletes a scene's row; its bands and products go with it (ON DELETE CASCADE). */
export function deleteSceneRow(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM scenes WHERE id = ?').run(id).changes > 0;
}

function bandsOf(db: Db, sceneId: string): StoredBand[] {
  const rows = db
    .prepare('SELECT * FROM bands WHERE scene_id = ? ORDER BY position')
    .all(sceneId) as BandRow[];
  return rows.map((row) => ({
    name: row.name,
    path: row.path,
    bandIndex: row.band_index,
    fileName: row.file_name,
    description: row.description,
    stats: parseJson<BandStats | null>(row.stats, null),
  }));
}

function toScene(row: SceneRow, bands: StoredBand[]): StoredScene {
  return {
    id: row.id,
    createdAt: row.created_at,
    sensor: row.sensor as SensorId,
    level: row.level as SceneDescription['level'],
    sceneId: row.scene_id,
    width: row.width,
    height: row.height,
    crs: JSON.parse(row.crs) as CrsInfo,
    geoTransform: JSON.parse(row.geo_transform) as GeoTransform,
    boundsWgs84: JSON.parse(row.bounds) as Bounds,
    metadata: parseJson<LandsatMetadata | null>(row.metadata, null),
    warnings: JSON.parse(row.warnings) as RasterWarning[],
    bands,
  };
}
