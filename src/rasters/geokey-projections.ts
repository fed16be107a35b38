/**
 * Projection parameters of user-defined projected CRSs, GeoKeys → proj4 fragments.
 *
 * Coordinate-transformation codes (ProjCoordTransGeoKey): GeoTIFF 1.0 §6.3.3.3; parameter keys
 * 3078–3095: GeoTIFF 1.1 (OGC 19-008r4) Annex; unit codes from the EPSG dataset (9001 metre,
 * 9002 foot, 9003 US survey foot, 9036 km, 9101 radian, 9102 degree, 9105 grad, 9122 degree).
 * proj4 parameter names: PROJ "Projections" documentation.
 */
import { UnknownCrsError } from '../errors.js';

/** GeoKeys by name. */
export type Keys = Record<string, unknown>;

/** A finite numeric GeoKey, or undefined. */
export function numberKey(keys: Keys, name: string): number | undefined {
  const value = keys[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function firstNumber(keys: Keys, names: readonly string[], fallback?: number): number {
  for (const name of names) {
    const value = numberKey(keys, name);
    if (value !== undefined) return value;
  }
  if (fallback !== undefined) return fallback;
  throw new UnknownCrsError(`the user-defined projection lacks ${names.join(' or ')}`, {
    missing: names,
  });
}

const METRES_PER_LINEAR_UNIT: Record<number, number> = {
  9001: 1,
  9002: 0.3048,
  9003: 1200 / 3937,
  9036: 1000,
};
const DEGREES_PER_ANGULAR_UNIT: Record<number, number> = {
  9101: 180 / Math.PI,
  9102: 1,
  9105: 0.9,
  9122: 1,
};
const PROJ4_UNITS: Record<number, string> = { 9001: 'm', 9002: 'ft', 9003: 'us-ft', 9036: 'km' };

/** Reads the projection parameters in degrees and metres. */
class ProjectionParameters {
  constructor(
    private readonly keys: Keys,
    private readonly degreesPerUnit: number,
    private readonly metresPerUnit: number,
  ) {}

  angle(names: readonly string[], fallback?: number): number {
    return firstNumber(this.keys, names, fallback) * this.degreesPerUnit;
  }

  length(names: readonly string[]): number {
    return firstNumber(this.keys, names, 0) * this.metresPerUnit;
  }

  scale(names: readonly string[]): number {
    return firstNumber(this.keys, names, 1);
  }

  falseEN(prefix: 'Proj' | 'ProjFalseOrigin' | 'ProjCenter' = 'Proj'): string {
    const east = prefix === 'Proj' ? 'ProjFalseEastingGeoKey' : `${prefix}EastingGeoKey`;
    const north = prefix === 'Proj' ? 'ProjFalseNorthingGeoKey' : `${prefix}NorthingGeoKey`;
    const x0 = this.length([east, 'ProjFalseEastingGeoKey']);
    const y0 = this.length([north, 'ProjFalseNorthingGeoKey']);
    return `+x_0=${x0} +y_0=${y0}`;
  }
}

const NAT_LAT = ['ProjNatOriginLatGeoKey', 'ProjFalseOriginLatGeoKey', 'ProjCenterLatGeoKey'];
const NAT_LON = ['ProjNatOriginLongGeoKey', 'ProjFalseOriginLongGeoKey', 'ProjCenterLongGeoKey'];
const CENTER_LAT = ['ProjCenterLatGeoKey', 'ProjNatOriginLatGeoKey', 'ProjFalseOriginLatGeoKey'];
const CENTER_LON = ['ProjCenterLongGeoKey', 'ProjNatOriginLongGeoKey', 'ProjFalseOriginLongGeoKey'];
const ORIGIN_LAT = ['ProjFalseOriginLatGeoKey', 'ProjNatOriginLatGeoKey', 'ProjCenterLatGeoKey'];
const ORIGIN_LON = ['ProjFalseOriginLongGeoKey', 'ProjNatOriginLongGeoKey', 'ProjCenterLongGeoKey'];
const STD1 = ['ProjStdParallel1GeoKey'];
const STD2 = ['ProjStdParallel2GeoKey'];
const SCALE = ['ProjScaleAtNatOriginGeoKey', 'ProjScaleAtCenterGeoKey'];

function polarStereographic(p: ProjectionParameters): string {
  const latTs = p.angle(NAT_LAT);
  const lon0 = p.angle(['ProjStraightVertPoleLongGeoKey', ...NAT_LON]);
  const pole = latTs < 0 ? -90 : 90;
  const scaleOrLatTs = Math.abs(latTs) === 90 ? `+k_0=${p.scale(SCALE)}` : `+lat_ts=${latTs}`;
  return `+proj=stere +lat_0=${pole} ${scaleOrLatTs} +lon_0=${lon0} ${p.falseEN()}`;
}

/** proj4 projection fragments by ProjCoordTransGeoKey code (GeoTIFF 1.0 §6.3.3.3). */
const PROJECTIONS: Record<number, { name: string; build: (p: ProjectionParameters) => string }> = {
  1: {
    name: 'Transverse Mercator',
    build: (p) =>
      `+proj=tmerc +lat_0=${p.angle(NAT_LAT)} +lon_0=${p.angle(NAT_LON)} +k_0=${p.scale(SCALE)} ${p.falseEN()}`,
  },
  7: {
    name: 'Mercator',
    build: (p) => {
      const std = numberOrNull(() => p.angle(STD1));
      const scale = std === null ? `+k_0=${p.scale(SCALE)}` : `+lat_ts=${std}`;
      return `+proj=merc +lon_0=${p.angle(NAT_LON)} ${scale} ${p.falseEN()}`;
    },
  },
  8: {
    name: 'Lambert Conformal Conic (2SP)',
    build: (p) =>
      `+proj=lcc +lat_1=${p.angle(STD1)} +lat_2=${p.angle(STD2)} +lat_0=${p.angle(ORIGIN_LAT)} ` +
      `+lon_0=${p.angle(ORIGIN_LON)} ${p.falseEN('ProjFalseOrigin')}`,
  },
  9: {
    name: 'Lambert Conformal Conic (1SP)',
    build: (p) => {
      const lat0 = p.angle(NAT_LAT);
      return `+proj=lcc +lat_1=${lat0} +lat_0=${lat0} +lon_0=${p.angle(NAT_LON)} +k_0=${p.scale(SCALE)} ${p.falseEN()}`;
    },
  },
  10: {
    name: 'Lambert Azimuthal Equal Area',
    build: (p) =>
      `+proj=laea +lat_0=${p.angle(CENTER_LAT)} +lon_0=${p.angle(CENTER_LON)} ${p.falseEN()}`,
  },
  11: {
    name: 'Albers Equal Area',
    build: (p) =>
      `+proj=aea +lat_1=${p.angle(STD1)} +lat_2=${p.angle(STD2)} +lat_0=${p.angle(NAT_LAT)} ` +
      `+lon_0=${p.angle(NAT_LON)} ${p.falseEN()}`,
  },
  14: {
    name: 'Stereographic',
    build: (p) =>
      `+proj=stere +lat_0=${p.angle(CENTER_LAT)} +lon_0=${p.angle(CENTER_LON)} +k_0=${p.scale(SCALE)} ${p.falseEN()}`,
  },
  15: { name: 'Polar Stereographic', build: polarStereographic },
  16: {
    name: 'Oblique Stereographic',
    build: (p) =>
      `+proj=sterea +lat_0=${p.angle(NAT_LAT)} +lon_0=${p.angle(NAT_LON)} +k_0=${p.scale(SCALE)} ${p.falseEN()}`,
  },
  17: {
    name: 'Equirectangular',
    build: (p) =>
      `+proj=eqc +lat_ts=${p.angle([...STD1, ...CENTER_LAT], 0)} +lon_0=${p.angle(CENTER_LON, 0)} ${p.falseEN()}`,
  },
  24: {
    name: 'Sinusoidal',
    build: (p) => `+proj=sinu +lon_0=${p.angle(CENTER_LON, 0)} ${p.falseEN()}`,
  },
};

function numberOrNull(read: () => number): number | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** UTM zone of an EPSG projection (conversion) code 16001–16060 (N) / 16101–16160 (S). */
function utmFromProjectionCode(code: number | undefined): string | null {
  if (code === undefined) return null;
  if (code >= 16001 && code <= 16060) return `+proj=utm +zone=${code - 16000}`;
  if (code >= 16101 && code <= 16160) return `+proj=utm +zone=${code - 16100} +south`;
  return null;
}

/** The proj4 projection fragment (with units) and a projection name from the GeoKeys. */
export function projectionFragment(keys: Keys): { fragment: string; name: string } {
  const projectionCode = numberKey(keys, 'ProjectionGeoKey');
  const utm = utmFromProjectionCode(projectionCode);
  if (utm !== null) return { fragment: utm, name: utm.replace('+proj=utm +zone=', 'UTM zone ') };

  const transform = numberKey(keys, 'ProjCoordTransGeoKey');
  const projection = transform === undefined ? undefined : PROJECTIONS[transform];
  if (projection === undefined) {
    const what =
      transform === undefined
        ? `ProjectionGeoKey ${String(projectionCode)}`
        : `ProjCoordTransGeoKey ${transform}`;
    throw new UnknownCrsError(`the user-defined projection (${what}) is not supported`, {});
  }

  const angularCode = numberKey(keys, 'GeogAngularUnitsGeoKey') ?? 9102;
  const degreesPerUnit = DEGREES_PER_ANGULAR_UNIT[angularCode];
  const linearCode = numberKey(keys, 'ProjLinearUnitsGeoKey') ?? 9001;
  const metresPerUnit =
    METRES_PER_LINEAR_UNIT[linearCode] ?? numberKey(keys, 'ProjLinearUnitSizeGeoKey');
  if (degreesPerUnit === undefined || metresPerUnit === undefined) {
    throw new UnknownCrsError(
      `unsupported units (angular ${angularCode}, linear ${linearCode})`,
      {},
    );
  }
  const parameters = new ProjectionParameters(keys, degreesPerUnit, metresPerUnit);
  const units = PROJ4_UNITS[linearCode];
  const unitsToken = units === undefined ? `+to_meter=${metresPerUnit}` : `+units=${units}`;
  return { fragment: `${projection.build(parameters)} ${unitsToken}`, name: projection.name };
}
