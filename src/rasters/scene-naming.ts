/**
 * What the names and first bytes of uploaded files say: which files are MTLs, which are
 * GeoTIFFs, which band a GeoTIFF holds (`…_B10.TIF`, `l8_B4.tif`, `…_ST_TRAD.TIF`) and which
 * Landsat product or scene id a name starts with.
 */
import { modisGranuleFromFileName } from '../retrieval/modis.js';
import { SENSOR_IDS, getSensorProfile } from '../retrieval/sensors.js';
import type { SensorId } from './scene-types.js';

/** What a file is, from its name or content. */
export type SceneFileKind = 'mtl' | 'tiff' | 'other';

const MTL_NAME = /_MTL\.(txt|json|xml)$/i;
const TIFF_NAME = /\.tiff?$/i;

/** The kind a file name announces: `*_MTL.txt|json|xml` → mtl, `*.tif|*.tiff` → tiff. */
export function fileKindFromName(fileName: string): SceneFileKind {
  if (MTL_NAME.test(fileName)) return 'mtl';
  if (TIFF_NAME.test(fileName)) return 'tiff';
  return 'other';
}

/**
 * The kind the first bytes of a file show: a TIFF or BigTIFF header (II*, MM*, II+, MM+), or
 * an MTL (text or JSON whose first group is LANDSAT_METADATA_FILE or L1_METADATA_FILE).
 */
export function fileKindFromContent(head: Uint8Array): SceneFileKind {
  const [b0, b1, b2, b3] = head;
  const littleEndian = b0 === 0x49 && b1 === 0x49 && (b2 === 42 || b2 === 43) && b3 === 0;
  const bigEndian = b0 === 0x4d && b1 === 0x4d && b2 === 0 && (b3 === 42 || b3 === 43);
  if (littleEndian || bigEndian) return 'tiff';

  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/\0/g, '');
  if (
    /^\s*(GROUP\s*=\s*|\{\s*"|<\?xml[^>]*>\s*<)(LANDSAT_METADATA_FILE|L1_METADATA_FILE)\b/.test(
      text,
    )
  ) {
    return 'mtl';
  }
  return 'other';
}

function stem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]*$/, '');
}

/** Every band name of every Landsat profile, longest first (so `ST_B10` wins over `B10`). */
const ALL_BAND_NAMES: readonly string[] = [
  ...new Set(SENSOR_IDS.flatMap((id) => getSensorProfile(id).bands.map((band) => band.name))),
].sort((a, b) => b.length - a.length);

/** Characters that may separate a band suffix from the rest of a renamed file's stem. */
const SUFFIX_SEPARATORS = new Set(['_', '-', ' ', '.']);

function suffixMatch(name: string, candidates: readonly string[]): string | null {
  const upper = name.toUpperCase();
  for (const candidate of candidates) {
    if (!upper.endsWith(candidate)) continue;
    const before = upper.length - candidate.length - 1;
    if (before < 0 || SUFFIX_SEPARATORS.has(upper.charAt(before))) return candidate;
  }
  return null;
}

/**
 * Old NLAPS Landsat 5/7 names (`L5039037_03720090610_B10.TIF`, `L71039037_03720010515_B61.TIF`)
 * number band n as `Bn0` and the ETM+ thermal gains `B61`/`B62`. Only names with that prefix.
 */
function nlapsBandName(name: string): string | null {
  if (!/^L[57]\d/i.test(name)) return null;
  const match = /_B(\d)(\d)$/i.exec(name);
  if (match === null) return null;
  const [, band, digit] = match;
  if (band === '6' && (digit === '1' || digit === '2')) return `B6_VCID_${digit}`;
  return digit === '0' ? `B${band}` : null;
}

/**
 * The band a file name announces by its suffix before the extension, case-insensitively:
 * `_B10`, `_B6_VCID_1`, `_BQA`, `_SR_B4`, `_ST_B10`, `_ST_TRAD`, `_QA_PIXEL`… (also a bare
 * `B4.tif`). For a Landsat sensor only its own bands count, and Landsat 5/7 also accept the
 * NLAPS `L5…_B10`…`B70`, `L7…_B61`/`B62` numbering; for `generic` a MOD11/MYD11 export's SDS
 * (`MOD11A1.A2019305.h14v09.006_LST_Day_1km.tif` → `LST_Day_1km`) or any Landsat band name
 * counts. Null when the name carries no band suffix.
 */
export function bandNameFromFileName(fileName: string, sensor: SensorId): string | null {
  const name = stem(fileName);
  // Longest match over every sensor's names, so `_ST_B6` is never read as OLI's `B6`.
  const matched = suffixMatch(name, ALL_BAND_NAMES);
  if (sensor === 'generic') return modisGranuleFromFileName(fileName)?.band ?? matched;
  if (sensor === 'modis-terra' || sensor === 'modis-aqua') {
    return modisGranuleFromFileName(fileName)?.band ?? null;
  }

  const own = getSensorProfile(sensor).bands.some((band) => band.name === matched);
  if (matched !== null && own) return matched;
  return sensor === 'landsat5-tm' || sensor === 'landsat7-etm' ? nlapsBandName(name) : null;
}

const PRODUCT_ID =
  /^(L[COTEM]0[4-9]_[A-Z0-9]{4}_\d{6}_\d{8}_\d{8}_\d{2}_(?:T1|T2|RT|A1|A2))(?:_|$)/i;
const SCENE_ID = /^(L[COTEM][4-9]\d{13}[A-Z]{3}\d{2})(?:_|$)/i;

/**
 * The Landsat product id (`LC08_L2SP_001062_20201031_20201106_02_T2`) or scene id
 * (`LC80200392015216LGN00`) a file name starts with, upper-cased; null otherwise (`l8_B4.tif`).
 */
export function landsatIdFromFileName(fileName: string): string | null {
  const name = stem(fileName);
  const match = PRODUCT_ID.exec(name) ?? SCENE_ID.exec(name);
  return match?.[1]?.toUpperCase() ?? null;
}

/**
 * The scene id a file name carries: a Landsat product or scene id, else a MOD11/MYD11 granule id
 * (`MOD11A1.A2019305.h14v09.006`); null otherwise.
 */
export function sceneIdFromFileName(fileName: string): string | null {
  return landsatIdFromFileName(fileName) ?? modisGranuleFromFileName(fileName)?.granuleId ?? null;
}
