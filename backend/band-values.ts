/**
 * How the stored values of a scene band become physical values for display and point queries:
 * the sensor's fill value (when the file sets no noData) becomes NaN, and the Level-2 scaling
 * of the sensor profile (or the file's own scale/offset) is applied.
 */
import type { SensorId } from '../src/rasters/scene-types.js';
import type {
  RasterInfo,
  RasterReader,
  ReadWindowOptions,
  PixelWindow,
} from '../src/rasters/types.js';
import { findBandProfile } from '../src/retrieval/sensors.js';
import { float32ValueRule, maskNoDataInPlace } from '../src/rasters/nodata.js';

/**
 * Physical value = stored·scale + offset, in `unit`: the Level-2 unit (`K`, `reflectance`…),
 * `DN` for a known sensor band without Level-2 scaling, null for bands of a generic GeoTIFF.
 */
export interface BandValueRule {
  /** Stored value that means missing data and that the file does not flag itself; or null. */
  fillValue: number | null;
  scale: number;
  offset: number;
  unit: string | null;
}

/** The value rule of band `bandName` (0-based `bandIndex` in a file described by `info`). */
export function bandValueRule(
  sensor: SensorId,
  bandName: string,
  info: RasterInfo,
  bandIndex: number,
): BandValueRule {
  const profile = findBandProfile(sensor, bandName);
  const fillValue = info.noData === null ? (profile?.fillValue ?? null) : null;
  const scaling = profile?.level2Scaling ?? null;
  if (scaling !== null) {
    return { fillValue, scale: scaling.mult, offset: scaling.add, unit: scaling.unit };
  }
  return {
    fillValue,
    scale: info.scale[bandIndex] ?? 1,
    offset: info.offset[bandIndex] ?? 0,
    unit: profile === null ? null : 'DN',
  };
}

/**
 * Replaces `fillValue` by NaN in place (the platform's noData rule for values held as float32:
 * src/rasters/nodata.ts; null masks nothing, 0 is honoured); returns the same array.
 */
export function maskFill(values: Float32Array, fillValue: number | null): Float32Array {
  return maskNoDataInPlace(values, float32ValueRule(fillValue));
}

/** Applies `scale` and `offset` in place (NaN stays NaN); returns the same array. */
export function toPhysical(values: Float32Array, rule: BandValueRule): Float32Array {
  if (rule.scale === 1 && rule.offset === 0) return values;
  for (let i = 0; i < values.length; i += 1) {
    values[i] = (values[i] ?? Number.NaN) * rule.scale + rule.offset;
  }
  return values;
}

/**
 * A view of `reader` whose window reads turn `fillValue` into NaN (raw values otherwise, as
 * RasterReader promises). Closing the view does not close the reader.
 */
export function fillMaskedReader(reader: RasterReader, fillValue: number | null): RasterReader {
  if (fillValue === null) return reader;
  return {
    path: reader.path,
    info: reader.info,
    async readWindow(window: PixelWindow, options: ReadWindowOptions): Promise<Float32Array> {
      return maskFill(await reader.readWindow(window, options), fillValue);
    },
    close: () => Promise.resolve(),
  };
}
