/**
 * Land-surface emissivity by the NDVI-threshold method (Sobrino, Jiménez-Muñoz & Paolini 2004,
 * Remote Sens. Environ. 90, 434-440):
 * - NDVI < 0: water, a constant;
 * - 0 ≤ NDVI < NDVIs: bare soil, ε = a − b·ρred where the set gives it, else εs;
 * - NDVIs ≤ NDVI ≤ NDVIv: mixed, ε = εv·Pv + εs·(1 − Pv) + C, with the vegetation proportion
 *   Pv = ((NDVI − NDVIs)/(NDVIv − NDVIs))² (Carlson & Ripley 1997) and the cavity term
 *   C = (1 − εs)·εv·F·(1 − Pv);
 * - NDVI > NDVIv: full vegetation, ε = εv.
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';
import type { BandEmissivityCoefficients, EmissivitySet } from './emissivity-sets.js';

/** Vegetation proportion Pv in 0..1 from NDVI (clamped outside NDVIs..NDVIv); NaN for NaN. */
export function vegetationProportion(
  ndvi: number,
  ndviSoil: number,
  ndviVegetation: number,
): number {
  if (Number.isNaN(ndvi)) return Number.NaN;
  const scaled = (ndvi - ndviSoil) / (ndviVegetation - ndviSoil);
  const clamped = Math.min(1, Math.max(0, scaled));
  return clamped * clamped;
}

/**
 * Emissivity of one pixel from its NDVI and (optionally) red reflectance. NaN when NDVI is NaN,
 * or when the soil-from-red relation is needed and red is NaN.
 */
export function emissivityOf(
  ndvi: number,
  redReflectance: number,
  set: EmissivitySet,
  band: BandEmissivityCoefficients,
): number {
  if (Number.isNaN(ndvi)) return Number.NaN;
  if (ndvi < 0) return band.waterEmissivity;
  if (ndvi < set.ndviSoil) {
    const fromRed = band.soilFromRed;
    return fromRed === null
      ? band.soilEmissivity
      : fromRed.intercept - fromRed.slope * redReflectance;
  }
  if (ndvi > set.ndviVegetation) return band.vegetationEmissivity;

  return mixedPixelEmissivity(
    vegetationProportion(ndvi, set.ndviSoil, set.ndviVegetation),
    set,
    band,
  );
}

/**
 * Emissivity of a mixed pixel from its vegetation proportion Pv, by the set's mixed-pixel model
 * (emissivity-sets.ts: Sobrino 2004 cavity term by default, Valor & Caselles 1996, or linear).
 */
export function mixedPixelEmissivity(
  pv: number,
  set: EmissivitySet,
  band: BandEmissivityCoefficients,
): number {
  const soil = band.soilEmissivity;
  const vegetation = band.vegetationEmissivity;
  const model = set.mixedPixelModel ?? { kind: 'sobrino-cavity' };
  switch (model.kind) {
    case 'valor-caselles':
      return vegetation * pv + soil * (1 - pv) + 4 * model.meanCavityTerm * pv * (1 - pv);
    case 'linear': {
      const linear = band.mixedLinear;
      if (linear === undefined) {
        throw new InvalidParameterError(
          `emissivity set ${set.id} has no linear mixed-pixel relation`,
        );
      }
      return linear.intercept + linear.slope * pv;
    }
    default: {
      const cavity = (1 - soil) * vegetation * set.cavityShapeFactor * (1 - pv);
      return vegetation * pv + soil * (1 - pv) + cavity;
    }
  }
}

/**
 * Emissivity of every pixel of one thermal band (`bandName`, e.g. `B10`) with a coefficient set.
 * `redReflectance` may be null when the set has no soil-from-red relation for that band.
 */
export function ndviThresholdEmissivity(
  ndvi: Float32Array,
  redReflectance: Float32Array | null,
  set: EmissivitySet,
  bandName: string,
  out?: Float32Array,
): Float32Array {
  const band = set.bands[bandName];
  if (band === undefined) {
    const known = Object.keys(set.bands).join(', ');
    throw new InvalidParameterError(
      `emissivity set ${set.id} has no coefficients for ${bandName} (has ${known})`,
    );
  }
  if (band.soilFromRed !== null && redReflectance === null) {
    throw new InvalidParameterError(
      `emissivity set ${set.id} needs red reflectance for ${bandName}`,
    );
  }
  const result = outputArray(ndvi.length, out);
  for (let i = 0; i < ndvi.length; i++) {
    const red = redReflectance === null ? Number.NaN : (redReflectance[i] as number);
    result[i] = emissivityOf(ndvi[i] as number, red, set, band);
  }
  return result;
}
