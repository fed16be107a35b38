/**
 * The numbers a fused split-window kernel needs, folded from an NDVI-threshold emissivity set
 * (emissivity.ts) and the Jiménez-Muñoz et al. 2014 coefficients (split-window.ts). Within each
 * NDVI class the emissivity term of the split-window equation,
 *   E = (c3 + c4·w)·(1 − ε) + (c5 + c6·w)·Δε,  ε = (εi + εj)/2,  Δε = εi − εj,
 * is affine in εi and εj, which are constant (water, vegetation), affine in red reflectance
 * (bare soil, ε = a − b·ρred) or a polynomial of degree ≤ 2 in the vegetation proportion Pv
 * (mixed pixels). So E per class is a constant, a line in ρred or a quadratic in Pv, and the
 * kernel evaluates LST = Ti + c0 + c1·ΔT + c2·ΔT² + E without forming εi, εj.
 * Plain data: it crosses worker-thread boundaries by structured clone.
 */
import { InvalidParameterError } from '../../errors.js';
import { mixedPixelEmissivity } from '../emissivity.js';
import type { BandEmissivityCoefficients, EmissivitySet } from '../emissivity-sets.js';
import { JIMENEZ_MUNOZ_2014_SPLIT_WINDOW, type SplitWindowCoefficients } from '../split-window.js';

/** Folded split-window + NDVI-emissivity constants; every `…Kelvin` term adds to LST in K. */
export interface SplitWindowNdviParams {
  /** NDVI of bare soil NDVIs and of full vegetation NDVIv; 0 ≤ NDVIs < NDVIv < 1. */
  ndviSoil: number;
  ndviVegetation: number;
  /** 1 / (NDVIv − NDVIs). */
  inverseNdviRange: number;
  c0Kelvin: number;
  c1: number;
  /** c2 in 1/K. */
  c2PerKelvin: number;
  /** E for water pixels (NDVI < 0). */
  waterTermKelvin: number;
  /** E for full vegetation (NDVI > NDVIv). */
  vegetationTermKelvin: number;
  /** E = soilTermKelvin + soilTermPerRedKelvin·ρred for bare soil (0 ≤ NDVI < NDVIs). */
  soilTermKelvin: number;
  soilTermPerRedKelvin: number;
  /** E = mixed0 + mixed1·Pv + mixed2·Pv² for mixed pixels (NDVIs ≤ NDVI ≤ NDVIv). */
  mixedTermKelvin: readonly [number, number, number];
}

/** What {@link splitWindowNdviParams} folds. */
export interface SplitWindowNdviSetup {
  set: EmissivitySet;
  /** Thermal band names of channel i (shorter wavelength, L8 `B10`) and j (`B11`). */
  bandI: string;
  bandJ: string;
  /** Column water vapour in g/cm2, one value for the scene. */
  waterVapourGcm2: number;
  coefficients?: SplitWindowCoefficients;
}

/** Largest misfit accepted when a mixed-pixel model is read as a quadratic in Pv. */
const QUADRATIC_TOLERANCE = 1e-12;

function bandOf(set: EmissivitySet, name: string): BandEmissivityCoefficients {
  const band = set.bands[name];
  if (band === undefined) {
    const known = Object.keys(set.bands).join(', ');
    throw new InvalidParameterError(
      `emissivity set ${set.id} has no coefficients for ${name} (has ${known})`,
      { emissivitySet: set.id, band: name },
    );
  }
  return band;
}

/**
 * The mixed-pixel emissivity of a band as [m0, m1, m2] with ε = m0 + m1·Pv + m2·Pv², read off
 * the set's own model at Pv = 0, ½, 1 and checked at ¼ and ¾; InvalidParameterError for a
 * model that is not such a polynomial.
 */
export function mixedEmissivityQuadratic(
  set: EmissivitySet,
  bandName: string,
): [number, number, number] {
  const band = bandOf(set, bandName);
  const at = (pv: number): number => mixedPixelEmissivity(pv, set, band);
  const e0 = at(0);
  const eHalf = at(0.5);
  const e1 = at(1);
  const m2 = 2 * (e0 - 2 * eHalf + e1);
  const m1 = e1 - e0 - m2;
  for (const pv of [0.25, 0.75]) {
    const misfit = Math.abs(e0 + m1 * pv + m2 * pv * pv - at(pv));
    if (!(misfit <= QUADRATIC_TOLERANCE)) {
      throw new InvalidParameterError(
        `emissivity set ${set.id}: the ${bandName} mixed-pixel emissivity is not a quadratic ` +
          `in Pv (misfit ${misfit} at Pv ${pv}); the fused kernel cannot evaluate it`,
        { emissivitySet: set.id, band: bandName },
      );
    }
  }
  return [e0, m1, m2];
}

function checkNdviThresholds(set: EmissivitySet): void {
  const { ndviSoil, ndviVegetation } = set;
  if (ndviSoil >= 0 && ndviSoil < ndviVegetation && ndviVegetation < 1) return;
  throw new InvalidParameterError(
    `emissivity set ${set.id}: the fused kernel needs 0 ≤ NDVIs < NDVIv < 1, got NDVIs ` +
      `${ndviSoil} and NDVIv ${ndviVegetation}`,
    { emissivitySet: set.id, ndviSoil, ndviVegetation },
  );
}

function checkWaterVapour(waterVapourGcm2: number): void {
  if (Number.isFinite(waterVapourGcm2) && waterVapourGcm2 >= 0) return;
  throw new InvalidParameterError(
    `waterVapourGcm2 must be a finite value ≥ 0 g/cm2, got ${waterVapourGcm2}`,
    { waterVapourGcm2 },
  );
}

/** Folds an emissivity set, two thermal bands, water vapour and coefficients for the kernels. */
export function splitWindowNdviParams(setup: SplitWindowNdviSetup): SplitWindowNdviParams {
  const { set, bandI: nameI, bandJ: nameJ, waterVapourGcm2 } = setup;
  const c = setup.coefficients ?? JIMENEZ_MUNOZ_2014_SPLIT_WINDOW;
  checkNdviThresholds(set);
  checkWaterVapour(waterVapourGcm2);
  const bandI = bandOf(set, nameI);
  const bandJ = bandOf(set, nameJ);

  // E(εi, εj) = A·(1 − (εi + εj)/2) + B·(εi − εj), Jiménez-Muñoz et al. 2014 (see split-window.ts).
  const a = c.c3 + c.c4 * waterVapourGcm2;
  const b = c.c5 + c.c6 * waterVapourGcm2;
  const term = (ei: number, ej: number): number => a * (1 - (ei + ej) / 2) + b * (ei - ej);
  // The part of E that scales with εi, εj (no constant): for slopes of ε in ρred or Pv.
  const slope = (si: number, sj: number): number => -a * ((si + sj) / 2) + b * (si - sj);

  const soilI = bandI.soilFromRed ?? { intercept: bandI.soilEmissivity, slope: 0 };
  const soilJ = bandJ.soilFromRed ?? { intercept: bandJ.soilEmissivity, slope: 0 };
  const mixedI = mixedEmissivityQuadratic(set, nameI);
  const mixedJ = mixedEmissivityQuadratic(set, nameJ);

  return {
    ndviSoil: set.ndviSoil,
    ndviVegetation: set.ndviVegetation,
    inverseNdviRange: 1 / (set.ndviVegetation - set.ndviSoil),
    c0Kelvin: c.c0,
    c1: c.c1,
    c2PerKelvin: c.c2,
    waterTermKelvin: term(bandI.waterEmissivity, bandJ.waterEmissivity),
    vegetationTermKelvin: term(bandI.vegetationEmissivity, bandJ.vegetationEmissivity),
    soilTermKelvin: term(soilI.intercept, soilJ.intercept),
    // ε = intercept − slope·ρred: the ρred slope of ε is −slope.
    soilTermPerRedKelvin: slope(-soilI.slope, -soilJ.slope),
    mixedTermKelvin: [
      term(mixedI[0], mixedJ[0]),
      slope(mixedI[1], mixedJ[1]),
      slope(mixedI[2], mixedJ[2]),
    ],
  };
}
