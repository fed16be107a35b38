/**
 * Thermal bands of the profiled sensors: the spectral response behind each, and the refusal of
 * products that have none (Collection 2 L2SR, MSS). Node-free.
 */
import { MissingBandError } from '../errors.js';
import { findBandProfile, type AnySensorId } from './sensors.js';
import { spectralResponseOf, type SpectralResponse } from './spectral-response.js';

/** Spectral-response sensor ids of the profiled sensors (spectral-response.ts). */
const SPECTRAL_SENSOR: Readonly<Record<AnySensorId, string | null>> = {
  'landsat5-tm': 'landsat-5',
  'landsat7-etm': 'landsat-7',
  'landsat8-oli-tirs': 'landsat-8',
  'landsat9-oli-tirs': 'landsat-9',
  'modis-terra': 'modis-terra',
  'modis-aqua': 'modis-aqua',
  aster: 'aster',
  generic: null,
};

/**
 * The spectral response behind a thermal band of a sensor: the Level-1 band itself (`B10`,
 * `B6_VCID_1`, MODIS `31`, ASTER `B13`) or the band a Level-2 ST band was retrieved from
 * (`ST_B10` → B10, `ST_B6` → B6; MODIS `LST_*` → 31, the band of the split window's first term).
 * Null for non-thermal bands and the generic sensor.
 */
export function spectralResponseForBand(
  sensor: AnySensorId,
  bandName: string,
): SpectralResponse | null {
  const spectralSensor = SPECTRAL_SENSOR[sensor];
  if (spectralSensor === null) return null;
  const source = /^ST_(B\d+)$/.exec(bandName)?.[1] ?? (/^LST_/.test(bandName) ? '31' : bandName);
  if (findBandProfile(sensor, source)?.role !== 'thermal') return null;
  return spectralResponseOf(spectralSensor, source);
}

/**
 * Why a product cannot give LST, or null when it can: Collection 2 L2SR products hold only
 * surface reflectance, and MSS (LM01–LM05 file names or product ids) has no thermal band.
 */
export function thermalProductRefusal(
  productIdOrFileName: string,
  processingLevel: string | null,
): string | null {
  const upper = productIdOrFileName.toUpperCase();
  if (/^LM0?[1-5]/.test(upper)) {
    return `${productIdOrFileName} is a Landsat MSS product, which has no thermal band`;
  }
  const level = processingLevel ?? /^L[COTE]0\d_(L\d\w\w)_/.exec(upper)?.[1] ?? null;
  if (level?.toUpperCase() === 'L2SR') {
    return `${productIdOrFileName} is a Collection 2 L2SR (surface reflectance only) product, which has no thermal band; LST needs an L2SP or Level-1 product`;
  }
  return null;
}

/**
 * Refuses LST on a product without a thermal band (see {@link thermalProductRefusal}).
 * @throws MissingBandError whose message says the product has no thermal band.
 */
export function assertThermalProduct(
  productIdOrFileName: string,
  processingLevel: string | null,
  availableBands: readonly string[] = [],
): void {
  const reason = thermalProductRefusal(productIdOrFileName, processingLevel);
  if (reason === null) return;
  throw new MissingBandError(reason, {
    required: ['thermal band'],
    available: [...availableBands],
  });
}
