/**
 * A small offline library of thermal-infrared emissivity spectra: six ECOSTRESS laboratory
 * spectra (vegetation, rock, mineral; generated into spectral-data/ecostress-spectra.ts) and two
 * flat entries for water and snow, for which no spectrum is kept offline. Node-free.
 */
import { ECOSTRESS_SPECTRA } from './spectral-data/ecostress-spectra.js';

/** Broad surface class of a spectrum. */
export type SurfaceClass =
  'vegetation' | 'soil' | 'rock' | 'mineral' | 'water' | 'snow' | 'urban' | (string & {});

/** An emissivity spectrum: ε(λ) at ascending wavelengths. */
export interface EmissivitySpectrum {
  /** Stable id, e.g. `rock.igneous.felsic.solid.all.granite_h1.jhu.becknic` or `water.masuda-1988`. */
  id: string;
  surfaceClass: SurfaceClass;
  /** Ascending wavelengths in micrometres (7–14 µm for the laboratory spectra). */
  wavelengthsUm: Float64Array;
  /** Emissivity (0–1) at each wavelength; held constant beyond the ends when sampled. */
  emissivity: Float64Array;
  /** Where the values come from. */
  source: string;
}

const ECOSTRESS_SOURCE =
  'NASA JPL ECOSTRESS spectral library (Baldridge et al. 2009; Meerdink et al. 2019), ' +
  'ε = 1 − R/100, 0.02 µm bins';

// Masuda, Takashima & Takayama 1988 (Remote Sens. Environ. 24, 313-329): nadir emissivity of
// a calm water surface, 0.991 near 11 µm and 0.986 near 12 µm. Two knots, not a spectrum.
const WATER: EmissivitySpectrum = {
  id: 'water.masuda-1988',
  surfaceClass: 'water',
  wavelengthsUm: Float64Array.from([10.8, 12.0]),
  emissivity: Float64Array.from([0.991, 0.986]),
  source: 'Masuda, Takashima & Takayama 1988, nadir values at 11 and 12 µm (two knots)',
};

// Snow: a flat 0.99 across 8–14 µm. Hori et al. 2006 (Remote Sens. Environ. 100, 486-502)
// measured 0.97–0.998 over the window, highest near 10.5–11 µm; no spectrum is kept offline.
const SNOW: EmissivitySpectrum = {
  id: 'snow.flat-0.99',
  surfaceClass: 'snow',
  wavelengthsUm: Float64Array.from([8, 14]),
  emissivity: Float64Array.from([0.99, 0.99]),
  source: 'flat 0.99, within the 8-14 µm range measured by Hori et al. 2006 (not a spectrum)',
};

let library: readonly EmissivitySpectrum[] | null = null;

/** Every spectrum of the library: the six ECOSTRESS spectra, then water and snow. */
export function spectralLibrary(): readonly EmissivitySpectrum[] {
  library ??= [
    ...ECOSTRESS_SPECTRA.map((entry) => ({
      id: entry.id,
      surfaceClass: entry.surfaceClass,
      wavelengthsUm: Float64Array.from(entry.wavelengthsUm),
      emissivity: Float64Array.from(entry.emissivity),
      source: `${ECOSTRESS_SOURCE}; sample "${entry.name}"`,
    })),
    WATER,
    SNOW,
  ];
  return library;
}

/**
 * Emissivity of a spectrum at one wavelength in micrometres, linearly interpolated; the end
 * values are held beyond the tabulated range.
 */
export function emissivityAt(spectrum: EmissivitySpectrum, wavelengthUm: number): number {
  return interpolateClamped(spectrum.wavelengthsUm, spectrum.emissivity, wavelengthUm);
}

/** Linear interpolation in ascending `xs`, holding the end values outside. */
export function interpolateClamped(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  if (x <= (xs[0] as number)) return ys[0] as number;
  if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;

  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] as number;
  const t = (x - x0) / ((xs[hi] as number) - x0);
  return (ys[lo] as number) * (1 - t) + (ys[hi] as number) * t;
}
