/**
 * Surface draws of the simulator: band emissivities of a mixed pixel (vegetation over a bare
 * background), or of water or snow, from the offline spectral library. Node-free.
 *
 * Mixed pixel (Sobrino, Jiménez-Muñoz & Paolini 2004, Remote Sens. Environ. 90, 434-440, with
 * the cavity term of Valor & Caselles 1996): ε = fv·εv + (1 − fv)·εs + (1 − εs)·(1 − fv)·F·εv,
 * F = 0.55 (Sobrino et al. 2004's mean geometric factor), fv uniform in [0, 1], εv a random
 * vegetation spectrum and εs a random rock, mineral, soil or urban spectrum, each band-averaged
 * with bandEmissivity at 300 K.
 */
import { InvalidParameterError } from '../../errors.js';
import { bandEmissivity } from '../planck.js';
import { spectralLibrary, type EmissivitySpectrum } from '../spectral-library.js';
import type { SpectralResponse } from '../spectral-response.js';
import type { Random } from './prng.js';

/** Geometric (cavity) factor F of Sobrino et al. 2004. */
export const CAVITY_SHAPE_FACTOR = 0.55;

/** Shares of the surfaces that are not mixed vegetation/background pixels. */
export interface SurfaceMix {
  /** Share of samples that are water (0–1). */
  waterShare: number;
  /** Share of samples that are snow (0–1). */
  snowShare: number;
}

/** Default shares: 8 % water, 4 % snow. */
export const DEFAULT_SURFACE_MIX: SurfaceMix = { waterShare: 0.08, snowShare: 0.04 };

/** Band emissivities of every library entry of one surface group, one row per entry. */
interface EmissivityGroup {
  ids: string[];
  /** rows[entry][band] */
  rows: Float64Array[];
}

/** Band emissivities of the library, grouped for drawing. */
export interface SurfaceTable {
  vegetation: EmissivityGroup;
  background: EmissivityGroup;
  water: EmissivityGroup;
  snow: EmissivityGroup;
}

const BACKGROUND_CLASSES = new Set(['rock', 'mineral', 'soil', 'urban']);

function groupOf(
  spectra: readonly EmissivitySpectrum[],
  srfs: readonly SpectralResponse[],
  keep: (spectrum: EmissivitySpectrum) => boolean,
): EmissivityGroup {
  const chosen = spectra.filter(keep);
  return {
    ids: chosen.map((spectrum) => spectrum.id),
    rows: chosen.map((spectrum) => Float64Array.from(srfs, (srf) => bandEmissivity(spectrum, srf))),
  };
}

/**
 * The band emissivities of the spectral library through `srfs`.
 *
 * @throws InvalidParameterError when the library has no vegetation or no background entry.
 */
export function surfaceTableFor(srfs: readonly SpectralResponse[]): SurfaceTable {
  const spectra = spectralLibrary();
  const table: SurfaceTable = {
    vegetation: groupOf(spectra, srfs, (s) => s.surfaceClass === 'vegetation'),
    background: groupOf(spectra, srfs, (s) => BACKGROUND_CLASSES.has(s.surfaceClass)),
    water: groupOf(spectra, srfs, (s) => s.surfaceClass === 'water'),
    snow: groupOf(spectra, srfs, (s) => s.surfaceClass === 'snow'),
  };
  if (table.vegetation.rows.length === 0 || table.background.rows.length === 0) {
    throw new InvalidParameterError(
      'the spectral library needs at least one vegetation and one rock/mineral/soil spectrum',
      { vegetation: table.vegetation.ids, background: table.background.ids },
    );
  }
  return table;
}

function pick(group: EmissivityGroup, random: Random): Float64Array {
  return group.rows[random.integer(group.rows.length)] as Float64Array;
}

/**
 * Draws one surface into `out` (band emissivities, in the order of the table's responses) and
 * returns its vegetation fraction fv (0 for water and snow).
 */
export function drawSurface(
  table: SurfaceTable,
  mix: SurfaceMix,
  random: Random,
  out: Float64Array,
): number {
  const u = random.next();
  if (u < mix.waterShare && table.water.rows.length > 0) {
    out.set(pick(table.water, random));
    return 0;
  }
  if (u < mix.waterShare + mix.snowShare && table.snow.rows.length > 0) {
    out.set(pick(table.snow, random));
    return 0;
  }

  const fv = random.next();
  const vegetation = pick(table.vegetation, random);
  const background = pick(table.background, random);
  for (let band = 0; band < out.length; band++) {
    const ev = vegetation[band] as number;
    const es = background[band] as number;
    const cavity = (1 - es) * (1 - fv) * CAVITY_SHAPE_FACTOR * ev;
    out[band] = Math.min(fv * ev + (1 - fv) * es + cavity, 1);
  }
  return fv;
}
