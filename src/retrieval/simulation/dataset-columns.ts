/**
 * The columns of a simulated dataset and which of them are model inputs and targets. Node-free.
 */
import { bandColumn, type DatasetColumn } from './dataset.js';

const RADIANCE_UNIT = 'W/(m2 sr um)';

/** Quantities stored once per band, with their unit and description. */
export const PER_BAND_QUANTITIES: readonly (readonly [
  quantity: string,
  unit: string,
  text: string,
])[] = [
  ['tbKelvin', 'K', 'at-sensor brightness temperature (with NEΔT noise when enabled)'],
  ['emissivity', '1', 'band-effective surface emissivity'],
  ['transmittance', '1', 'atmospheric transmittance τ along the view path'],
  ['upwellingWm2SrUm', RADIANCE_UNIT, 'atmospheric upwelling (path) radiance L↑'],
  ['downwellingWm2SrUm', RADIANCE_UNIT, 'hemispheric downwelling radiance L↓'],
];

/** Quantities stored once per row. */
export const ROW_QUANTITIES: readonly (readonly [name: string, unit: string, text: string])[] = [
  ['lstKelvin', 'K', 'land-surface temperature Ts'],
  ['waterVapourGcm2', 'g/cm2', 'column water vapour w of the atmosphere (NaN if unknown)'],
  ['viewAngleDeg', 'deg', 'view zenith angle (NaN if unknown)'],
  ['airTemperatureKelvin', 'K', 'near-surface air temperature the Ts draw is centred on'],
  ['vegetationFraction', '1', 'vegetation fraction fv of the mixed pixel (0 for water, snow)'],
];

/** Every column of a dataset of `bands`, per-band quantities first (grouped by quantity). */
export function datasetColumns(bands: readonly string[]): DatasetColumn[] {
  const perBand = PER_BAND_QUANTITIES.flatMap(([quantity, unit, text]) =>
    bands.map((band) => ({
      name: bandColumn(quantity, band),
      unit,
      description: `${text}, ${band}`,
    })),
  );
  const perRow = ROW_QUANTITIES.map(([name, unit, description]) => ({ name, unit, description }));
  return [...perBand, ...perRow];
}

/** Model inputs: Tb and emissivity per band, water vapour, view angle. */
export function featureColumns(bands: readonly string[]): string[] {
  return [
    ...bands.map((band) => bandColumn('tbKelvin', band)),
    ...bands.map((band) => bandColumn('emissivity', band)),
    'waterVapourGcm2',
    'viewAngleDeg',
  ];
}

/** Model targets: LST and the band emissivities. */
export function targetColumns(bands: readonly string[]): string[] {
  return ['lstKelvin', ...bands.map((band) => bandColumn('emissivity', band))];
}
