/**
 * A fast band-radiance function for bulk simulation: planck.ts bandRadiance (Planck integrated
 * over the response) tabulated every 0.05 K from 150 to 400 K and interpolated linearly. The
 * interpolation error is below 1e-7 relative (h²/8·|B"|/B with h = 0.05 K, |B"|/B ≈ 2e-4 K⁻²
 * near 11 µm and 300 K), i.e. < 1e-5 K; outside the table bandRadiance itself is called.
 * Node-free.
 */
import { bandRadiance } from '../planck.js';
import type { SpectralResponse } from '../spectral-response.js';

const MIN_KELVIN = 150;
const MAX_KELVIN = 400;
const STEP_KELVIN = 0.05;

/** Band radiance in W/(m2 sr um) of a blackbody at a temperature in kelvin. */
export type BandRadianceFunction = (temperatureKelvin: number) => number;

const cache = new WeakMap<SpectralResponse, BandRadianceFunction>();

/** The tabulated band radiance of `srf` (built once per response object, 5,001 integrations). */
export function tabulatedBandRadiance(srf: SpectralResponse): BandRadianceFunction {
  const cached = cache.get(srf);
  if (cached !== undefined) return cached;

  const count = Math.round((MAX_KELVIN - MIN_KELVIN) / STEP_KELVIN) + 1;
  const table = new Float64Array(count);
  for (let i = 0; i < count; i++) table[i] = bandRadiance(srf, MIN_KELVIN + i * STEP_KELVIN);

  const lookUp: BandRadianceFunction = (temperatureKelvin) => {
    const position = (temperatureKelvin - MIN_KELVIN) / STEP_KELVIN;
    if (!(position >= 0 && position < count - 1)) return bandRadiance(srf, temperatureKelvin);
    const i = Math.floor(position);
    const fraction = position - i;
    return (table[i] as number) * (1 - fraction) + (table[i + 1] as number) * fraction;
  };
  cache.set(srf, lookUp);
  return lookUp;
}
