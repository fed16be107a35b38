/**
 * Single-channel emissivity correction of a brightness temperature (Artis & Carnahan 1982, in
 * the form of Avdan & Jovanovska 2016, J. Sensors 2016, 1480307, their LST equation):
 *   LST = BT / (1 + (λ·BT/ρ)·ln ε),
 * λ the band's effective wavelength in micrometres (SpectralResponse.centreUm, e.g. 10.9036 µm
 * for Landsat 8 B10), ρ = h·c/k_B in µm·K. Node-free.
 *
 * Avdan & Jovanovska give ρ = 1.438e-2 m·K = 14380 µm·K, which the reported-fault cases (B16)
 * reproduce to 0.001 K; CODATA's hc/k_B is 14387.77 µm·K (0.0012 K higher LST at 300 K, ε 0.97).
 * The fault was λ and ρ in mismatched units (λ = 0.00115, ρ = 0.48359547432), which made the
 * correction about three times too large.
 */
import { InvalidParameterError } from '../errors.js';
import { outputArray } from './brightness-temperature.js';

/** ρ = h·c/k_B as published by Avdan & Jovanovska 2016, in µm·K. */
export const AVDAN_RHO_UM_K = 14380;

function checkConstants(wavelengthUm: number, rhoUmK: number): void {
  // A wavelength in metres or ρ in m·K is the B16 fault: refuse anything outside the TIR window.
  if (!(wavelengthUm >= 3 && wavelengthUm <= 20)) {
    throw new InvalidParameterError(
      `emissivity correction wavelength must be in micrometres (3-20), got ${wavelengthUm}`,
      { wavelengthUm },
    );
  }
  if (!(rhoUmK > 14000 && rhoUmK < 14500)) {
    throw new InvalidParameterError(
      `emissivity correction ρ must be h·c/k_B in µm·K (≈14380), got ${rhoUmK}`,
      { rhoUmK },
    );
  }
}

/**
 * LST in kelvin from a brightness temperature (K) and an emissivity (0–1]; NaN when either is
 * NaN or the emissivity is not in (0, 1].
 *
 * @throws InvalidParameterError when the wavelength is not in micrometres or ρ not in µm·K.
 */
export function emissivityCorrectedLstKelvin(
  brightnessTemperatureKelvin: number,
  emissivity: number,
  wavelengthUm: number,
  rhoUmK: number = AVDAN_RHO_UM_K,
): number {
  checkConstants(wavelengthUm, rhoUmK);
  return correct(brightnessTemperatureKelvin, emissivity, wavelengthUm / rhoUmK);
}

function correct(bt: number, emissivity: number, lambdaOverRho: number): number {
  if (!(emissivity > 0 && emissivity <= 1)) return Number.NaN;
  return bt / (1 + lambdaOverRho * bt * Math.log(emissivity));
}

/** {@link emissivityCorrectedLstKelvin} over arrays; `emissivity` may be one value for all. */
export function emissivityCorrectedLst(
  brightnessTemperatureKelvin: Float32Array,
  emissivity: Float32Array | number,
  wavelengthUm: number,
  rhoUmK: number = AVDAN_RHO_UM_K,
  out?: Float32Array,
): Float32Array {
  checkConstants(wavelengthUm, rhoUmK);
  const n = brightnessTemperatureKelvin.length;
  if (typeof emissivity !== 'number' && emissivity.length !== n) {
    throw new InvalidParameterError(`emissivity has ${emissivity.length} pixels, expected ${n}`, {
      length: emissivity.length,
      expected: n,
    });
  }
  const result = outputArray(n, out);
  const lambdaOverRho = wavelengthUm / rhoUmK;
  for (let i = 0; i < n; i++) {
    const e = typeof emissivity === 'number' ? emissivity : (emissivity[i] as number);
    result[i] = correct(brightnessTemperatureKelvin[i] as number, e, lambdaOverRho);
  }
  return result;
}
