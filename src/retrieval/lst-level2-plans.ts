/**
 * Plans of the LST methods on Collection 2 Level-2 (L2SP) scenes: the RTE inversion from the ST
 * intermediate bands, and the USGS ST product itself, scaled (Landsat 8-9 C2 L2 Science Product
 * Guide, LSDS-1619).
 */
import type { SceneDescription } from '../rasters/scene-types.js';
import { blockBand, type BlockBands } from './block-runner.js';
import { scaleDn } from './brightness-temperature.js';
import type { LstParameters } from './lst-parameters.js';
import { countNoInversion, noInversionNote, type ProductPlan } from './lst-plans.js';
import { InvalidParameterError } from '../errors.js';
import { rteInversion, USGS_ST_RANGE_KELVIN, type RteInversionMethod } from './rte.js';
import { level2BandScaling, requireBands, thermalConstants } from './scene-bands.js';
import { thermalBandNames, type ThermalConstants } from './sensors.js';
import { spectralResponseForBand } from './thermal-bands.js';

/** The ST intermediate bands the RTE inversion reads, in the order of the equation's terms. */
export const ST_INTERMEDIATE_BANDS = [
  'ST_TRAD',
  'ST_URAD',
  'ST_DRAD',
  'ST_ATRAN',
  'ST_EMIS',
] as const;

/** A band scaled to physical units per block (fill values are already NaN). */
function scaledBand(scene: SceneDescription, name: string): (bands: BlockBands) => Float32Array {
  const { mult, add } = level2BandScaling(scene, name);
  return (bands) => scaleDn(blockBand(bands, name), mult, add, null);
}

/** The Level-1 band(s) whose K1/K2 the ST product used: B10 (TIRS), B6 (TM), B6_VCID_1/2 (ETM+). */
function level1ThermalSource(scene: SceneDescription): readonly string[] {
  const thermal = thermalBandNames(scene.sensor, 'L1');
  return scene.sensor === 'landsat7-etm' ? thermal : thermal.slice(0, 1);
}

/** The inversion method of a Level-2 RTE: K1/K2 of the MTL, or the thermal band's response. */
function inversionMethod(
  scene: SceneDescription,
  inversion: RteInversionMethod['inversion'],
  constants: ThermalConstants,
  stRange: 'open' | 'usgs-st',
): RteInversionMethod {
  if (inversion === 'k1k2') {
    if (stRange === 'usgs-st') {
      throw new InvalidParameterError(
        "stRange usgs-st is USGS's rule for its table inversion: use inversion band-integrated",
        { inversion, stRange },
      );
    }
    return { inversion, constants };
  }
  const band = level1ThermalSource(scene)[0] ?? '';
  const spectralResponse = spectralResponseForBand(scene.sensor, band);
  if (spectralResponse === null) {
    throw new InvalidParameterError(
      `band-integrated inversion needs a thermal spectral response; ${scene.sensor} has none`,
      { sensor: scene.sensor, band },
    );
  }
  return { inversion, spectralResponse, range: stRange };
}

/**
 * RTE LST from ST_TRAD (TOA radiance), ST_URAD, ST_DRAD (×0.001 W/(m2 sr um)), ST_ATRAN and
 * ST_EMIS (×0.0001), fill −9999. `inversion` 'k1k2' (default) uses the K1/K2 of the MTL's
 * LEVEL1_THERMAL_CONSTANTS; 'band-integrated' inverts through the band's spectral response, as
 * USGS's own LUT does (median |ΔT| vs ST_B10 0.017–0.048 K above 250 K, against 0.13–0.16 K).
 */
export function planRteLevel2(
  scene: SceneDescription,
  parameters: LstParameters,
  inversion: RteInversionMethod['inversion'] = 'k1k2',
): ProductPlan {
  requireBands('rte LST', ST_INTERMEDIATE_BANDS, scene);
  const constants = thermalConstants(scene, level1ThermalSource(scene));
  const stRange = parameters.stRange ?? 'open';
  const method = inversionMethod(scene, inversion, constants, stRange);
  const trad = scaledBand(scene, 'ST_TRAD');
  const urad = scaledBand(scene, 'ST_URAD');
  const drad = scaledBand(scene, 'ST_DRAD');
  const atran = scaledBand(scene, 'ST_ATRAN');
  const emis = scaledBand(scene, 'ST_EMIS');
  // mask is applied to the output by withQaMask (lst-product.ts), as on every product.
  const used = new Set(['inversion', 'stRange', 'mask']);
  const ignored = Object.keys(parameters).filter(
    (key) => !used.has(key) && parameters[key as keyof LstParameters] !== undefined,
  );
  let noInversion = 0;

  return {
    label: 'rte LST',
    inputs: [...ST_INTERMEDIATE_BANDS],
    parameters: {
      atmosphere: 'ST_URAD, ST_DRAD, ST_ATRAN',
      emissivity: 'ST_EMIS',
      thermalConstants: constants,
      inversion,
      ...(inversion === 'band-integrated' ? { stRange } : {}),
    },
    notes: [
      'RTE inversion of the Level-2 ST intermediate bands (ST_TRAD, ST_URAD, ST_DRAD, ST_ATRAN, ST_EMIS)',
      ...(ignored.length > 0
        ? [`parameters ${ignored.join(', ')} do not apply to a Level-2 RTE and were ignored`]
        : []),
    ],
    compute: (bands) => {
      const inputs = [trad(bands), urad(bands), drad(bands), atran(bands), emis(bands)] as const;
      const lst = rteInversion(
        {
          toaRadianceWm2SrUm: inputs[0],
          upwellingWm2SrUm: inputs[1],
          downwellingWm2SrUm: inputs[2],
          transmittance: inputs[3],
          emissivity: inputs[4],
        },
        method,
      );
      noInversion += stRange === 'usgs-st' ? countAtFloor(lst) : countNoInversion(inputs, lst);
      return lst;
    },
    finalNotes: () => [
      stRange === 'usgs-st'
        ? `${noInversion} pixels clamped to USGS's 150 K floor (corrected surface radiance ≤ 0 or below 150 K)`
        : noInversionNote(noInversion),
    ],
  };
}

/** The USGS ST product's floor where its inversion failed: 150 K (DN 293 = 150.0015 K). */
const ST_FLOOR_KELVIN = 150.01;

/** The USGS Level-2 surface temperature (ST_B10; ST_B6 for TM/ETM+), scaled to kelvin. */
export function planLevel2(scene: SceneDescription): ProductPlan {
  const name = thermalBandNames(scene.sensor, 'L2')[0] ?? 'ST_B10';
  requireBands('level2 LST', [name], scene);
  const { mult, add } = level2BandScaling(scene, name);
  let floorCount = 0;

  return {
    label: 'level2 LST',
    inputs: [name],
    parameters: { band: name, mult, add },
    notes: [
      `USGS Collection 2 Level-2 surface temperature ${name} = ${mult}·DN + ${add} K; fill 0 is noData`,
    ],
    compute: (bands) => {
      const lst = scaleDn(blockBand(bands, name), mult, add, null);
      for (const value of lst) if (value <= ST_FLOOR_KELVIN) floorCount++;
      return lst;
    },
    finalNotes: () =>
      floorCount > 0
        ? [
            `${floorCount} pixels are at USGS's 150 K floor (its inversion failed there, e.g. under clouds)`,
          ]
        : [],
  };
}

/** Pixels at exactly the USGS ST range's lower end (150 K), where its rule clamps. */
function countAtFloor(lst: Float32Array): number {
  const floor = Math.fround(USGS_ST_RANGE_KELVIN.minKelvin);
  let count = 0;
  for (let i = 0; i < lst.length; i++) if (lst[i] === floor) count++;
  return count;
}
