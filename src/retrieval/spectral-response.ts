/**
 * Relative spectral responses (SRFs) of the thermal bands: tabulated for Landsat 5/7/8/9 and
 * MODIS Terra/Aqua 29/31/32 (spectral-data/responses.ts, generated from the shared reference
 * tables), Gaussians for ASTER TIR 10–14, for which no tabulated response could be found.
 * Node-free.
 */
import { InvalidParameterError } from '../errors.js';
import { TABULATED_RESPONSES } from './spectral-data/responses.js';

/** The relative spectral response of one band. */
export interface SpectralResponse {
  /** Sensor id: `landsat-5`, `landsat-7`, `landsat-8`, `landsat-9`, `modis-terra`, `modis-aqua`, `aster`. */
  sensor: string;
  /** Band as the sensor names it: `B6`, `B10`, `B11`, `29`, `31`, `32`, ASTER `B10`…`B14`. */
  band: string;
  /** Ascending wavelengths in micrometres. */
  wavelengthsUm: Float64Array;
  /** Relative response (0–1) at each wavelength. */
  response: Float64Array;
  /** Where it comes from. */
  source: string;
  /** True when synthesised (ASTER Gaussians), false for measured tables. */
  approximated: boolean;
  /** Effective centre wavelength in micrometres: ∫λR dλ / ∫R dλ (trapezoid rule). */
  centreUm: number;
}

/** Sensor ids known to {@link spectralResponseOf}. */
export const SPECTRAL_SENSOR_IDS = [
  'landsat-5',
  'landsat-7',
  'landsat-8',
  'landsat-9',
  'modis-terra',
  'modis-aqua',
  'aster',
] as const;

// ASTER TIR: band edges (FWHM) from the instrument specification (Abrams 2000, via the GEE
// catalog) and the PFM effective wavelengths of nasa/VICAR astertir.f (Alley 1997); see
// ../shared/data/thermal-spectral-reference/srf/PROVENANCE.md. Rows: band, effective λ, FWHM.
const ASTER_BANDS: readonly (readonly [band: string, centreUm: number, fwhmUm: number])[] = [
  ['B10', 8.2873, 0.35],
  ['B11', 8.6349, 0.35],
  ['B12', 9.0793, 0.35],
  ['B13', 10.6592, 0.7],
  ['B14', 11.2893, 0.7],
];

const ASTER_STEP_UM = 0.01;
/** Half-width of the synthesised support, in FWHMs (±1.5 FWHM ≈ ±3.5 σ, response < 0.2 %). */
const ASTER_SUPPORT_FWHM = 1.5;

const cache = new Map<string, SpectralResponse>();

/** Effective centre wavelength ∫λR dλ / ∫R dλ in micrometres, trapezoid rule. */
export function effectiveCentreUm(wavelengthsUm: Float64Array, response: Float64Array): number {
  let weighted = 0;
  let total = 0;
  for (let i = 1; i < wavelengthsUm.length; i++) {
    const dx = (wavelengthsUm[i] as number) - (wavelengthsUm[i - 1] as number);
    const r0 = response[i - 1] as number;
    const r1 = response[i] as number;
    weighted +=
      0.5 * dx * (r0 * (wavelengthsUm[i - 1] as number) + r1 * (wavelengthsUm[i] as number));
    total += 0.5 * dx * (r0 + r1);
  }
  return weighted / total;
}

function asterGaussian(band: string, centreUm: number, fwhmUm: number): SpectralResponse {
  const sigmaUm = fwhmUm / (2 * Math.sqrt(2 * Math.LN2));
  const halfCount = Math.round((ASTER_SUPPORT_FWHM * fwhmUm) / ASTER_STEP_UM);
  const wavelengthsUm = new Float64Array(2 * halfCount + 1);
  const response = new Float64Array(wavelengthsUm.length);
  for (let i = 0; i < wavelengthsUm.length; i++) {
    const wavelengthUm = centreUm + (i - halfCount) * ASTER_STEP_UM;
    wavelengthsUm[i] = wavelengthUm;
    response[i] = Math.exp(-0.5 * ((wavelengthUm - centreUm) / sigmaUm) ** 2);
  }
  return {
    sensor: 'aster',
    band,
    wavelengthsUm,
    response,
    source:
      `Gaussian approximation: FWHM ${fwhmUm} µm (ASTER band edges, Abrams 2000), centred on ` +
      `the PFM effective wavelength ${centreUm} µm (nasa/VICAR astertir.f); no tabulated SRF`,
    approximated: true,
    centreUm,
  };
}

/** Map accepted aliases to the canonical sensor id and band name. */
function canonicalKey(sensor: string, band: string): { sensor: string; band: string } {
  const sensorAliases: Record<string, string> = {
    'landsat5-tm': 'landsat-5',
    'landsat7-etm': 'landsat-7',
    'landsat8-oli-tirs': 'landsat-8',
    'landsat9-oli-tirs': 'landsat-9',
  };
  const canonicalSensor = sensorAliases[sensor] ?? sensor;
  let canonicalBand = band;
  // ETM+ records band 6 twice (low and high gain) through one detector response.
  if (canonicalSensor === 'landsat-7' && /^B6_VCID_[12]$/.test(band)) canonicalBand = 'B6';
  if (canonicalSensor.startsWith('modis-')) canonicalBand = band.replace(/^B/i, '');
  return { sensor: canonicalSensor, band: canonicalBand };
}

function buildResponse(sensor: string, band: string): SpectralResponse | null {
  if (sensor === 'aster') {
    const row = ASTER_BANDS.find(([name]) => name === band);
    return row === undefined ? null : asterGaussian(row[0], row[1], row[2]);
  }
  const entry = TABULATED_RESPONSES.find((r) => r.sensor === sensor && r.band === band);
  if (entry === undefined) return null;
  const wavelengthsUm = Float64Array.from(entry.wavelengthsUm);
  const response = Float64Array.from(entry.response);
  return {
    sensor,
    band,
    wavelengthsUm,
    response,
    source: entry.source,
    approximated: false,
    centreUm: effectiveCentreUm(wavelengthsUm, response),
  };
}

/**
 * The spectral response of a thermal band. Sensor ids as in {@link SPECTRAL_SENSOR_IDS} (the
 * platform's SensorId `landsat8-oli-tirs` etc. are accepted too); bands as the sensor names them
 * (`B6`, `B10`, `B11`, MODIS `29`/`31`/`32`, ASTER `B10`–`B14`; ETM+ `B6_VCID_1`/`_2` give `B6`).
 * The returned object is shared: do not modify its arrays.
 *
 * @throws InvalidParameterError for an unknown sensor or a band without a thermal response.
 */
export function spectralResponseOf(sensor: string, band: string): SpectralResponse {
  const key = canonicalKey(sensor, band);
  const cacheKey = `${key.sensor}/${key.band}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;

  if (!(SPECTRAL_SENSOR_IDS as readonly string[]).includes(key.sensor)) {
    throw new InvalidParameterError(
      `unknown sensor "${sensor}" for a spectral response; known: ${SPECTRAL_SENSOR_IDS.join(', ')}`,
      { sensor, known: [...SPECTRAL_SENSOR_IDS] },
    );
  }
  const built = buildResponse(key.sensor, key.band);
  if (built === null) {
    throw new InvalidParameterError(
      `sensor ${key.sensor} has no thermal band "${band}" with a spectral response; ` +
        `known: ${thermalBandsOf(key.sensor).join(', ')}`,
      { sensor, band, known: thermalBandsOf(key.sensor) },
    );
  }
  cache.set(cacheKey, built);
  return built;
}

/** The bands of a spectral sensor id that have a response (`landsat-8` → `B10`, `B11`); [] if unknown. */
export function thermalBandsOf(sensor: string): string[] {
  const key = canonicalKey(sensor, '');
  if (key.sensor === 'aster') return ASTER_BANDS.map(([band]) => band);
  return TABULATED_RESPONSES.filter((r) => r.sensor === key.sensor).map((r) => r.band);
}
