/**
 * Projection GeoKeys recovered from an ESRI "PE String" citation. ArcGIS writes user-defined
 * projected CRSs as GTModelTypeGeoKey = 32767 with the ESRI WKT in PCSCitationGeoKey
 * ("ESRI PE String = PROJCS[…]") instead of projection keys; GDAL reads that WKT. We map the
 * WKT's PROJECTION and PARAMETER nodes (ESRI names) onto the equivalent GeoTIFF 1.0 §6.3.3.3
 * transformation code and projection keys, so the same builders apply.
 */

const ESRI_PREFIX = 'ESRI PE String = ';

/** ESRI projection name → ProjCoordTransGeoKey code. */
const ESRI_PROJECTIONS: Record<string, number> = {
  Transverse_Mercator: 1,
  Mercator: 7,
  Lambert_Conformal_Conic: 8,
  Lambert_Azimuthal_Equal_Area: 10,
  Albers: 11,
  Stereographic_North_Pole: 15,
  Stereographic_South_Pole: 15,
  Sinusoidal: 24,
};

function esriParameters(wkt: string): Map<string, number> {
  const parameters = new Map<string, number>();
  for (const match of wkt.matchAll(/PARAMETER\["([^"]+)",\s*(-?[\d.eE+-]+)\]/g)) {
    const value = Number(match[2]);
    if (match[1] !== undefined && Number.isFinite(value))
      parameters.set(match[1].toLowerCase(), value);
  }
  return parameters;
}

function projectedPart(wkt: string): string {
  // Parameters of a trailing VERTCS (vertical CRS) must not be read as projection parameters.
  const vertical = wkt.indexOf('VERTCS[');
  return vertical === -1 ? wkt : wkt.slice(0, vertical);
}

/**
 * Projection GeoKeys equivalent to an ESRI PE string citation, or null when the citation is
 * not one or names a projection we do not map.
 */
export function geoKeysFromEsriCitation(citation: unknown): Record<string, number> | null {
  if (typeof citation !== 'string' || !citation.startsWith(ESRI_PREFIX)) return null;
  const wkt = projectedPart(citation.slice(ESRI_PREFIX.length));
  const projection = /PROJECTION\["([^"]+)"\]/.exec(wkt)?.[1];
  const code = projection === undefined ? undefined : ESRI_PROJECTIONS[projection];
  if (code === undefined) return null;

  const p = esriParameters(wkt);
  const get = (name: string, fallback = 0): number => p.get(name) ?? fallback;
  const keys: Record<string, number> = {
    ProjCoordTransGeoKey: code,
    ProjFalseEastingGeoKey: get('false_easting'),
    ProjFalseNorthingGeoKey: get('false_northing'),
    ProjNatOriginLongGeoKey: get('central_meridian', get('longitude_of_center')),
    ProjNatOriginLatGeoKey: get('latitude_of_origin', get('latitude_of_center')),
    ProjScaleAtNatOriginGeoKey: get('scale_factor', 1),
  };
  if (p.has('standard_parallel_1')) keys.ProjStdParallel1GeoKey = get('standard_parallel_1');
  if (p.has('standard_parallel_2')) keys.ProjStdParallel2GeoKey = get('standard_parallel_2');

  if (code === 8) {
    if (!p.has('standard_parallel_2')) keys.ProjCoordTransGeoKey = 9;
    keys.ProjFalseOriginLongGeoKey = keys.ProjNatOriginLongGeoKey ?? 0;
    keys.ProjFalseOriginLatGeoKey = keys.ProjNatOriginLatGeoKey ?? 0;
    keys.ProjFalseOriginEastingGeoKey = keys.ProjFalseEastingGeoKey ?? 0;
    keys.ProjFalseOriginNorthingGeoKey = keys.ProjFalseNorthingGeoKey ?? 0;
  }
  if (code === 15) {
    keys.ProjNatOriginLatGeoKey = get(
      'standard_parallel_1',
      projection?.endsWith('South_Pole') ? -90 : 90,
    );
    keys.ProjStraightVertPoleLongGeoKey = keys.ProjNatOriginLongGeoKey ?? 0;
  }
  if (code === 10 || code === 24) {
    keys.ProjCenterLongGeoKey = keys.ProjNatOriginLongGeoKey ?? 0;
    keys.ProjCenterLatGeoKey = keys.ProjNatOriginLatGeoKey ?? 0;
  }
  return keys;
}
