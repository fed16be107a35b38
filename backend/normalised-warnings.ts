/**
 * Scene warnings after normalisation: the reader's warnings describe the files as uploaded,
 * but the stored COGs have internal overviews and often a noData value. NO_OVERVIEWS is
 * dropped (every COG has overviews down to one tile); NODATA_UNSET is kept only for files
 * still without noData, or rewritten to say which sensor fill value is now stored as noData.
 * Other warnings pass unchanged.
 */
import path from 'node:path';

import type { RasterWarning } from '../src/rasters/types.js';

/** What normalisation did to one band file. */
export interface NormalisedFile {
  filePath: string;
  /** noData of the upload (null: none set). */
  sourceNoData: number | null;
  /** noData written to the COG (null: none). */
  noData: number | null;
}

function listing(files: readonly NormalisedFile[], message: (first: string) => string): string {
  const first = path.basename(files[0]?.filePath ?? '');
  const count = files.length;
  const others = count > 1 ? ` (and ${count - 1} more file${count > 2 ? 's' : ''})` : '';
  return `${message(first)}${others}`;
}

/** The NODATA_UNSET warning that still holds after normalisation, or null. */
function noDataWarning(files: readonly NormalisedFile[]): RasterWarning | null {
  const unset = files.filter((file) => file.noData === null);
  if (unset.length > 0) {
    return {
      code: 'NODATA_UNSET',
      message: listing(unset, (name) => `${name}: no noData value is set`),
    };
  }
  const filled = files.filter((file) => file.sourceNoData === null && file.noData !== null);
  if (filled.length === 0) return null;
  const values = [...new Set(filled.map((file) => file.noData))].join(', ');
  return {
    code: 'NODATA_UNSET',
    message: listing(
      filled,
      (name) =>
        `${name}: no noData value is set; the sensor fill value ${values} is stored as noData`,
    ),
  };
}

/**
 * `warnings` (of the uploaded files) as they stand for the normalised `files`: NO_OVERVIEWS
 * removed, NODATA_UNSET recomputed from what was written (in place of the first one).
 */
export function warningsAfterNormalisation(
  warnings: readonly RasterWarning[],
  files: readonly NormalisedFile[],
): RasterWarning[] {
  const out: RasterWarning[] = [];
  for (const warning of warnings) {
    if (warning.code === 'NO_OVERVIEWS') continue;
    if (warning.code !== 'NODATA_UNSET') out.push(warning);
    else if (!out.some((kept) => kept.code === 'NODATA_UNSET')) {
      const rewritten = noDataWarning(files);
      if (rewritten !== null) out.push(rewritten);
    }
  }
  return out;
}
