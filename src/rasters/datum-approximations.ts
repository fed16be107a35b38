/**
 * Offline stand-ins for datum shifts that the EPSG registry defines by grid files.
 *
 * epsg-index writes `+nadgrids=<file>` for datums whose best transformation to WGS 84 is a grid
 * (NTv2). The grids are not shipped, and proj4js then returns NaN. For the datums below a
 * published seven- or three-parameter Helmert transformation from the EPSG dataset is used
 * instead, with its stated accuracy; the values were checked with `projinfo -k operation
 * EPSG:<code>` (PROJ 9, EPSG dataset). towgs84 uses the position-vector convention, so rotations
 * of coordinate-frame operations are given with the opposite sign.
 */

/** One grid file → Helmert replacement. */
export interface DatumApproximation {
  /** Grid file name as it appears in the proj4 string (case-insensitive match). */
  gridFile: string;
  /** Datum the grid belongs to, for messages. */
  datumName: string;
  /** `+towgs84=` parameters: dx, dy, dz (m)[, rx, ry, rz (arc-seconds), ds (ppm)]. */
  towgs84: readonly number[];
  /** EPSG code of the coordinate operation the parameters come from. */
  epsgOperation: number;
  /** Accuracy the EPSG dataset states for that operation, metres. */
  accuracyM: number;
  /** Where the operation is meant to be used. */
  areaOfUse: string;
}

/** Known grid → Helmert replacements; any other grid file is refused. */
export const DATUM_APPROXIMATIONS: readonly DatumApproximation[] = [
  {
    gridFile: 'NTv2_0.gsb',
    datumName: 'NAD27',
    towgs84: [-8, 160, 176],
    epsgOperation: 1173,
    accuracyM: 10,
    areaOfUse: 'CONUS; larger errors in Canada, Alaska and Mexico',
  },
  {
    gridFile: 'BETA2007.gsb',
    datumName: 'DHDN',
    towgs84: [598.1, 73.7, 418.2, 0.202, 0.045, -2.455, 6.7],
    epsgOperation: 1777,
    accuracyM: 3,
    areaOfUse: 'Germany, states of former West Germany',
  },
  {
    gridFile: 'OSTN15_NTv2_OSGBtoETRS.gsb',
    datumName: 'OSGB36',
    towgs84: [446.448, -125.157, 542.06, 0.15, 0.247, 0.842, -20.489],
    epsgOperation: 1314,
    accuracyM: 2,
    areaOfUse: 'Great Britain',
  },
  {
    gridFile: 'nzgd2kgrid0005.gsb',
    datumName: 'NZGD49',
    towgs84: [59.47, -5.04, 187.44, 0.47, -0.1, 1.024, -4.5993],
    epsgOperation: 1564,
    accuracyM: 4,
    areaOfUse: 'New Zealand',
  },
];

/** The approximation registered for a grid file, or undefined. */
export function findDatumApproximation(gridFile: string): DatumApproximation | undefined {
  const wanted = gridFile.toLowerCase();
  return DATUM_APPROXIMATIONS.find((entry) => entry.gridFile.toLowerCase() === wanted);
}

/** The sentence stored in `CrsInfo.approximation` for an applied replacement. */
export function describeApproximation(entry: DatumApproximation): string {
  return (
    `${entry.datumName} → WGS 84 uses the ${entry.towgs84.length}-parameter EPSG:${entry.epsgOperation} ` +
    `transformation (+towgs84=${entry.towgs84.join(',')}, accuracy ~${entry.accuracyM} m, ` +
    `${entry.areaOfUse}) instead of the grid file ${entry.gridFile}, which is not available offline.`
  );
}

/** A proj4 definition made usable offline. */
export interface OfflineProj4 {
  proj4: string;
  /** The sentence of the replacement applied, or null when the definition was used as is. */
  approximation: string | null;
}

const NADGRIDS_PATTERN = /\s*\+nadgrids=("[^"]*"|\S+)/;

/**
 * Replaces a mandatory `+nadgrids=` reference by its registered Helmert approximation. Optional
 * grids (`@` prefix, e.g. `@null` of EPSG:3857) are left to proj4js, which skips them. Returns
 * `{ missingGrid }` when a mandatory grid has no registered approximation.
 */
export function makeProj4Offline(definition: string): OfflineProj4 | { missingGrid: string } {
  const match = NADGRIDS_PATTERN.exec(definition);
  if (match === null || match[1] === undefined) return { proj4: definition, approximation: null };

  const grids = match[1].replace(/"/g, '').split(',');
  const mandatory = grids.filter((grid) => !grid.startsWith('@'));
  const first = mandatory[0];
  if (first === undefined) return { proj4: definition, approximation: null };

  const entry = findDatumApproximation(first);
  if (entry === undefined) return { missingGrid: first };

  const replaced = definition.replace(NADGRIDS_PATTERN, ` +towgs84=${entry.towgs84.join(',')}`);
  return { proj4: replaced, approximation: describeApproximation(entry) };
}
