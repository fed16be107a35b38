/** Shapes of the generated spectral data modules (plain arrays, converted on first use). */

/** A tabulated relative spectral response of one thermal band. */
export interface TabulatedResponse {
  /** Sensor id of spectral-response.ts, e.g. `landsat-8`, `modis-terra`. */
  sensor: string;
  /** Band as the sensor names it: `B10`, `31`. */
  band: string;
  /** Where the table comes from. */
  source: string;
  /** Ascending wavelengths in micrometres. */
  wavelengthsUm: readonly number[];
  /** Relative response (0–1, peak ≈ 1) at each wavelength. */
  response: readonly number[];
}

/** A tabulated emissivity spectrum. */
export interface TabulatedSpectrum {
  /** Library id, the source file name without `.spectrum.txt`. */
  id: string;
  /** First word of the id: vegetation, rock, mineral… */
  surfaceClass: string;
  /** The sample's name in the library. */
  name: string;
  /** Ascending wavelengths in micrometres. */
  wavelengthsUm: readonly number[];
  /** Emissivity (0–1) at each wavelength. */
  emissivity: readonly number[];
}
