/**
 * Forward simulation of at-sensor brightness temperatures for tests of the LST algorithms: a
 * surface at Ts with emissivity ε under an atmosphere of transmittance τ whose upwelling and
 * downwelling radiances are both (1 − τ)·B(Ta) (the simple atmosphere of Qin et al. 2001), with the
 * band's Planck function taken as L = K1/(exp(K2/T) − 1) (Landsat Handbook constants).
 */
import type { ThermalConstants } from './sensors.js';

/** Landsat 8 TIRS B10, B11 and Landsat 5 TM B6 calibration constants (Handbook / MTL). */
export const TEST_BANDS: Readonly<Record<'B10' | 'B11' | 'TM6', ThermalConstants>> = {
  B10: { k1: 774.8853, k2: 1321.0789 },
  B11: { k1: 480.8883, k2: 1201.1442 },
  TM6: { k1: 607.76, k2: 1260.56 },
};

/** Band radiance in W/(m2 sr um) of a blackbody at `kelvin`. */
export function bandRadiance(kelvin: number, band: ThermalConstants): number {
  return band.k1 / Math.expm1(band.k2 / kelvin);
}

/** Brightness temperature in kelvin of a band radiance. */
export function bandBrightness(radiance: number, band: ThermalConstants): number {
  return band.k2 / Math.log(band.k1 / radiance + 1);
}

/** At-sensor brightness temperature of the simulated pixel (see module comment). */
export function simulatedBrightnessKelvin(
  surfaceKelvin: number,
  emissivity: number,
  transmittance: number,
  atmosphereKelvin: number,
  band: ThermalConstants,
): number {
  const path = (1 - transmittance) * bandRadiance(atmosphereKelvin, band);
  const surface = emissivity * bandRadiance(surfaceKelvin, band) + (1 - emissivity) * path;
  return bandBrightness(transmittance * surface + path, band);
}
