/**
 * Number formatting for the panels: temperatures in kelvin with their Celsius equivalent,
 * values in a product's unit (none written for unitless NDVI and emissivity), coordinates, byte
 * sizes and times.
 */

/** Offset between the kelvin and Celsius scales (0 °C = 273.15 K, exact by definition). */
const KELVIN_AT_ZERO_CELSIUS = 273.15;

/** Converts a temperature in kelvin to degrees Celsius. */
export function kelvinToCelsius(kelvin: number): number {
  return kelvin - KELVIN_AT_ZERO_CELSIUS;
}

/** `301.42 K` — a temperature in kelvin with `digits` decimals (default 2). */
export function formatKelvin(kelvin: number, digits = 2): string {
  return `${kelvin.toFixed(digits)} K`;
}

/** `28.27 °C` — a temperature in kelvin written in degrees Celsius. */
export function formatCelsius(kelvin: number, digits = 2): string {
  return `${kelvinToCelsius(kelvin).toFixed(digits)} °C`;
}

/** The API's unit of dimensionless products (NDVI, emissivity). */
export const UNITLESS = 'unitless';

/** ` K`, ` g/cm2`: the unit to write after a number; empty for no unit and for unitless. */
export function unitSuffix(unit: string | null): string {
  return unit === null || unit === '' || unit === UNITLESS ? '' : ` ${unit}`;
}

/**
 * Decimals that tell the ends of a display range apart: 1 for kelvin (as the legend always
 * wrote them); otherwise one more than the range's order of magnitude, 2 to 6 (NDVI 0.32–0.73:
 * 2; emissivity 0.98679–0.98700: 5).
 */
export function rangeDecimals(low: number, high: number, unit: string): number {
  if (unit === 'K') return 1;
  const span = Math.abs(high - low);
  if (!Number.isFinite(span) || span === 0) return 2;
  return Math.min(6, Math.max(2, Math.ceil(-Math.log10(span)) + 1));
}

/**
 * A value in its unit (six significant digits, whole numbers as they are); temperatures in
 * kelvin also get their Celsius equivalent.
 */
export function formatValue(value: number, unit: string): string {
  if (unit === 'K') return `${formatKelvin(value)} (${formatCelsius(value)})`;
  // Whole numbers (digital numbers of a band) are written as they are.
  const text = Number.isInteger(value) ? String(value) : value.toPrecision(6);
  return text + unitSuffix(unit);
}

/** `34.7712° N, 89.9630° W` — a position in degrees with hemisphere letters. */
export function formatLonLat(lon: number, lat: number): string {
  const latText = `${Math.abs(lat).toFixed(4)}° ${lat >= 0 ? 'N' : 'S'}`;
  const lonText = `${Math.abs(lon).toFixed(4)}° ${lon >= 0 ? 'E' : 'W'}`;
  return `${latText}, ${lonText}`;
}

/** `1.4 MB` — a byte count in decimal units. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** `2015-08-04 16:19` — an ISO 8601 time in the browser's time zone, to the minute. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number): string => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
