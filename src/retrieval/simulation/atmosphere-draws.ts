/**
 * Random atmospheric profiles for the simulator: water vapour, view angle and per-profile
 * perturbations of the ψ-derived atmosphere (atmosphere-model.ts), giving τ, L↑ and L↓ for
 * every band of a sensor. Node-free.
 */
import type { SpectralResponse } from '../spectral-response.js';
import {
  airTemperatureFromUpwellingKelvin,
  atmosphereStateOf,
  bandAtmosphereOf,
  isSameBand,
  opticalDepthRatio,
  psiBandAtmosphere,
  type AtmosphereState,
  type BandAtmosphere,
} from './atmosphere-model.js';
import type { Random } from './prng.js';
import type { SimulationSensor } from './simulation-sensors.js';

/** One atmospheric profile with its τ, L↑, L↓ in every simulated band. */
export interface ProfileAtmosphere {
  /** Profile label (a number for drawn profiles, the CSV's profile_id otherwise). */
  label: string;
  /** Column water vapour in g/cm2; NaN when unknown (a CSV without a `w` column). */
  waterVapourGcm2: number;
  /** View zenith angle in degrees; NaN when unknown. */
  viewAngleDeg: number;
  /** Near-surface air temperature in kelvin, around which surface temperatures are drawn. */
  airTemperatureKelvin: number;
  /** τ, L↑, L↓ per band, in the sensor's band order. */
  bands: BandAtmosphere[];
}

/**
 * Spread of the drawn profiles around the ψ parameterisation, standing in for the variability
 * of real radiosonde profiles at one water vapour (assumed values, not fitted to a database).
 */
export interface AtmosphereSpread {
  /** σ of the lognormal factor on the optical depth, shared by all bands (0.10 = ±10 %). */
  opticalDepthSigma: number;
  /** σ in kelvin of the shifts of the effective upward and downward temperatures. */
  temperatureSigmaKelvin: number;
  /** σ of the relative perturbation of each non-reference band's κ. */
  opticalDepthRatioSigma: number;
}

/** How water vapour and view angle are drawn. */
export interface AtmosphereDrawOptions {
  /** w range in g/cm2; w = min + (max − min)·u^1.5, u uniform (skewed to dry air). */
  waterVapourRangeGcm2: readonly [number, number];
  /** View zenith angles are uniform in [0, maxViewAngleDeg]. */
  maxViewAngleDeg: number;
  spread: AtmosphereSpread;
}

/** Default spread: 10 % optical depth, 1.5 K effective temperatures, 3 % κ. */
export const DEFAULT_SPREAD: AtmosphereSpread = {
  opticalDepthSigma: 0.1,
  temperatureSigmaKelvin: 1.5,
  opticalDepthRatioSigma: 0.03,
};

/** Default w range 0.2–6 g/cm2 (dry polar to humid tropical columns). */
export const DEFAULT_WATER_VAPOUR_RANGE_GCM2: readonly [number, number] = [0.2, 6];

const WATER_VAPOUR_SKEW = 1.5;

function perturbedState(
  state: AtmosphereState,
  spread: AtmosphereSpread,
  random: Random,
): AtmosphereState {
  return {
    referenceOpticalDepth:
      state.referenceOpticalDepth * Math.exp(random.normal(0, spread.opticalDepthSigma)),
    upwellingTemperatureKelvin:
      state.upwellingTemperatureKelvin + random.normal(0, spread.temperatureSigmaKelvin),
    downwellingTemperatureKelvin:
      state.downwellingTemperatureKelvin + random.normal(0, spread.temperatureSigmaKelvin),
  };
}

/**
 * Draws one profile for `sensor`; `srfs` are the responses of the sensor's bands and
 * `referenceSrf` that of its ψ reference band.
 */
export function drawProfile(
  label: string,
  sensor: SimulationSensor,
  srfs: readonly SpectralResponse[],
  referenceSrf: SpectralResponse,
  options: AtmosphereDrawOptions,
  random: Random,
): ProfileAtmosphere {
  const [wMin, wMax] = options.waterVapourRangeGcm2;
  const waterVapourGcm2 = wMin + (wMax - wMin) * random.next() ** WATER_VAPOUR_SKEW;
  const viewAngleDeg = random.uniform(0, options.maxViewAngleDeg);

  const nadir = psiBandAtmosphere(waterVapourGcm2, sensor.reference.coefficients);
  const state = perturbedState(atmosphereStateOf(nadir, referenceSrf), options.spread, random);

  const bands = srfs.map((srf) => {
    const kappa = opticalDepthRatio(srf, referenceSrf);
    const perturbedKappa = isSameBand(srf, referenceSrf)
      ? kappa
      : kappa * (1 + random.normal(0, options.spread.opticalDepthRatioSigma));
    return bandAtmosphereOf(state, srf, perturbedKappa, viewAngleDeg);
  });

  return {
    label,
    waterVapourGcm2,
    viewAngleDeg,
    airTemperatureKelvin: airTemperatureFromUpwellingKelvin(state.upwellingTemperatureKelvin),
    bands,
  };
}
