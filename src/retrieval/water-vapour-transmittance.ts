/**
 * Column water vapour from a band-effective atmospheric transmittance, by inverting the first
 * atmospheric function of the generalized single-channel method. Jiménez-Muñoz & Sobrino 2003
 * (J. Geophys. Res. 108(D22), 4688) define ψ1 = 1/τ, and Jiménez-Muñoz et al. 2014 (IEEE GRSL
 * 11(10), 1840-1843, TIRS B10; 2009 for TM and ETM+) fit it as a quadratic in w:
 *   1/τ = a·w² + b·w + c   ⇒   w = (−b + √(b² − 4a·(c − 1/τ))) / (2a),
 * the larger root. With the TIRS B10 row (a 0.04019, b 0.02916, c 1.01523) ψ1 grows with w for
 * every w ≥ 0, so each τ ≤ 1/c (0.985) has one w ≥ 0; a τ above it (drier than the fit's driest
 * column) gives w = 0. The Landsat 2009 rows have their vertex at a small positive w (TM 0.55
 * g/cm2): a τ above the vertex's gives the vertex. Used on Collection 2 Level-2 scenes, whose
 * ST_ATRAN is USGS's MODTRAN transmittance from reanalysis profiles (LSDS-1619), so the ψ2 and
 * ψ3 that follow from w stay consistent with the ST product's own atmosphere.
 */
import { outputArray } from './brightness-temperature.js';
import type { SingleChannelCoefficients } from './single-channel.js';

/**
 * Water vapour in g/cm2 whose ψ1 equals 1/`transmittance`; NaN for a NaN or non-positive τ or
 * τ > 1; 0 (or the fit's vertex) for a τ above what the fit reaches at w = 0.
 */
export function waterVapourForTransmittanceGcm2(
  transmittance: number,
  coefficients: SingleChannelCoefficients,
): number {
  if (!(transmittance > 0 && transmittance <= 1)) return Number.NaN;
  const [a, b, c] = coefficients.psiMatrix[0];
  const vertexGcm2 = Math.max(0, -b / (2 * a));
  const discriminant = b * b - 4 * a * (c - 1 / transmittance);
  if (discriminant <= 0) return vertexGcm2;
  return Math.max(vertexGcm2, (-b + Math.sqrt(discriminant)) / (2 * a));
}

/** {@link waterVapourForTransmittanceGcm2} of every pixel. */
export function waterVapourFromTransmittance(
  transmittance: Float32Array,
  coefficients: SingleChannelCoefficients,
  out?: Float32Array,
): Float32Array {
  const result = outputArray(transmittance.length, out);
  for (let i = 0; i < result.length; i++) {
    result[i] = waterVapourForTransmittanceGcm2(transmittance[i] as number, coefficients);
  }
  return result;
}
