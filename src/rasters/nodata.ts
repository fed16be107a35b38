/**
 * The one noData rule of the platform: every comparison of a stored sample with a band's noData
 * goes through {@link noDataRule}.
 *
 * - null means "no noData": nothing is masked (never 0 by default).
 * - NaN matches NaN (an equality test never would: rio-tiler issue #690).
 * - 0 is a value like any other (deck.gl-raster issue #365: `if (!noData)` dropped it).
 * - For float32 bands the noData is rounded to float32 before comparing, as GDAL does since
 *   PR #3794 (OSGeo/gdal issue #3791): "-3.4e38" parsed as a double never equals a stored
 *   float32 pixel.
 * - Integer bands compare exactly; a noData outside the sample type's range, or not an integer
 *   for an integer type, matches nothing and is reported (code NODATA_OUT_OF_RANGE).
 */
import type { SampleType } from './types.js';

/** Range of each integer sample type (inclusive). */
const INTEGER_RANGES: Partial<Record<SampleType, readonly [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65_535],
  int16: [-32_768, 32_767],
  uint32: [0, 4_294_967_295],
  int32: [-2_147_483_648, 2_147_483_647],
};

/** How the noData of one band is compared with its samples. */
export interface NoDataRule {
  /** The value a sample must have to be noData (float32-rounded for float32); null = none. */
  readonly target: number | null;
  /** True when the rule masks NaN samples (noData NaN). */
  readonly matchesNaN: boolean;
  /** Why a set noData can never match (out of range, fractional for integers); else null. */
  readonly outOfRange: string | null;
  /** True when `sample` (as stored, before any conversion to float32) is noData. */
  matches(sample: number): boolean;
}

const NONE: NoDataRule = {
  target: null,
  matchesNaN: false,
  outOfRange: null,
  matches: () => false,
};

function describeRange(noData: number, sampleType: SampleType): string | null {
  if (Number.isNaN(noData)) {
    return sampleType === 'float32' || sampleType === 'float64'
      ? null
      : `noData NaN cannot occur in ${sampleType} samples`;
  }
  const range = INTEGER_RANGES[sampleType];
  if (range !== undefined) {
    if (!Number.isInteger(noData)) return `noData ${noData} is not an integer (${sampleType})`;
    if (noData < range[0] || noData > range[1]) {
      return `noData ${noData} is outside the ${sampleType} range ${range[0]}..${range[1]}`;
    }
    return null;
  }
  if (
    sampleType === 'float32' &&
    Number.isFinite(noData) &&
    !Number.isFinite(Math.fround(noData))
  ) {
    return `noData ${noData} is outside the float32 range`;
  }
  return null;
}

/**
 * The comparison rule for a band of `sampleType` whose noData is `noData` (null = unset).
 * Samples must be given as stored (integers exactly, float32 as read from the file).
 */
export function noDataRule(noData: number | null, sampleType: SampleType): NoDataRule {
  if (noData === null) return NONE;
  const outOfRange = describeRange(noData, sampleType);
  if (outOfRange !== null) return { ...NONE, outOfRange };
  if (Number.isNaN(noData)) {
    return { target: NaN, matchesNaN: true, outOfRange: null, matches: Number.isNaN };
  }
  const target = sampleType === 'float32' ? Math.fround(noData) : noData;
  return {
    target,
    matchesNaN: false,
    outOfRange: null,
    matches: (sample) => sample === target,
  };
}

/**
 * Replaces samples matching `rule` by NaN, in place; returns the same array. For samples
 * already converted to float32, use a rule whose target is float32-exact (float32 bands, or
 * integers up to 2^24); the block reader masks before conversion for the other cases.
 */
export function maskNoDataInPlace(values: Float32Array, rule: NoDataRule): Float32Array {
  if (rule.target === null || rule.matchesNaN) return values;
  const target = rule.target;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === target) values[i] = NaN;
  }
  return values;
}

/**
 * A rule for values already held as float32 (e.g. a sensor fill value applied to raw reads):
 * the value is compared after rounding to float32, the only form such values can take.
 */
export function float32ValueRule(value: number | null): NoDataRule {
  return noDataRule(value, 'float32');
}
