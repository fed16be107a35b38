/**
 * The simulator's atmosphere parameterisation: transmittance τ, upwelling L↑ and downwelling
 * L↓ radiance per thermal band from the column water vapour w, the view angle and a few
 * per-profile perturbations. Node-free.
 *
 * 1. Reference band, nadir: invert the single-channel ψ functions of Jiménez-Muñoz et al.
 *    (2009 TM/ETM+, 2014 TIRS B10), ψ1 = 1/τ, ψ2 = −L↓ − L↑/τ, ψ3 = L↓, so τ = 1/ψ1,
 *    L↓ = ψ3, L↑ = −τ·(ψ2 + L↓). The simulated atmosphere is ψ-consistent by construction.
 * 2. Effective-temperature form (Qin, Karnieli & Berliner 2001, IJRS 22(18), eqs. 8-9: L↑ and
 *    L↓ as (1 − τ)·B(Ta) with an effective mean atmospheric temperature Ta): nadir optical depth
 *    δ = −ln τ, T↑ from L↑ = (1 − e^−δ)·B(T↑), T↓ from L↓ = (1 − e^−Dδ)·B(T↓) with the
 *    diffusivity factor D = 1.66 for the hemispheric downward path (Elsasser 1942).
 * 3. Other bands j: δj = κj·δ with κj = 1 + S·(λj − λref), λ the response's effective centre:
 *    an APPROXIMATION of the water-vapour continuum growing with wavelength across 10–12.5 µm.
 *    S = 0.66 per µm makes TIRS B11 (12.003 µm vs B10 10.904 µm) get κ = 1 + 1/c1 = 1.726, for
 *    which the linear split-window slope of McMillin (1975, JGR 80(36), 5113-5117),
 *    (1 − τ10)/(τ10 − τ11) ≈ 1/(κ − 1) for thin atmospheres, equals the c1 = 1.378 of
 *    Jiménez-Muñoz et al. 2014. The same T↑ and T↓ are used in every band. Because S is tied to
 *    that split-window coefficient, split-window accuracy on these data is a consistency check,
 *    not an independent validation.
 * 4. View angle θ: slant optical depth δ·sec θ, so τ(θ) = τ^(sec θ) and L↑(θ) = (1 − τ(θ))·B(T↑);
 *    L↓ does not depend on θ. An approximation of a plane-parallel, isothermal-equivalent layer.
 */
import { bandBrightnessTemperature } from '../planck.js';
import { atmosphericFunctions, type SingleChannelCoefficients } from '../single-channel.js';
import type { SpectralResponse } from '../spectral-response.js';
import { tabulatedBandRadiance } from './radiance-table.js';

/** τ, L↑ and L↓ of one band (radiances in W/(m2 sr um)). */
export interface BandAtmosphere {
  transmittance: number;
  upwellingWm2SrUm: number;
  downwellingWm2SrUm: number;
}

/** Band-independent description of one atmospheric profile. */
export interface AtmosphereState {
  /** Nadir optical depth −ln τ of the reference band. */
  referenceOpticalDepth: number;
  /** Effective emitting temperature of the upward path in kelvin; NaN when L↑ = 0. */
  upwellingTemperatureKelvin: number;
  /** Effective emitting temperature of the downward hemisphere in kelvin; NaN when L↓ = 0. */
  downwellingTemperatureKelvin: number;
}

/** Elsasser (1942) diffusivity factor: hemispheric path ≈ 1.66 × vertical path. */
export const DIFFUSIVITY_FACTOR = 1.66;

/** Slope S (per µm) of the optical-depth ratio κ = 1 + S·(λ − λref); see the module comment (3). */
export const OPTICAL_DEPTH_SLOPE_PER_UM = 0.66;

/**
 * τ, L↑ and L↓ of the ψ set's band at nadir for water vapour `waterVapourGcm2`: the inverted ψ
 * functions, with τ capped at 1 and L↓, L↑ floored at 0 (the quadratic fits go slightly
 * negative below w ≈ 0.3 g/cm2).
 */
export function psiBandAtmosphere(
  waterVapourGcm2: number,
  coefficients: SingleChannelCoefficients,
): BandAtmosphere {
  const [psi1, psi2, psi3] = atmosphericFunctions(waterVapourGcm2, coefficients);
  const transmittance = Math.min(1 / psi1, 1);
  const downwellingWm2SrUm = Math.max(psi3, 0);
  const upwellingWm2SrUm = Math.max(-transmittance * (psi2 + downwellingWm2SrUm), 0);
  return { transmittance, upwellingWm2SrUm, downwellingWm2SrUm };
}

/** The temperature whose band radiance times `emissivity` is `radiance`; NaN when either is ~0. */
function effectiveTemperature(srf: SpectralResponse, radiance: number, emissivity: number): number {
  if (!(emissivity > 1e-9) || !(radiance > 0)) return Number.NaN;
  return bandBrightnessTemperature(srf, radiance / emissivity);
}

/** The effective-temperature form of a reference band's nadir τ, L↑, L↓. */
export function atmosphereStateOf(
  reference: BandAtmosphere,
  referenceSrf: SpectralResponse,
): AtmosphereState {
  const opticalDepth = -Math.log(reference.transmittance);
  const upwardEmissivity = -Math.expm1(-opticalDepth);
  const downwardEmissivity = -Math.expm1(-DIFFUSIVITY_FACTOR * opticalDepth);
  return {
    referenceOpticalDepth: opticalDepth,
    upwellingTemperatureKelvin: effectiveTemperature(
      referenceSrf,
      reference.upwellingWm2SrUm,
      upwardEmissivity,
    ),
    downwellingTemperatureKelvin: effectiveTemperature(
      referenceSrf,
      reference.downwellingWm2SrUm,
      downwardEmissivity,
    ),
  };
}

/** True when two responses are the same sensor band. */
export function isSameBand(a: SpectralResponse, b: SpectralResponse): boolean {
  return a.sensor === b.sensor && a.band === b.band;
}

/** κ of a band relative to the reference band (1 for the reference band itself). */
export function opticalDepthRatio(srf: SpectralResponse, referenceSrf: SpectralResponse): number {
  if (isSameBand(srf, referenceSrf)) return 1;
  return Math.max(1 + OPTICAL_DEPTH_SLOPE_PER_UM * (srf.centreUm - referenceSrf.centreUm), 0.1);
}

function radianceOrZero(srf: SpectralResponse, temperatureKelvin: number): number {
  return Number.isFinite(temperatureKelvin) ? tabulatedBandRadiance(srf)(temperatureKelvin) : 0;
}

/**
 * τ, L↑ and L↓ of band `srf` for a profile `state`, optical-depth ratio `kappa` and view angle
 * `viewAngleDeg` (0 = nadir).
 */
export function bandAtmosphereOf(
  state: AtmosphereState,
  srf: SpectralResponse,
  kappa: number,
  viewAngleDeg: number,
): BandAtmosphere {
  const nadirDepth = kappa * state.referenceOpticalDepth;
  const slantDepth = nadirDepth / Math.cos((viewAngleDeg * Math.PI) / 180);
  const transmittance = Math.exp(-slantDepth);
  const upwardEmissivity = -Math.expm1(-slantDepth);
  const downwardEmissivity = -Math.expm1(-DIFFUSIVITY_FACTOR * nadirDepth);
  return {
    transmittance,
    upwellingWm2SrUm: upwardEmissivity * radianceOrZero(srf, state.upwellingTemperatureKelvin),
    downwellingWm2SrUm:
      downwardEmissivity * radianceOrZero(srf, state.downwellingTemperatureKelvin),
  };
}

// Qin, Karnieli & Berliner 2001 (IJRS 22(18), 3719-3746), mid-latitude summer: effective mean
// atmospheric temperature Ta = 16.0110 + 0.92621·T0 with T0 the near-surface air temperature.
const QIN_2001_INTERCEPT_K = 16.011;
const QIN_2001_SLOPE = 0.92621;

/**
 * Near-surface air temperature in kelvin implied by an effective upward-path temperature, by
 * inverting Qin et al. 2001 (mid-latitude summer); clamped to 240–320 K.
 */
export function airTemperatureFromUpwellingKelvin(upwellingTemperatureKelvin: number): number {
  const t0 = (upwellingTemperatureKelvin - QIN_2001_INTERCEPT_K) / QIN_2001_SLOPE;
  if (!Number.isFinite(t0)) return 288;
  return Math.min(Math.max(t0, 240), 320);
}
