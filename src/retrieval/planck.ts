/**
 * Planck's law and its band integration through a spectral response: band radiance of a
 * blackbody, its inverse (band brightness temperature) and band-effective emissivity. Node-free.
 *
 * Constants: CODATA 2018 exact h, c, k_B; c1 = 2hc² = 1.191042972e8 W µm⁴ m⁻² sr⁻¹ and
 * c2 = hc/k_B = 14387.7688 µm K, so B(λ,T) = c1 / (λ⁵ (exp(c2/(λT)) − 1)) in W/(m² sr µm).
 * Band integration: L(T) = ∫R(λ)B(λ,T)dλ / ∫R(λ)dλ, trapezoid rule on the response's own grid
 * (the rule that reproduces the USGS ESPA L8 B10 brightness-temperature LUT to < 0.01 K).
 */
import { InvalidParameterError } from '../errors.js';
import { emissivityAt, type EmissivitySpectrum } from './spectral-library.js';
import type { SpectralResponse } from './spectral-response.js';

/** First radiation constant 2hc² in W µm⁴ m⁻² sr⁻¹ (CODATA 2018). */
export const C1_W_UM4_M2_SR = 1.191042972e8;
/** Second radiation constant hc/k_B in µm·K (CODATA 2018). */
export const C2_UM_K = 14387.7688;

/** Spectral radiance of a blackbody in W/(m² sr µm); NaN for T ≤ 0 or λ ≤ 0. */
export function planckRadiance(wavelengthUm: number, temperatureKelvin: number): number {
  if (!(temperatureKelvin > 0) || !(wavelengthUm > 0)) return Number.NaN;
  return (
    C1_W_UM4_M2_SR / (wavelengthUm ** 5 * Math.expm1(C2_UM_K / (wavelengthUm * temperatureKelvin)))
  );
}

/** Trapezoid weights w_i with Σ w_i f_i ≈ ∫R f dλ / ∫R dλ on the response's grid. */
function trapezoidWeights(srf: SpectralResponse): Float64Array {
  const cached = weightCache.get(srf);
  if (cached !== undefined) return cached;

  const n = srf.wavelengthsUm.length;
  const weights = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const halfDx = 0.5 * ((srf.wavelengthsUm[i] as number) - (srf.wavelengthsUm[i - 1] as number));
    weights[i - 1] = (weights[i - 1] as number) + halfDx * (srf.response[i - 1] as number);
    weights[i] = (weights[i] as number) + halfDx * (srf.response[i] as number);
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < n; i++) weights[i] = (weights[i] as number) / total;
  weightCache.set(srf, weights);
  return weights;
}

const weightCache = new WeakMap<SpectralResponse, Float64Array>();

/** SRF-weighted mean Planck radiance of the band in W/(m² sr µm); NaN for T ≤ 0. */
export function bandRadiance(srf: SpectralResponse, temperatureKelvin: number): number {
  if (!(temperatureKelvin > 0)) return Number.NaN;
  const weights = trapezoidWeights(srf);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum +=
      (weights[i] as number) * planckRadiance(srf.wavelengthsUm[i] as number, temperatureKelvin);
  }
  return sum;
}

/** Band radiance tabulated on a regular temperature grid, for fast inversion. */
interface InversionTable {
  minKelvin: number;
  stepKelvin: number;
  radiance: Float64Array;
}

const TABLE_MIN_KELVIN = 100;
const TABLE_MAX_KELVIN = 500;
const TABLE_STEP_KELVIN = 0.05;
const tableCache = new WeakMap<SpectralResponse, InversionTable>();

function inversionTable(srf: SpectralResponse): InversionTable {
  const cached = tableCache.get(srf);
  if (cached !== undefined) return cached;
  const count = Math.round((TABLE_MAX_KELVIN - TABLE_MIN_KELVIN) / TABLE_STEP_KELVIN) + 1;
  const radiance = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    radiance[i] = bandRadiance(srf, TABLE_MIN_KELVIN + i * TABLE_STEP_KELVIN);
  }
  const table = { minKelvin: TABLE_MIN_KELVIN, stepKelvin: TABLE_STEP_KELVIN, radiance };
  tableCache.set(srf, table);
  return table;
}

/** Newton iterations on the exact band radiance, for radiances outside the table. */
function newtonBrightnessTemperature(srf: SpectralResponse, radiance: number): number {
  let t = C2_UM_K / (srf.centreUm * Math.log1p(C1_W_UM4_M2_SR / (srf.centreUm ** 5 * radiance)));
  for (let iteration = 0; iteration < 30; iteration++) {
    const deltaKelvin = 1e-3 * t;
    const l = bandRadiance(srf, t);
    const slope = (bandRadiance(srf, t + deltaKelvin) - l) / deltaKelvin;
    const step = (radiance - l) / slope;
    t += step;
    if (Math.abs(step) < 1e-7) break;
  }
  return t;
}

/**
 * Brightness temperature in kelvin of a band radiance (W/(m² sr µm)): the T with
 * bandRadiance(srf, T) = L. Between 100 and 500 K a 0.05 K table is inverted by a
 * monochromatic first guess at the centre wavelength and linear interpolation (error < 1e-4 K);
 * outside, Newton iterations. NaN when L ≤ 0 or NaN.
 */
export function bandBrightnessTemperature(srf: SpectralResponse, radianceWm2SrUm: number): number {
  if (!(radianceWm2SrUm > 0)) return Number.NaN;
  const table = inversionTable(srf);
  const last = table.radiance.length - 1;
  if (
    radianceWm2SrUm < (table.radiance[0] as number) ||
    radianceWm2SrUm > (table.radiance[last] as number)
  ) {
    return newtonBrightnessTemperature(srf, radianceWm2SrUm);
  }

  const guessKelvin =
    C2_UM_K / (srf.centreUm * Math.log1p(C1_W_UM4_M2_SR / (srf.centreUm ** 5 * radianceWm2SrUm)));
  let i = Math.floor((guessKelvin - table.minKelvin) / table.stepKelvin);
  i = Math.min(Math.max(i, 0), last - 1);
  while (i > 0 && (table.radiance[i] as number) > radianceWm2SrUm) i--;
  while (i < last - 1 && (table.radiance[i + 1] as number) < radianceWm2SrUm) i++;

  const l0 = table.radiance[i] as number;
  const l1 = table.radiance[i + 1] as number;
  const fraction = (radianceWm2SrUm - l0) / (l1 - l0);
  return table.minKelvin + (i + fraction) * table.stepKelvin;
}

/**
 * Band-effective emissivity ∫ε R B(T) dλ / ∫R B(T) dλ of a spectrum through a band, weighting
 * by the Planck radiance at `temperatureKelvin` (default 300 K). The spectrum is interpolated
 * onto the response's grid, its end values held where the response reaches beyond it.
 *
 * @throws InvalidParameterError when the temperature is not positive.
 */
export function bandEmissivity(
  spectrum: EmissivitySpectrum,
  srf: SpectralResponse,
  temperatureKelvin = 300,
): number {
  if (!(temperatureKelvin > 0)) {
    throw new InvalidParameterError(
      `band emissivity needs a positive temperature, got ${temperatureKelvin} K`,
      { temperatureKelvin },
    );
  }
  const weights = trapezoidWeights(srf);
  let emitted = 0;
  let blackbody = 0;
  for (let i = 0; i < weights.length; i++) {
    const wavelengthUm = srf.wavelengthsUm[i] as number;
    const b = (weights[i] as number) * planckRadiance(wavelengthUm, temperatureKelvin);
    emitted += b * emissivityAt(spectrum, wavelengthUm);
    blackbody += b;
  }
  return emitted / blackbody;
}
