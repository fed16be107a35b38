/**
 * User-supplied radiative-transfer runs (e.g. MODTRAN outputs) as simulator atmospheres: a CSV
 * with one row per profile and band,
 *   profile_id, band, tau, lup, ldown[, w][, view_angle]
 * (τ unitless, L↑ and L↓ in W/(m2 sr um), w in g/cm2, view angle in degrees). Validated: 0 < τ ≤ 1,
 * radiances ≥ 0, 0 ≤ w ≤ 15, 0 ≤ view angle < 90, bands of the sensor only, no duplicate
 * (profile, band), every profile has every band, w and view angle equal across a profile's rows.
 * Errors are one line naming the file and line. Parsed with csv-parse's synchronous API.
 */
import { parse } from 'csv-parse/sync';
import { InvalidParameterError } from '../../errors.js';
import type { BandAtmosphere } from './atmosphere-model.js';
import { simulationSensor } from './simulation-sensors.js';

/** One user profile: its per-band τ, L↑, L↓. */
export interface RtProfile {
  label: string;
  /** Column water vapour in g/cm2; NaN when the CSV has no `w` value. */
  waterVapourGcm2: number;
  /** View zenith angle in degrees; NaN when the CSV has no `view_angle` value. */
  viewAngleDeg: number;
  /** τ, L↑, L↓ keyed by band name. */
  bands: Record<string, BandAtmosphere>;
}

const REQUIRED_COLUMNS = ['profile_id', 'band', 'tau', 'lup', 'ldown'] as const;
const MAX_PROFILE_ROWS = 1_000_000;

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number };
}

function fail(where: string, message: string, details: Record<string, unknown> = {}): never {
  throw new InvalidParameterError(`${where}: ${message}`, details);
}

/** A number from a cell within [min, max] (`maxExclusive` for an open upper end). */
function numberCell(
  where: string,
  name: string,
  text: string,
  range: { min: number; max: number; minExclusive?: boolean; maxExclusive?: boolean },
): number {
  const value = Number(text);
  const belowMin = range.minExclusive === true ? value <= range.min : value < range.min;
  const aboveMax = range.maxExclusive === true ? value >= range.max : value > range.max;
  if (text === '' || !Number.isFinite(value) || belowMin || aboveMax) {
    const lower = range.minExclusive === true ? '(' : '[';
    const upper = range.maxExclusive === true ? ')' : ']';
    fail(
      where,
      `${name} must be a number in ${lower}${range.min}, ${range.max}${upper}, got "${text}"`,
      {
        column: name,
        value: text,
      },
    );
  }
  return value;
}

function optionalCell(where: string, name: string, text: string | undefined, max: number): number {
  if (text === undefined || text === '') return Number.NaN;
  return numberCell(where, name, text, { min: 0, max, maxExclusive: name === 'view_angle' });
}

function parseRecords(text: string, fileName: string): ParsedRecord[] {
  try {
    return parse<ParsedRecord>(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      comment: '#',
      bom: true,
    });
  } catch (error) {
    fail(fileName, `not a readable CSV (${(error as Error).message})`);
  }
}

function sameOrFail(where: string, name: string, previous: number, value: number): void {
  const bothNaN = Number.isNaN(previous) && Number.isNaN(value);
  if (!bothNaN && previous !== value) {
    fail(where, `${name} ${value} differs from ${previous} on an earlier row of the same profile`);
  }
}

/** Adds one CSV row to `profiles`. */
function addRecord(
  profiles: Map<string, RtProfile>,
  { record, info }: ParsedRecord,
  fileName: string,
  bands: readonly string[],
): void {
  const where = `${fileName} line ${info.lines}`;
  const label = record.profile_id ?? '';
  const band = record.band ?? '';
  if (label === '') fail(where, 'profile_id is empty');
  if (!bands.includes(band)) {
    fail(where, `band "${band}" is not a band of the sensor (${bands.join(', ')})`, { band });
  }
  const atmosphere: BandAtmosphere = {
    transmittance: numberCell(where, 'tau', record.tau ?? '', {
      min: 0,
      max: 1,
      minExclusive: true,
    }),
    upwellingWm2SrUm: numberCell(where, 'lup', record.lup ?? '', { min: 0, max: 1000 }),
    downwellingWm2SrUm: numberCell(where, 'ldown', record.ldown ?? '', { min: 0, max: 1000 }),
  };
  const waterVapourGcm2 = optionalCell(where, 'w', record.w, 15);
  const viewAngleDeg = optionalCell(where, 'view_angle', record.view_angle, 90);

  const profile = profiles.get(label) ?? { label, waterVapourGcm2, viewAngleDeg, bands: {} };
  if (profile.bands[band] !== undefined) fail(where, `profile "${label}" has band ${band} twice`);
  sameOrFail(where, 'w', profile.waterVapourGcm2, waterVapourGcm2);
  sameOrFail(where, 'view_angle', profile.viewAngleDeg, viewAngleDeg);
  profile.bands[band] = atmosphere;
  profiles.set(label, profile);
}

/**
 * The profiles of a radiative-transfer CSV for sensor `sensorId` (simulation-sensors.ts), in
 * order of first appearance. `fileName` only labels error messages.
 *
 * @throws InvalidParameterError naming the file and line of the first problem.
 */
export function parseRtCsv(text: string, sensorId: string, fileName = 'profiles.csv'): RtProfile[] {
  const bands = simulationSensor(sensorId).bands;
  const records = parseRecords(text, fileName);
  if (records.length === 0) fail(fileName, 'has no data rows');
  if (records.length > MAX_PROFILE_ROWS) {
    fail(fileName, `has ${records.length} rows, more than the limit of ${MAX_PROFILE_ROWS}`);
  }
  const header = Object.keys((records[0] as ParsedRecord).record);
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    fail(fileName, `lacks column(s) ${missing.join(', ')} (has ${header.join(', ')})`, { missing });
  }

  const profiles = new Map<string, RtProfile>();
  for (const record of records) addRecord(profiles, record, fileName, bands);

  for (const profile of profiles.values()) {
    const absent = bands.filter((band) => profile.bands[band] === undefined);
    if (absent.length > 0) {
      fail(fileName, `profile "${profile.label}" lacks band(s) ${absent.join(', ')}`, {
        profile: profile.label,
        missing: absent,
      });
    }
  }
  return [...profiles.values()];
}
