/**
 * Mono-window LST (Qin, Karnieli & Berliner 2001, Int. J. Remote Sens. 22(18), 3719-3746),
 * written for Landsat TM band 6 and usable for any single thermal band with its own linearisation
 * constants a, b:
 *   Ts = [a·(1 − C − D) + (b·(1 − C − D) + C + D)·T − D·Ta] / C,
 *   C = ε·τ,  D = (1 − τ)·[1 + (1 − ε)·τ],
 * with T the at-sensor brightness temperature (K), ε the surface emissivity, τ the total atmospheric
 * transmittance and Ta the effective mean atmospheric temperature (K). The constants a, b come from
 * linearising the Planck radiance, L/(∂L/∂T) ≈ a + b·T, over a temperature range.
 *
 * The derivation assumes the upwelling and downwelling atmospheric radiances are both (1 − τ)·B(Ta),
 * so it is exact only to that approximation and to the linearisation. (Qin 2001's abstract gives a
 * mean error below 0.4 K without parameter errors and about 1.1 K with moderate errors in τ and Ta;
 * figures recalled, not re-checked offline.)
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';
import { checkPixelLengths, pixelValueAt, type PixelValues } from './pixel-values.js';

/** Planck linearisation constants: L/(∂L/∂T) ≈ a + b·T over `rangeKelvin`. */
export interface MonoWindowConstants {
  id: string;
  a: number;
  b: number;
  rangeKelvin: readonly [number, number];
  citation: string;
}

/**
 * Qin 2001 constants for TM band 6 over 0-70 °C: a = −67.355351, b = 0.458606. (Qin 2001 also give
 * sets for narrower ranges; those could not be checked offline and are not included.)
 */
export const QIN_2001_TM6: MonoWindowConstants = {
  id: 'qin-2001-tm6-0-70c',
  a: -67.355351,
  b: 0.458606,
  rangeKelvin: [273.15, 343.15],
  citation: 'Qin, Karnieli & Berliner 2001, Int. J. Remote Sens. 22(18), 3719-3746',
};

/** Linear Ta = intercept + slope·T0 with T0 the near-surface air temperature in kelvin. */
export interface MeanAtmosphereRelation {
  intercept: number;
  slope: number;
}

/**
 * Effective mean atmospheric temperature from near-surface air temperature for the four standard
 * atmospheres (Qin 2001, eq. for Ta, computed with LOWTRAN 7 profiles).
 */
export const QIN_2001_MEAN_ATMOSPHERE: Readonly<
  Record<
    'usa-1976' | 'tropical' | 'mid-latitude-summer' | 'mid-latitude-winter',
    MeanAtmosphereRelation
  >
> = {
  'usa-1976': { intercept: 25.9396, slope: 0.88045 },
  tropical: { intercept: 17.9769, slope: 0.91715 },
  'mid-latitude-summer': { intercept: 16.011, slope: 0.92621 },
  'mid-latitude-winter': { intercept: 19.2704, slope: 0.91118 },
};

/** A standard atmosphere of {@link QIN_2001_MEAN_ATMOSPHERE}. */
export type StandardAtmosphere = keyof typeof QIN_2001_MEAN_ATMOSPHERE;

/** Effective mean atmospheric temperature Ta in kelvin from the near-surface air temperature. */
export function meanAtmosphericTemperatureKelvin(
  nearSurfaceAirKelvin: number,
  atmosphere: StandardAtmosphere,
): number {
  const relation = QIN_2001_MEAN_ATMOSPHERE[atmosphere];
  return relation.intercept + relation.slope * nearSurfaceAirKelvin;
}

/** τ = intercept + slope·w over a water-vapour range in g/cm2, for one temperature profile. */
interface TransmittanceRelation {
  profile: 'high-air-temperature' | 'low-air-temperature';
  lowGcm2: number;
  highGcm2: number;
  intercept: number;
  slope: number;
}

// Qin 2001 TM6 transmittance vs water vapour (LOWTRAN 7). Only the two relations that could be
// checked against independent implementations are kept: high air temperature (mid-latitude summer)
// for 0.4-1.6 g/cm2 and low air temperature (mid-latitude winter) for 1.6-3.0 g/cm2.
const QIN_2001_TRANSMITTANCE: readonly TransmittanceRelation[] = [
  {
    profile: 'high-air-temperature',
    lowGcm2: 0.4,
    highGcm2: 1.6,
    intercept: 0.97429,
    slope: -0.08007,
  },
  {
    profile: 'low-air-temperature',
    lowGcm2: 1.6,
    highGcm2: 3.0,
    intercept: 1.05371,
    slope: -0.14142,
  },
];

/**
 * TM6 atmospheric transmittance from column water vapour (Qin 2001). Only the relations kept above
 * exist: high air temperature for 0.4-1.6 g/cm2, low air temperature for 1.6-3.0 g/cm2.
 * @throws InvalidParameterError for a water vapour outside the relation of that profile.
 */
export function qin2001Transmittance(
  waterVapourGcm2: number,
  profile: TransmittanceRelation['profile'],
): number {
  const w = waterVapourGcm2;
  const relation = QIN_2001_TRANSMITTANCE.find(
    (r) => r.profile === profile && w >= r.lowGcm2 && w <= r.highGcm2,
  );
  if (relation === undefined) {
    const ranges = QIN_2001_TRANSMITTANCE.filter((r) => r.profile === profile)
      .map((r) => `${r.lowGcm2}-${r.highGcm2}`)
      .join(', ');
    throw new InvalidParameterError(
      `Qin 2001 has no ${profile} transmittance relation for w = ${w} g/cm2 (available: ${ranges})`,
      { waterVapourGcm2: w, profile },
    );
  }
  return relation.intercept + relation.slope * w;
}

/** Mono-window LST in kelvin of one pixel; NaN when an input is NaN or C = 0. */
export function qin2001LstKelvin(
  tbKelvin: number,
  emissivity: number,
  transmittance: number,
  meanAtmosphereKelvin: number,
  constants: MonoWindowConstants = QIN_2001_TM6,
): number {
  const c = emissivity * transmittance;
  const d = (1 - transmittance) * (1 + (1 - emissivity) * transmittance);
  const rest = 1 - c - d;
  const numerator =
    constants.a * rest + (constants.b * rest + c + d) * tbKelvin - d * meanAtmosphereKelvin;
  return c === 0 ? Number.NaN : numerator / c;
}

/**
 * Linearisation constants a, b for any band: the least-squares line through L/(∂L/∂T) against T
 * for T from `minKelvin` to `maxKelvin` in `stepKelvin` steps, with `radiance(T)` the band's
 * radiance (e.g. K1/(exp(K2/T) − 1), or an SRF-weighted Planck function). ∂L/∂T is a central
 * difference of ±0.01 K.
 * @throws InvalidParameterError for a range with fewer than two temperatures.
 */
export function monoWindowConstantsFor(
  radiance: (temperatureKelvin: number) => number,
  minKelvin: number,
  maxKelvin: number,
  stepKelvin = 1,
): { a: number; b: number } {
  const count = Math.floor((maxKelvin - minKelvin) / stepKelvin + 1e-9) + 1;
  if (!(count >= 2) || !(stepKelvin > 0)) {
    throw new InvalidParameterError(
      `mono-window linearisation needs at least two temperatures (range ${minKelvin}-${maxKelvin} K, step ${stepKelvin} K)`,
    );
  }
  let sumT = 0;
  let sumY = 0;
  let sumTT = 0;
  let sumTY = 0;
  for (let k = 0; k < count; k++) {
    const t = minKelvin + k * stepKelvin;
    const derivative = (radiance(t + 0.01) - radiance(t - 0.01)) / 0.02;
    const y = radiance(t) / derivative;
    sumT += t;
    sumY += y;
    sumTT += t * t;
    sumTY += t * y;
  }
  const b = (count * sumTY - sumT * sumY) / (count * sumTT - sumT * sumT);
  return { a: (sumY - b * sumT) / count, b };
}

/** Inputs of {@link qin2001MonoWindowLst}; arrays must have the length of `tbKelvin`. */
export interface Qin2001Inputs {
  tbKelvin: Float32Array;
  emissivity: PixelValues;
  transmittance: PixelValues;
  meanAtmosphereKelvin: PixelValues;
}

/** Mono-window LST in kelvin of every pixel; NaN where an input is NaN. */
export function qin2001MonoWindowLst(
  inputs: Qin2001Inputs,
  constants: MonoWindowConstants = QIN_2001_TM6,
  out?: Float32Array,
): Float32Array {
  const n = inputs.tbKelvin.length;
  checkPixelLengths('mono-window', Object.entries(inputs) as [string, PixelValues][], n);
  const result = outputArray(n, out);
  for (let i = 0; i < n; i++) {
    result[i] = qin2001LstKelvin(
      inputs.tbKelvin[i] as number,
      pixelValueAt(inputs.emissivity, i),
      pixelValueAt(inputs.transmittance, i),
      pixelValueAt(inputs.meanAtmosphereKelvin, i),
      constants,
    );
  }
  return result;
}
