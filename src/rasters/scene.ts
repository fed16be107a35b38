/**
 * Scene assembly: a set of uploaded files (Landsat band GeoTIFFs with their MTL, a Level-2
 * product, or plain GeoTIFFs) → one SceneDescription on one grid.
 *
 * - MTLs are recognised by name (`*_MTL.txt|json|xml`) or content; GeoTIFFs by extension or
 *   header; other files (ANG.txt, .aux.xml) are skipped with an `UNUSED_FILE` warning.
 * - The sensor comes from the MTL's SPACECRAFT_ID, else from the file-name prefix (LC08, LE7…);
 *   an MTL that contradicts the file names wins, with a `SENSOR_MISMATCH` warning.
 * - Band names come from the file-name suffix (`_B10`, `_ST_TRAD`…, MOD11/MYD11 exports'
 *   `_LST_Day_1km`, `_QC_Day`, `_Emis_31`…); a GeoTIFF without one in a non-Landsat scene
 *   contributes bands `b1`, `b2`, … (numbered across such files). MOD11/MYD11 exports whose names
 *   all parse as one granule make a `modis-terra` / `modis-aqua` scene whose id is the granule's
 *   (`MOD11A1.A2019305.h14v09.006`).
 * - The grid is the GeoTIFFs' (never the MTL's); every band must share CRS, size and
 *   geotransform (within 1e-6 relative), else SceneAssemblyError names both files.
 */
import { open, readFile, stat } from 'node:fs/promises';

import { LimitExceededError, SceneAssemblyError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import {
  getSensorProfile,
  sensorIdFromFileName,
  sensorIdFromSpacecraft,
} from '../retrieval/sensors.js';
import { modisGranuleFromFileName } from '../retrieval/modis.js';
import { boundsToWgs84 } from './crs.js';
import { openGeoTiff } from './geotiff-reader.js';
import { parseMtl } from './mtl.js';
import {
  bandNameFromFileName,
  fileKindFromContent,
  fileKindFromName,
  sceneIdFromFileName,
} from './scene-naming.js';
import type { SceneFileKind } from './scene-naming.js';
import type { LandsatMetadata, SceneBand, SceneDescription, SensorId } from './scene-types.js';
import type { RasterInfo, RasterReader, RasterWarning } from './types.js';

/** One uploaded file: where it is now, and the name it was uploaded with. */
export interface SceneFile {
  /** Absolute path of the file on disk. */
  path: string;
  /** Original file name (band suffixes and sensor prefixes are read from it). */
  fileName: string;
}

/** Options of {@link assembleScene}. */
export interface AssembleSceneOptions {
  logger?: Logger;
}

/** Largest MTL read, in bytes (real MTLs are under 70 KB). */
export const MAX_MTL_BYTES = 1 << 20;

/** Bytes read to tell a file's kind from its content. */
const SNIFF_BYTES = 512;

/** Relative tolerance of the grid comparison (geotransform terms). */
const GRID_TOLERANCE = 1e-6;

/** A GeoTIFF opened for assembly. */
interface OpenedRaster {
  file: SceneFile;
  info: RasterInfo;
}

/**
 * Groups `files` into one scene. Readers opened here are closed before returning.
 * @throws SceneAssemblyError when no file is a GeoTIFF, two files give the same band, a file's
 *   band cannot be named in a Landsat scene, or the GeoTIFFs are not on one grid.
 * @throws MetadataError for a malformed MTL; InvalidTiffError / UnknownCrsError from reading.
 */
export async function assembleScene(
  files: SceneFile[],
  options: AssembleSceneOptions = {},
): Promise<SceneDescription> {
  const logger = options.logger ?? silentLogger;
  const warnings: RasterWarning[] = [];

  const kinds = await Promise.all(
    files.map(async (file) => ({ file, kind: await fileKind(file) })),
  );
  for (const { file, kind } of kinds) {
    if (kind === 'other') {
      warnings.push({
        code: 'UNUSED_FILE',
        message: `${file.fileName} is neither a GeoTIFF nor an MTL; skipped`,
      });
    }
  }
  const tiffs = kinds.filter((k) => k.kind === 'tiff').map((k) => k.file);
  if (tiffs.length === 0) {
    const names = files.map((f) => f.fileName).join(', ') || 'none';
    throw new SceneAssemblyError(`no GeoTIFF among the uploaded files (${names})`, {
      files: names,
    });
  }

  const metadata = await readMetadata(kinds.filter((k) => k.kind === 'mtl').map((k) => k.file));
  const sensor = detectSensor(metadata, tiffs, warnings);
  const rasters = await readRasterInfos(tiffs);

  checkSameGrid(rasters);
  const bands = nameBands(rasters, sensor);
  collectReaderWarnings(rasters, warnings);
  if (metadata === null && isLandsat(sensor)) {
    warnings.push({
      code: 'NO_MTL',
      message: 'Landsat bands without an MTL: no radiance calibration or K1/K2',
    });
  }

  const reference = rasters[0] as OpenedRaster;
  const { width, height, geoTransform, crs } = reference.info;
  const scene: SceneDescription = {
    sensor,
    level: metadata?.level ?? levelFromBandNames(bands),
    sceneId: metadata?.productId ?? metadata?.sceneId ?? sceneIdFromFiles(tiffs),
    bands,
    width,
    height,
    geoTransform,
    crs,
    boundsWgs84: boundsToWgs84(geoTransform, width, height, crs),
    metadata,
    warnings,
  };
  for (const warning of warnings) logger.warn({ code: warning.code }, warning.message);
  logger.debug({ sensor, bands: bands.map((b) => b.name), width, height }, 'scene assembled');
  return scene;
}

async function fileKind(file: SceneFile): Promise<SceneFileKind> {
  const byName = fileKindFromName(file.fileName);
  if (byName !== 'other') return byName;

  const handle = await open(file.path, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return fileKindFromContent(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Parses every MTL; several (the txt and json of one product) must describe the same scene.
 * The text MTL is preferred, then JSON, then XML. Null when there is none.
 */
async function readMetadata(mtlFiles: SceneFile[]): Promise<LandsatMetadata | null> {
  const order = (file: SceneFile): number =>
    ['txt', 'json', 'xml'].indexOf(extension(file.fileName));
  const sorted = [...mtlFiles].sort((a, b) => order(a) - order(b));

  const parsed: { file: SceneFile; metadata: LandsatMetadata }[] = [];
  for (const file of sorted) {
    const { size } = await stat(file.path);
    if (size > MAX_MTL_BYTES) {
      throw new LimitExceededError(
        `${file.fileName}: ${size} bytes is too large for an MTL (limit ${MAX_MTL_BYTES})`,
        {
          fileName: file.fileName,
          bytes: size,
          limit: MAX_MTL_BYTES,
        },
      );
    }
    parsed.push({ file, metadata: parseMtl(await readFile(file.path, 'utf8'), file.fileName) });
  }

  const [first, ...others] = parsed;
  if (first === undefined) return null;
  const identity = (m: LandsatMetadata): string => m.productId ?? m.sceneId ?? m.spacecraft;
  const other = others.find((o) => identity(o.metadata) !== identity(first.metadata));
  if (other !== undefined) {
    throw new SceneAssemblyError(
      `${first.file.fileName} describes ${identity(first.metadata)} but ${other.file.fileName} describes ` +
        identity(other.metadata),
      { files: [first.file.fileName, other.file.fileName] },
    );
  }
  return first.metadata;
}

function extension(fileName: string): string {
  return /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
}

/** Sensor from the MTL, else from the file-name prefixes (which must agree), else generic. */
function detectSensor(
  metadata: LandsatMetadata | null,
  tiffs: SceneFile[],
  warnings: RasterWarning[],
): SensorId {
  const named = tiffs
    .map((file) => ({ file, sensor: sensorIdFromFileName(file.fileName) }))
    .filter((entry): entry is { file: SceneFile; sensor: SensorId } => entry.sensor !== null);
  const first = named[0];
  const disagreeing = named.find((entry) => entry.sensor !== first?.sensor);

  if (metadata !== null) {
    const sensor = sensorIdFromSpacecraft(metadata.spacecraft);
    const contradicting = named.find((entry) => entry.sensor !== sensor);
    if (contradicting !== undefined) {
      warnings.push({
        code: 'SENSOR_MISMATCH',
        message:
          `the MTL says ${metadata.spacecraft} but ${contradicting.file.fileName} is named as ` +
          `${getSensorProfile(contradicting.sensor).name}; using the MTL`,
      });
    }
    return sensor;
  }

  if (first !== undefined && disagreeing !== undefined) {
    throw new SceneAssemblyError(
      `${first.file.fileName} is named as ${getSensorProfile(first.sensor).name} but ` +
        `${disagreeing.file.fileName} as ${getSensorProfile(disagreeing.sensor).name}`,
      { files: [first.file.fileName, disagreeing.file.fileName] },
    );
  }
  return first?.sensor ?? modisSensorOf(tiffs) ?? 'generic';
}

function isLandsat(sensor: SensorId): boolean {
  return sensor.startsWith('landsat');
}

/** The MODIS platform when every GeoTIFF is named as an export of one MOD11/MYD11 granule. */
function modisSensorOf(tiffs: SceneFile[]): SensorId | null {
  const granules = tiffs.map((file) => modisGranuleFromFileName(file.fileName));
  const first = granules[0];
  if (first === null || first === undefined) return null;
  const sameGranule = granules.every((g) => g !== null && g.granuleId === first.granuleId);
  return sameGranule ? first.sensor : null;
}

/** Opens each GeoTIFF in turn for its header and closes it again (all are closed on error). */
async function readRasterInfos(tiffs: SceneFile[]): Promise<OpenedRaster[]> {
  const readers: RasterReader[] = [];
  try {
    const rasters: OpenedRaster[] = [];
    for (const file of tiffs) {
      const reader = await openGeoTiff(file.path);
      readers.push(reader);
      rasters.push({ file, info: reader.info });
    }
    return rasters;
  } finally {
    await Promise.allSettled(readers.map((reader) => reader.close()));
  }
}

function close(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= GRID_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), scale);
}

function describeGrid(info: RasterInfo): string {
  const crs = info.crs.epsg !== null ? `EPSG:${info.crs.epsg}` : info.crs.name;
  const [x0, sx, , y0, , sy] = info.geoTransform;
  return `${info.width}×${info.height} px, ${crs}, origin (${x0}, ${y0}), pixel ${sx}×${sy}`;
}

function sameCrs(a: RasterInfo, b: RasterInfo): boolean {
  if (a.crs.epsg !== null && b.crs.epsg !== null) return a.crs.epsg === b.crs.epsg;
  return a.crs.proj4.trim() === b.crs.proj4.trim();
}

function sameGrid(a: RasterInfo, b: RasterInfo): boolean {
  if (a.width !== b.width || a.height !== b.height || !sameCrs(a, b)) return false;
  const pixelScale = Math.max(Math.abs(a.geoTransform[1]), Math.abs(a.geoTransform[5]));
  return a.geoTransform.every((term, i) =>
    close(term, b.geoTransform[i] ?? Number.NaN, pixelScale),
  );
}

/** Throws SceneAssemblyError naming the first file whose grid differs from the first file's. */
function checkSameGrid(rasters: OpenedRaster[]): void {
  const [reference, ...others] = rasters;
  if (reference === undefined) return;
  const odd = others.find((raster) => !sameGrid(reference.info, raster.info));
  if (odd === undefined) return;

  throw new SceneAssemblyError(
    `${reference.file.fileName} and ${odd.file.fileName} are on different grids: ` +
      `${describeGrid(reference.info)} vs ${describeGrid(odd.info)}`,
    {
      files: [reference.file.fileName, odd.file.fileName],
      grids: [describeGrid(reference.info), describeGrid(odd.info)],
    },
  );
}

/**
 * Names every band: by file-name suffix (one band per such file), else `b1`, `b2`, … across the
 * suffix-less files of a non-Landsat scene. Sorted in the sensor profile's band order.
 */
function nameBands(rasters: OpenedRaster[], sensor: SensorId): SceneBand[] {
  const bands: SceneBand[] = [];
  let genericIndex = 0;

  for (const { file, info } of rasters) {
    const name = bandNameFromFileName(file.fileName, sensor);
    if (name !== null) {
      if (info.bandCount !== 1) {
        throw new SceneAssemblyError(
          `${file.fileName} is named as band ${name} but holds ${info.bandCount} bands`,
          {
            fileName: file.fileName,
            bandCount: info.bandCount,
          },
        );
      }
      bands.push(sceneBand(file, name, 0, info));
      continue;
    }
    if (sensor !== 'generic') {
      throw new SceneAssemblyError(
        `${file.fileName}: no ${getSensorProfile(sensor).name} band suffix (_B10, _SR_B4, _ST_B10, _QA_PIXEL…) in the name`,
        { fileName: file.fileName, sensor },
      );
    }
    for (let bandIndex = 0; bandIndex < info.bandCount; bandIndex++) {
      genericIndex += 1;
      bands.push(sceneBand(file, `b${genericIndex}`, bandIndex, info));
    }
  }

  rejectDuplicates(bands);
  return sortByProfile(bands, sensor);
}

function sceneBand(file: SceneFile, name: string, bandIndex: number, info: RasterInfo): SceneBand {
  return {
    name,
    path: file.path,
    bandIndex,
    fileName: file.fileName,
    description: info.bandDescriptions[bandIndex] ?? null,
  };
}

function rejectDuplicates(bands: SceneBand[]): void {
  const seen = new Map<string, SceneBand>();
  for (const band of bands) {
    const earlier = seen.get(band.name);
    if (earlier !== undefined) {
      throw new SceneAssemblyError(
        `${earlier.fileName} and ${band.fileName} are both band ${band.name}`,
        {
          band: band.name,
          files: [earlier.fileName, band.fileName],
        },
      );
    }
    seen.set(band.name, band);
  }
}

function sortByProfile(bands: SceneBand[], sensor: SensorId): SceneBand[] {
  const order = getSensorProfile(sensor).bands.map((band) => band.name);
  const rank = (band: SceneBand): number => {
    const index = order.indexOf(band.name);
    return index === -1 ? order.length : index;
  };
  // Array.prototype.sort is stable: unknown names keep their input order.
  return [...bands].sort((a, b) => rank(a) - rank(b));
}

/** L2 when any band is an SR_/ST_ band, L1 when any is a plain Landsat band, else null. */
function levelFromBandNames(bands: SceneBand[]): 'L1' | 'L2' | null {
  if (bands.some((band) => /^(SR|ST)_/.test(band.name))) return 'L2';
  if (bands.some((band) => /^(B\d+|B6_VCID_[12]|BQA)$/.test(band.name))) return 'L1';
  return null;
}

/** The Landsat or MODIS id the file names share, or null when they name none or several. */
function sceneIdFromFiles(tiffs: SceneFile[]): string | null {
  const ids = new Set(tiffs.map((file) => sceneIdFromFileName(file.fileName)));
  const [only] = ids;
  return ids.size === 1 && only !== undefined ? only : null;
}

/** Reader warnings (their messages name the file), one per code, counting the other files. */
function collectReaderWarnings(rasters: OpenedRaster[], warnings: RasterWarning[]): void {
  const byCode = new Map<string, { message: string; count: number }>();
  for (const { info } of rasters) {
    for (const warning of info.warnings) {
      const entry = byCode.get(warning.code);
      if (entry === undefined) byCode.set(warning.code, { message: warning.message, count: 1 });
      else entry.count += 1;
    }
  }
  for (const [code, { message, count }] of byCode) {
    const others = count > 1 ? ` (and ${count - 1} more file${count > 2 ? 's' : ''})` : '';
    warnings.push({ code, message: `${message}${others}` });
  }
}
