/**
 * Generalized single-channel LST (Jiménez-Muñoz & Sobrino 2003, J. Geophys. Res. 108(D22), 4688):
 *   LST = γ·[ε⁻¹·(ψ1·L + ψ2) + ψ3] + δ,
 * with γ ≈ Tb²/(bγ·L), δ ≈ Tb − Tb²/bγ, bγ = c2/λ (λ the effective band wavelength in µm,
 * c2 = 14387.7 µm·K), and the atmospheric functions ψ = C·[w², w, 1]ᵀ of the column water vapour
 * w in g/cm2. Coefficient matrices C: Jiménez-Muñoz et al. 2009 (IEEE TGRS 47(1), 339-349) for TM
 * and ETM+, Jiménez-Muñoz et al. 2014 (IEEE GRSL 11(10), 1840-1843) for TIRS band 10.
 */
import type { SensorId } from '../rasters/scene-types.js';
import { outputArray } from './brightness-temperature.js';

/** Second radiation constant c2 = h·c/k in µm·K (CODATA, rounded as in Jiménez-Muñoz 2003). */
export const C2_UM_K = 14387.7;

/** ψ coefficients of one thermal band, with the wavelength they go with. */
export interface SingleChannelCoefficients {
  id: string;
  citation: string;
  /** Effective (response-weighted) band wavelength in µm, for bγ = c2/λ. */
  effectiveWavelengthUm: number;
  /** Rows ψ1, ψ2, ψ3; columns the coefficients of w², w, 1. */
  psiMatrix: readonly [Psi, Psi, Psi];
}

type Psi = readonly [w2: number, w1: number, w0: number];

// Effective wavelengths: ∫λR dλ / ∫R dλ of the USGS/ESPA relative spectral responses in
// ../shared/data/thermal-spectral-reference (see its srf/PROVENANCE.md): TM B6 11.4573,
// ETM+ B6 11.2604, TIRS B10 10.9036 µm.

/** Landsat 5 TM band 6, TIGR61 atmospheres: Jiménez-Muñoz et al. 2009, IEEE TGRS 47(1). */
export const JIMENEZ_MUNOZ_2009_TM: SingleChannelCoefficients = {
  id: 'jimenez-munoz-2009-tm',
  citation: 'Jiménez-Muñoz, Cristóbal, Sobrino et al. 2009, IEEE TGRS 47(1), 339-349 (TM, TIGR61)',
  effectiveWavelengthUm: 11.4573,
  psiMatrix: [
    [0.08735, -0.09553, 1.10188],
    [-0.69188, -0.58185, -0.29887],
    [-0.03724, 1.53065, -0.45476],
  ],
};

/** Landsat 7 ETM+ band 6, TIGR61 atmospheres: Jiménez-Muñoz et al. 2009, IEEE TGRS 47(1). */
export const JIMENEZ_MUNOZ_2009_ETM: SingleChannelCoefficients = {
  id: 'jimenez-munoz-2009-etm',
  citation:
    'Jiménez-Muñoz, Cristóbal, Sobrino et al. 2009, IEEE TGRS 47(1), 339-349 (ETM+, TIGR61)',
  effectiveWavelengthUm: 11.2604,
  psiMatrix: [
    [0.07593, -0.07132, 1.08565],
    [-0.61438, -0.70916, -0.19379],
    [-0.02892, 1.46051, -0.43199],
  ],
};

/** Landsat 8 TIRS band 10: Jiménez-Muñoz et al. 2014, IEEE GRSL 11(10). */
export const JIMENEZ_MUNOZ_2014_TIRS_B10: SingleChannelCoefficients = {
  id: 'jimenez-munoz-2014-tirs-b10',
  citation: 'Jiménez-Muñoz, Sobrino, Skoković et al. 2014, IEEE GRSL 11(10), 1840-1843 (TIRS B10)',
  effectiveWavelengthUm: 10.9036,
  psiMatrix: [
    [0.04019, 0.02916, 1.01523],
    [-0.38333, -1.50294, 0.20324],
    [0.00918, 1.36072, -0.27514],
  ],
};

/**
 * The ψ coefficients for a sensor's single-channel band: TM B6, ETM+ B6 (both gains), TIRS B10.
 * Landsat 9 TIRS-2 B10 has no published set here; the Landsat 8 one is used for it (the two
 * responses centre within 0.07 µm: 10.9036 and 10.8372 µm). Null for other sensors.
 */
export function singleChannelCoefficientsFor(sensor: SensorId): SingleChannelCoefficients | null {
  switch (sensor) {
    case 'landsat5-tm':
      return JIMENEZ_MUNOZ_2009_TM;
    case 'landsat7-etm':
      return JIMENEZ_MUNOZ_2009_ETM;
    case 'landsat8-oli-tirs':
    case 'landsat9-oli-tirs':
      return JIMENEZ_MUNOZ_2014_TIRS_B10;
    default:
      return null;
  }
}

/** The atmospheric functions [ψ1, ψ2, ψ3] at column water vapour `waterVapourGcm2`. */
export function atmosphericFunctions(
  waterVapourGcm2: number,
  coefficients: SingleChannelCoefficients,
): [number, number, number] {
  const w = waterVapourGcm2;
  const [r1, r2, r3] = coefficients.psiMatrix;
  const row = (c: Psi): number => c[0] * w * w + c[1] * w + c[2];
  return [row(r1), row(r2), row(r3)];
}

/** bγ = c2/λ in kelvin. */
export function bGammaKelvin(effectiveWavelengthUm: number): number {
  return C2_UM_K / effectiveWavelengthUm;
}

/**
 * Single-channel LST in kelvin of one pixel from its at-sensor radiance (W/(m2 sr um)), its
 * brightness temperature (K) and its emissivity; NaN when any input is NaN or L ≤ 0.
 */
export function singleChannelLstKelvin(
  radianceWm2SrUm: number,
  brightnessTemperatureK: number,
  emissivity: number,
  psi: readonly [number, number, number],
  bGammaK: number,
): number {
  if (!(radianceWm2SrUm > 0)) return Number.NaN;
  const tb = brightnessTemperatureK;
  const gamma = (tb * tb) / (bGammaK * radianceWm2SrUm);
  const delta = tb - (tb * tb) / bGammaK;
  return gamma * ((psi[0] * radianceWm2SrUm + psi[1]) / emissivity + psi[2]) + delta;
}

/** Single-channel LST in kelvin of every pixel, at one water vapour for the whole array. */
export function singleChannelLst(
  radianceWm2SrUm: Float32Array,
  brightnessTemperatureK: Float32Array,
  emissivity: Float32Array,
  waterVapourGcm2: number,
  coefficients: SingleChannelCoefficients,
  out?: Float32Array,
): Float32Array {
  const psi = atmosphericFunctions(waterVapourGcm2, coefficients);
  const bGamma = bGammaKelvin(coefficients.effectiveWavelengthUm);
  const result = outputArray(radianceWm2SrUm.length, out);
  for (let i = 0; i < result.length; i++) {
    result[i] = singleChannelLstKelvin(
      radianceWm2SrUm[i] as number,
      brightnessTemperatureK[i] as number,
      emissivity[i] as number,
      psi,
      bGamma,
    );
  }
  return result;
}
