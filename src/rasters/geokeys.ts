/**
 * User-defined CRSs from GeoTIFF GeoKeys (value 32767 = user-defined).
 *
 * Key ids and meanings: GeoTIFF 1.1 (OGC 19-008r4) §7.4 and Annex (GeoKey ids 1024–4099);
 * coordinate-transformation codes (ProjCoordTransGeoKey) from GeoTIFF 1.0 §6.3.3.3;
 * unit codes from the EPSG dataset (9001 metre, 9002 foot, 9003 US survey foot, 9101 radian,
 * 9102 degree, 9105 grad). proj4 parameter names: PROJ "Projections" documentation.
 */
import { UnknownCrsError } from '../errors.js';
import { makeProj4Offline } from './datum-approximations.js';
import { lookupEpsg } from './epsg-registry.js';
import { numberKey, projectionFragment, type Keys } from './geokey-projections.js';
import type { CrsInfo } from './types.js';

/** The GeoKey value meaning "user-defined". */
export const USER_DEFINED = 32767;

/** GeoKey names in id order, per block (GeoTIFF 1.1 Annex). */
const GEOKEY_BLOCKS: readonly [number, readonly string[]][] = [
  [1024, ['GTModelTypeGeoKey', 'GTRasterTypeGeoKey', 'GTCitationGeoKey']],
  [
    2048,
    [
      'GeographicTypeGeoKey',
      'GeogCitationGeoKey',
      'GeogGeodeticDatumGeoKey',
      'GeogPrimeMeridianGeoKey',
      'GeogLinearUnitsGeoKey',
      'GeogLinearUnitSizeGeoKey',
      'GeogAngularUnitsGeoKey',
      'GeogAngularUnitSizeGeoKey',
      'GeogEllipsoidGeoKey',
      'GeogSemiMajorAxisGeoKey',
      'GeogSemiMinorAxisGeoKey',
      'GeogInvFlatteningGeoKey',
      'GeogAzimuthUnitsGeoKey',
      'GeogPrimeMeridianLongGeoKey',
      'GeogTOWGS84GeoKey',
    ],
  ],
  [
    3072,
    [
      'ProjectedCSTypeGeoKey',
      'PCSCitationGeoKey',
      'ProjectionGeoKey',
      'ProjCoordTransGeoKey',
      'ProjLinearUnitsGeoKey',
      'ProjLinearUnitSizeGeoKey',
      'ProjStdParallel1GeoKey',
      'ProjStdParallel2GeoKey',
      'ProjNatOriginLongGeoKey',
      'ProjNatOriginLatGeoKey',
      'ProjFalseEastingGeoKey',
      'ProjFalseNorthingGeoKey',
      'ProjFalseOriginLongGeoKey',
      'ProjFalseOriginLatGeoKey',
      'ProjFalseOriginEastingGeoKey',
      'ProjFalseOriginNorthingGeoKey',
      'ProjCenterLongGeoKey',
      'ProjCenterLatGeoKey',
      'ProjCenterEastingGeoKey',
      'ProjCenterNorthingGeoKey',
      'ProjScaleAtNatOriginGeoKey',
      'ProjScaleAtCenterGeoKey',
      'ProjAzimuthAngleGeoKey',
      'ProjStraightVertPoleLongGeoKey',
      'ProjRectifiedGridAngleGeoKey',
    ],
  ],
  [
    4096,
    [
      'VerticalCSTypeGeoKey',
      'VerticalCitationGeoKey',
      'VerticalDatumGeoKey',
      'VerticalUnitsGeoKey',
    ],
  ],
];

const GEOKEY_NAMES = new Map<string, string>(
  GEOKEY_BLOCKS.flatMap(([first, names]) => names.map((name, i) => [String(first + i), name])),
);

/** GeoKeys keyed by name; numeric ids (e.g. "3072") are renamed, unknown ids kept. */
export function normaliseGeoKeys(geoKeys: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(geoKeys)) {
    out[GEOKEY_NAMES.get(key) ?? key] = value;
  }
  return out;
}

/** "Name=value, …" of the keys, citations cut to 40 characters, for error messages. */
export function describeGeoKeys(keys: Record<string, unknown>): string {
  const parts = Object.entries(keys).map(([key, value]) => {
    const text = Array.isArray(value) ? `[${value.join(',')}]` : String(value);
    return `${key}=${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
  });
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** proj4 ellipsoid fragments of EPSG ellipsoid codes. */
const ELLIPSOIDS: Record<number, string> = {
  7001: '+ellps=airy',
  7004: '+ellps=bessel',
  7008: '+ellps=clrk66',
  7019: '+ellps=GRS80',
  7022: '+ellps=intl',
  7024: '+ellps=krass',
  7030: '+ellps=WGS84',
  7035: '+a=6371000 +b=6371000',
  7043: '+ellps=WGS72',
  7048: '+a=6371007 +b=6371007',
};

const DATUM_TOKENS = new Set(['datum', 'ellps', 'towgs84', 'nadgrids', 'a', 'b', 'rf', 'pm', 'R']);

/** The datum/ellipsoid tokens of a geographic EPSG definition. */
function datumTokensOf(epsgCode: number): string | null {
  const entry = lookupEpsg(epsgCode);
  if (entry === undefined || !entry.kind.startsWith('CRS-GEOG')) return null;
  const tokens = entry.proj4.split(/\s+/).filter((token) => {
    const name = /^\+([A-Za-z_0-9]+)/.exec(token)?.[1];
    return name !== undefined && DATUM_TOKENS.has(name);
  });
  return tokens.join(' ');
}

interface GeographicBase {
  datum: string;
  name: string;
  approximation: string | null;
}

function userDefinedEllipsoid(keys: Keys): string {
  const code = numberKey(keys, 'GeogEllipsoidGeoKey');
  const known = code === undefined ? undefined : ELLIPSOIDS[code];
  if (known !== undefined) return known;
  const a = numberKey(keys, 'GeogSemiMajorAxisGeoKey');
  if (a === undefined) {
    throw new UnknownCrsError('the user-defined geographic CRS has no known ellipsoid', {});
  }
  const rf = numberKey(keys, 'GeogInvFlatteningGeoKey');
  const b = numberKey(keys, 'GeogSemiMinorAxisGeoKey');
  if (rf !== undefined && rf > 0) return `+a=${a} +rf=${rf}`;
  return `+a=${a} +b=${b ?? a}`;
}

function geographicBase(keys: Keys): GeographicBase {
  const geographic = numberKey(keys, 'GeographicTypeGeoKey');
  if (geographic !== undefined && geographic !== USER_DEFINED) {
    const tokens = datumTokensOf(geographic);
    if (tokens === null) {
      throw new UnknownCrsError(
        `GeographicTypeGeoKey ${geographic} is not a registered geographic CRS`,
        {},
      );
    }
    return {
      datum: tokens,
      name: lookupEpsg(geographic)?.name ?? `EPSG:${geographic}`,
      approximation: null,
    };
  }

  const datumCode = numberKey(keys, 'GeogGeodeticDatumGeoKey');
  if (datumCode === 6326) return { datum: '+datum=WGS84', name: 'WGS 84', approximation: null };
  // EPSG convention for historical datums: geographic CRS code = datum code − 2000.
  const viaDatum =
    datumCode !== undefined && datumCode !== USER_DEFINED ? datumTokensOf(datumCode - 2000) : null;
  if (viaDatum !== null && datumCode !== undefined) {
    return {
      datum: viaDatum,
      name: lookupEpsg(datumCode - 2000)?.name ?? 'unknown',
      approximation: null,
    };
  }

  const towgs84 = keys.GeogTOWGS84GeoKey;
  const shift = Array.isArray(towgs84) ? ` +towgs84=${towgs84.join(',')}` : '';
  const unresolved = datumCode !== undefined && datumCode !== USER_DEFINED && shift === '';
  return {
    datum: `${userDefinedEllipsoid(keys)}${shift}`,
    name: 'user-defined datum',
    approximation: unresolved
      ? `datum ${datumCode} is not resolved: only its ellipsoid is used, without a shift to WGS 84.`
      : null,
  };
}

function citationOf(keys: Keys, names: readonly string[]): string | null {
  for (const name of names) {
    const value = keys[name];
    if (typeof value !== 'string' || value.trim() === '' || value.startsWith('ESRI PE String')) {
      continue;
    }
    return value.replace(/\|+$/, '').trim();
  }
  return null;
}

/**
 * A CRS built from user-defined GeoKeys (no EPSG code): a projection on a geographic base, or
 * the geographic base alone.
 * @throws UnknownCrsError for unsupported transformations, units, ellipsoids or grid datums.
 */
export function userDefinedCrs(keys: Keys, kind: 'projected' | 'geographic'): CrsInfo {
  const projection = kind === 'projected' ? projectionFragment(keys) : null;
  const base = geographicBase(keys);
  let definition = `+proj=longlat ${base.datum} +no_defs`;
  let name = citationOf(keys, ['GeogCitationGeoKey', 'GTCitationGeoKey']) ?? base.name;
  if (projection !== null) {
    definition = `${projection.fragment} ${base.datum} +no_defs`;
    name =
      citationOf(keys, ['PCSCitationGeoKey', 'GTCitationGeoKey']) ??
      `${base.name} / ${projection.name}`;
  }

  const offline = makeProj4Offline(definition);
  if ('missingGrid' in offline) {
    throw new UnknownCrsError(
      `the datum needs the grid file ${offline.missingGrid}, which is not available offline`,
      { grid: offline.missingGrid },
    );
  }
  const approximation = [base.approximation, offline.approximation]
    .filter((s) => s !== null)
    .join(' ');
  return {
    epsg: null,
    proj4: offline.proj4,
    name,
    approximation: approximation === '' ? null : approximation,
  };
}
