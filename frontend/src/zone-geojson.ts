/**
 * Reading a zone file on the page: the text parsed as JSON (a message naming the file when it
 * is not), and the FeatureCollection to outline on the map. The server checks the geometry; the
 * page only needs to know what to draw.
 */

/** Legacy GeoJSON (2008) `crs` names that mean WGS 84 longitude/latitude. */
const LONLAT_CRS =
  /^(?:EPSG:4326|OGC:CRS84|urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG:[\d.]*:4326)$/i;

/**
 * Parses a zone file's text.
 * @throws Error `<file>: not JSON (<reason>)` when the text is not JSON.
 */
export function parseZoneFile(fileName: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`${fileName}: not JSON (${reason})`, { cause });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The legacy `crs` name of a GeoJSON object, or null when it has none. */
function legacyCrsName(geojson: Record<string, unknown>): string | null {
  const crs = geojson['crs'];
  if (!isObject(crs) || !isObject(crs['properties'])) return null;
  const name = crs['properties']['name'];
  return typeof name === 'string' ? name : null;
}

/**
 * The zones as a FeatureCollection in longitude/latitude for the map's outlines: a collection
 * as it is, a Feature or a bare geometry wrapped. Null when there is nothing to draw in
 * longitude/latitude (not a GeoJSON object, or coordinates in another CRS named by `crs`).
 */
export function zoneOutlines(geojson: unknown): GeoJSON.FeatureCollection | null {
  if (!isObject(geojson) || typeof geojson['type'] !== 'string') return null;
  const crsName = legacyCrsName(geojson);
  if (crsName !== null && !LONLAT_CRS.test(crsName.trim())) return null;
  const type = geojson['type'];
  if (type === 'FeatureCollection') {
    const features = geojson['features'];
    return Array.isArray(features)
      ? {
          type: 'FeatureCollection',
          features: features.filter(isObject) as unknown as GeoJSON.Feature[],
        }
      : null;
  }
  const feature: unknown =
    type === 'Feature' ? geojson : { type: 'Feature', properties: {}, geometry: geojson };
  return { type: 'FeatureCollection', features: [feature as GeoJSON.Feature] };
}
