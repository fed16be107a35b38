/**
 * A zone rasterised onto a pixel grid by scanlines over pixel-centre rows: a pixel is in the zone
 * when its centre (col + 0.5, row + 0.5) is inside by the rule of inside-rule.ts (crossing
 * number, half-open edges, MultiPolygon parts united, holes excluded). Each row's spans come from
 * an active-edge table (ring-scanner.ts), never from a point-in-polygon test per pixel.
 */
import { combinePolygonSpans, unionSpans } from './inside-rule.js';
import type { Spans } from './inside-rule.js';
import { RingScanner } from './ring-scanner.js';
import type { ZonePolygon } from './zone-types.js';

/** Rows beyond which the zone's pixels off the raster are not counted (coverage is then null). */
export const MAX_COVERAGE_ROWS = 1_000_000;

/** The pixels of one row inside a zone: columns [start, end), ascending, disjoint. */
export interface MaskRow {
  row: number;
  /** Flat [start0, end0, start1, end1, …] column pairs, end exclusive. */
  columns: number[];
}

/** Which pixels of a grid lie in a zone. */
export interface ZoneMask {
  /** Rows with at least one pixel in the zone, ascending; empty when none. */
  rows: MaskRow[];
  /** Pixels of the grid whose centre is in the zone. */
  pixelCount: number;
  /**
   * Pixel centres in the zone on the grid extended without bounds (so ≥ pixelCount); null when
   * the zone spans more than {@link MAX_COVERAGE_ROWS} rows.
   */
  unboundedPixelCount: number | null;
  /** The bounding window of `rows` ({x, y, width, height}), or null when the mask is empty. */
  window: { x: number; y: number; width: number; height: number } | null;
}

function scannerSet(
  polygons: readonly ZonePolygon[],
): { shells: RingScanner[]; holes: RingScanner[] }[] {
  return polygons.map((polygon) => ({
    shells: polygon.shells.map((ring) => new RingScanner(ring)),
    holes: polygon.holes.map((ring) => new RingScanner(ring)),
  }));
}

/** Row range [first, last] whose centres fall within the shells' y-extent. */
function centreRows(polygons: readonly ZonePolygon[]): [number, number] {
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const polygon of polygons) {
    for (const shell of polygon.shells) {
      for (const [, y] of shell) {
        yMin = Math.min(yMin, y);
        yMax = Math.max(yMax, y);
      }
    }
  }
  return [Math.ceil(yMin - 0.5) + 0, Math.floor(yMax - 0.5) + 0]; // + 0 turns −0 into 0
}

/** Columns c whose centre c + 0.5 lies in [start, end): ceil(start − ½) .. ceil(end − ½) − 1. */
function centreColumns(start: number, end: number): [number, number] {
  return [Math.ceil(start - 0.5) + 0, Math.ceil(end - 0.5) + 0];
}

function clippedColumns(spans: Spans, width: number): number[] {
  const columns: number[] = [];
  for (let i = 0; i + 1 < spans.length; i += 2) {
    const [first, endCol] = centreColumns(spans[i]!, spans[i + 1]!);
    const start = Math.max(0, first);
    const end = Math.min(width, endCol);
    if (end > start) columns.push(start, end);
  }
  return columns;
}

function unboundedCount(spans: Spans): number {
  let count = 0;
  for (let i = 0; i + 1 < spans.length; i += 2) {
    const [first, end] = centreColumns(spans[i]!, spans[i + 1]!);
    count += Math.max(0, end - first);
  }
  return count;
}

/**
 * The mask of a zone given in the grid's continuous pixel coordinates (see zone-transform.ts),
 * on a grid of `width` × `height` pixels.
 */
export function rasteriseZone(
  polygons: readonly ZonePolygon[],
  width: number,
  height: number,
): ZoneMask {
  const [firstRow, lastRow] = centreRows(polygons);
  const countOutside = lastRow - firstRow + 1 <= MAX_COVERAGE_ROWS;
  const rowStart = countOutside ? firstRow : Math.max(0, firstRow);
  const rowEnd = countOutside ? lastRow : Math.min(height - 1, lastRow);
  const scanners = scannerSet(polygons);

  const rows: MaskRow[] = [];
  let pixelCount = 0;
  let unbounded = 0;
  let [minCol, maxCol] = [Infinity, -Infinity];
  for (let row = rowStart; row <= rowEnd; row++) {
    const y = row + 0.5;
    const spans = unionSpans(
      scanners.map((polygon) =>
        combinePolygonSpans(
          polygon.shells.map((scanner) => scanner.spansAt(y)),
          polygon.holes.map((scanner) => scanner.spansAt(y)),
        ),
      ),
    );
    unbounded += unboundedCount(spans);
    if (row < 0 || row >= height) continue;

    const columns = clippedColumns(spans, width);
    if (columns.length === 0) continue;
    rows.push({ row, columns });
    minCol = Math.min(minCol, columns[0]!);
    maxCol = Math.max(maxCol, columns[columns.length - 1]!);
    for (let i = 0; i + 1 < columns.length; i += 2) pixelCount += columns[i + 1]! - columns[i]!;
  }

  const first = rows[0];
  const last = rows[rows.length - 1];
  const window =
    first === undefined || last === undefined
      ? null
      : { x: minCol, y: first.row, width: maxCol - minCol, height: last.row - first.row + 1 };
  return { rows, pixelCount, unboundedPixelCount: countOutside ? unbounded : null, window };
}
