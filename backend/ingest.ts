/**
 * Ingest of one uploaded scene: assemble the files into a scene, rewrite every band file once
 * as a COG (the working format: tiled DEFLATE, internal overviews, noData set), compute
 * per-band statistics from the COG (for default tile rescaling), move the upload folder into
 * `scenes/<id>/` and insert the rows. Nothing is stored before the scene assembles; a failed
 * insert removes the moved folder. The originals are not kept: the COG holds the same values.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { normaliseGeoTiff } from '../src/rasters/cog-normalise.js';
import type { OverviewResampling } from '../src/rasters/overview-builder.js';
import { openGeoTiff } from '../src/rasters/geotiff-reader.js';
import { assembleScene } from '../src/rasters/scene.js';
import type { SceneBand, SceneDescription } from '../src/rasters/scene-types.js';
import { computeStatistics } from '../src/rasters/statistics.js';
import type { Logger } from '../src/logger.js';
import { findBandProfile } from '../src/retrieval/sensors.js';
import { bandValueRule, maskFill, toPhysical } from './band-values.js';
import type { Db } from './db.js';
import { warningsAfterNormalisation, type NormalisedFile } from './normalised-warnings.js';
import type { BandStats, StoredBand, StoredScene } from './scene-store.js';
import { insertScene } from './scene-store.js';
import type { Storage } from './storage.js';
import type { UploadedFile } from './upload.js';

/** Long side, in pixels, of the overview read for band statistics. */
const STATS_MAX_SIDE_PX = 1024;

/** What ingest needs from the application. */
export interface IngestContext {
  db: Db;
  storage: Storage;
  logger: Logger;
}

/**
 * Turns the files of one upload (all inside `uploadDir`) into a stored scene. Throws the typed
 * errors of scene assembly (InvalidTiffError, UnknownCrsError, SceneAssemblyError…).
 */
export async function ingestScene(
  context: IngestContext,
  files: UploadedFile[],
  uploadDir: string,
): Promise<StoredScene> {
  const toClientNames = clientNamer(files);
  let scene: SceneDescription;
  let statsByBand: (BandStats | null)[];
  try {
    scene = await assembleScene(
      files.map((file) => ({ path: file.path, fileName: file.fileName })),
      { logger: renamingLogger(context.logger, toClientNames) },
    );
    const normalised = await normaliseSceneFiles(context.logger, scene, toClientNames);
    scene = { ...scene, warnings: warningsAfterNormalisation(scene.warnings, normalised) };
    // One band at a time: a band without overviews is decoded whole for its statistics, so
    // concurrent reads would hold every band of a full scene in memory at once.
    statsByBand = [];
    for (const band of scene.bands) statsByBand.push(await bandStatistics(scene, band));
  } catch (error) {
    if (error instanceof Error) error.message = toClientNames(error.message);
    throw error;
  }

  const id = randomUUID();
  const sceneDir = await context.storage.commitUpload(uploadDir, id);
  const stored: StoredScene = {
    ...scene,
    warnings: scene.warnings.map((warning) => ({
      ...warning,
      message: toClientNames(warning.message),
    })),
    id,
    createdAt: new Date().toISOString(),
    bands: scene.bands.map((band, i): StoredBand => ({
      ...band,
      path: path.join(sceneDir, path.basename(band.path)),
      stats: statsByBand[i] ?? null,
    })),
  };

  try {
    insertScene(context.db, stored);
  } catch (error) {
    await context.storage.removeDir(sceneDir);
    throw error;
  }
  return stored;
}

/**
 * Replaces the stored names of upload files (`03_l8_B10.tif`) by the names the client sent, in
 * messages of the core library, so errors and warnings name the files the user knows.
 */
function clientNamer(files: readonly UploadedFile[]): (text: string) => string {
  const pairs = files.map((file) => [path.basename(file.path), file.fileName] as const);
  return (text) => pairs.reduce((out, [stored, client]) => out.split(stored).join(client), text);
}

/**
 * A logger that passes every line to `logger` with `rename` applied to its message and to the
 * string fields of its object (one level deep), so logged warnings name the client's files.
 */
function renamingLogger(logger: Logger, rename: (text: string) => string): Logger {
  const renameFields = (obj: object): object =>
    Object.fromEntries(
      Object.entries(obj).map(([key, value]) => [
        key,
        typeof value === 'string' ? rename(value) : (value as unknown),
      ]),
    );
  const forward =
    (level: keyof Logger) =>
    (obj: object, msg?: string): void => {
      if (msg === undefined) logger[level](renameFields(obj));
      else logger[level](renameFields(obj), rename(msg));
    };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
}

/**
 * Statistics of one band in physical units, from an overview read whose long side is at most
 * {@link STATS_MAX_SIDE_PX}; null when the band has no valid pixel.
 */
async function bandStatistics(scene: SceneDescription, band: SceneBand): Promise<BandStats | null> {
  const reader = await openGeoTiff(band.path);
  try {
    const { width, height } = reader.info;
    const factor = Math.max(1, Math.max(width, height) / STATS_MAX_SIDE_PX);
    const values = await reader.readWindow(
      { x: 0, y: 0, width, height },
      {
        bandIndex: band.bandIndex,
        outWidth: Math.max(1, Math.round(width / factor)),
        outHeight: Math.max(1, Math.round(height / factor)),
      },
    );

    const rule = bandValueRule(scene.sensor, band.name, reader.info, band.bandIndex);
    const stats = computeStatistics(toPhysical(maskFill(values, rule.fillValue), rule));
    if (stats.validCount === 0) return null;
    const { min, max, mean, p2, p98, validCount } = stats;
    return { min, max, mean, p2, p98, validCount };
  } finally {
    await reader.close();
  }
}

/**
 * Rewrites each band file of the scene, in place inside the upload folder, as a COG: one file
 * at a time (memory stays at a few strips of tiles), one log line per file. A file without
 * noData gets its bands' sensor fill value (when they share one) so overviews leave it out;
 * quality bands get mode overviews (bit flags must not be averaged). Returns the noData of
 * each file before and after.
 */
async function normaliseSceneFiles(
  logger: Logger,
  scene: SceneDescription,
  toClientNames: (text: string) => string,
): Promise<NormalisedFile[]> {
  const bandsByFile = new Map<string, SceneBand[]>();
  for (const band of scene.bands) {
    bandsByFile.set(band.path, [...(bandsByFile.get(band.path) ?? []), band]);
  }

  const normalised: NormalisedFile[] = [];
  for (const [filePath, bands] of bandsByFile) {
    const profiles = bands.map((band) => findBandProfile(scene.sensor, band.name));
    const fills = new Set(profiles.map((profile) => profile?.fillValue ?? null));
    const [fill] = fills;
    const quality = profiles.every((profile) => profile?.role === 'quality');
    const resampling: OverviewResampling = quality ? 'mode' : 'average';
    const result = await normaliseGeoTiff(filePath, filePath, {
      fallbackNoData: fills.size === 1 ? (fill ?? null) : null,
      resampling,
    });
    logger.info(
      {
        file: toClientNames(path.basename(filePath)),
        bands: bands.map((band) => band.name),
        width: result.source.width,
        height: result.source.height,
        sampleType: result.source.sampleType,
        noData: result.noData,
        overviews: result.levels.length - 1,
        resampling,
        sourceBytes: result.sourceBytes,
        cogBytes: result.bytes,
        elapsedMs: Math.round(result.elapsedMs),
      },
      'band file normalised to COG',
    );
    normalised.push({ filePath, sourceNoData: result.source.noData, noData: result.noData });
  }
  return normalised;
}
