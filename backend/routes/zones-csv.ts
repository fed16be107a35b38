/** The CSV form of a zonal-statistics answer: one row per zone × band. */
import type { ZoneResult } from './zones.js';

const STAT_FIELDS = ['min', 'max', 'mean', 'std', 'median', 'p2', 'p98'] as const;

/** CSV header of {@link zonalCsv}. */
export const ZONAL_CSV_HEADER = [
  'zone_index',
  'name',
  'id',
  'band',
  'unit',
  'pixel_count',
  'valid_count',
  'nodata_count',
  'coverage',
  'area_m2',
  ...STAT_FIELDS,
];

/**
 * A CSV field: numbers as written by JavaScript, null as empty, text quoted (RFC 4180) and, when
 * it starts like a spreadsheet formula (= + - @), prefixed by an apostrophe.
 */
function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The zones as CSV text (header line, then rows; CRLF line ends as RFC 4180). */
export function zonalCsv(zones: readonly ZoneResult[]): string {
  const lines = [ZONAL_CSV_HEADER.join(',')];
  for (const zone of zones) {
    for (const [band, stats] of Object.entries(zone.bands)) {
      const row = [
        zone.index,
        zone.name,
        zone.id,
        band,
        stats.unit,
        zone.pixelCount,
        stats.count,
        stats.noDataCount,
        zone.coverage,
        zone.areaM2,
        ...STAT_FIELDS.map((name) => stats[name]),
      ];
      lines.push(row.map(field).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
