/**
 * Plans of the LST methods added with the thermal-source, emissivity and water-vapour steps:
 * split-window of Du et al. 2015, statistical mono-window of Ermida et al. 2020 and mono-window of
 * Qin et al. 2001. Each checks its bands, calibration and parameters before any pixel is read.
 */
import { InvalidParameterError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import type { ProductPlan } from './lst-plans.js';
import type { LstParameters } from './lst-parameters.js';
import { emissivityStep } from './emissivity-step.js';
import {
  meanAtmosphericTemperatureKelvin,
  monoWindowConstantsFor,
  qin2001MonoWindowLst,
  qin2001Transmittance,
  QIN_2001_TM6,
} from './mono-window-qin2001.js';
import { planckRadianceWm2SrUm } from './brightness-temperature.js';
import { du2015SplitWindowLst } from './split-window-du2015.js';
import { smwCoefficientsFor, smwLst } from './statistical-mono-window-ermida2020.js';
import type { ProductLevel } from './sensors.js';
import { level1ThermalNames, thermalSource } from './thermal-source.js';
import { thermalPair, waterVapourStep } from './water-vapour-step.js';

/**
 * The first Level-1 thermal band (B10 when the scene names none) with its emissivity and
 * water-vapour steps: what the single-band methods below read.
 */
function firstThermalSteps(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
) {
  const band = thermalSource(
    scene,
    level,
    level1ThermalNames(scene)[0] ?? 'B10',
    parameters.inversion,
  );
  const emissivity = emissivityStep(scene, level, parameters, [band.name]);
  const water = waterVapourStep(scene, level, parameters);
  return { band, emissivity, water };
}

/** Split-window LST of Du et al. 2015 (Remote Sens. 7(1), 647-665), water-vapour sub-ranges. */
export function planDu2015(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): ProductPlan {
  const [bandI, bandJ] = thermalPair(scene, level, 'split-window-du2015 LST');
  const emissivity = emissivityStep(scene, level, parameters, [bandI.name, bandJ.name]);
  const water = waterVapourStep(scene, level, parameters);
  return {
    label: 'split-window-du2015 LST',
    inputs: [...new Set([...bandI.inputs, ...bandJ.inputs, ...emissivity.inputs, ...water.inputs])],
    parameters: { ...water.parameters, ...emissivity.parameters, coefficients: 'du-2015' },
    notes: [
      `split-window LST from ${bandI.name} and ${bandJ.name} (Du et al. 2015, coefficients of ` +
        'the water-vapour sub-ranges 0-2.5, 2-3.5, 3-4.5, 4-5.5, 5-6.3 g/cm2, averaged where ' +
        'two overlap; the overall set outside 0-6.3 g/cm2)',
      ...emissivity.notes,
      ...water.notes,
    ],
    haloRows: water.haloRows,
    compute: (bands, window) => {
      const [emissivity10, emissivity11] = emissivity.compute(bands) as [
        Float32Array,
        Float32Array,
      ];
      return du2015SplitWindowLst({
        tb10Kelvin: bandI.brightnessKelvin(bandI.radiance(bands)),
        tb11Kelvin: bandJ.brightnessKelvin(bandJ.radiance(bands)),
        emissivity10,
        emissivity11,
        waterVapourGcm2: water.compute(bands, window),
      });
    },
    finalNotes: () => [],
  };
}

/** Statistical mono-window LST (Ermida et al. 2020) of the first thermal band. */
export function planStatisticalMonoWindow(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): ProductPlan {
  const choice = smwCoefficientsFor(scene.sensor);
  if (choice === null) {
    throw new InvalidParameterError(
      `statistical-mono-window LST has coefficients for Landsat 5, 7, 8 and 9 only, not ${scene.sensor}`,
      { sensor: scene.sensor },
    );
  }
  const { band, emissivity, water } = firstThermalSteps(scene, level, parameters);
  return {
    label: 'statistical-mono-window LST',
    inputs: [...new Set([...band.inputs, ...emissivity.inputs, ...water.inputs])],
    parameters: {
      ...water.parameters,
      ...emissivity.parameters,
      thermalBand: band.name,
      inversion: band.inversion,
    },
    notes: [
      `statistical mono-window LST of ${band.name} (${choice.citation}; TPW bins of 0.6 g/cm2)`,
      band.note,
      ...(choice.borrowed ? ['the Landsat 8 coefficients are applied to Landsat 9 TIRS-2'] : []),
      ...emissivity.notes,
      ...water.notes,
    ],
    haloRows: water.haloRows,
    compute: (bands, window) =>
      smwLst(
        {
          tbKelvin: band.brightnessKelvin(band.radiance(bands)),
          emissivity: emissivity.compute(bands)[0] as Float32Array,
          waterVapourGcm2: water.compute(bands, window),
        },
        choice.table,
      ),
    finalNotes: () => [],
  };
}

/**
 * Mono-window LST (Qin, Karnieli & Berliner 2001): needs airTemperatureKelvin; the transmittance
 * from the constant water vapour (Qin 2001 relations, 0.4-3.0 g/cm2); a, b of TM6 for Landsat 5,
 * otherwise fitted to the band's K1/K2 Planck curve over 0-70 °C (Qin 2001's method).
 */
export function planMonoWindow(
  scene: SceneDescription,
  level: ProductLevel,
  parameters: LstParameters,
): ProductPlan {
  const airKelvin = parameters.airTemperatureKelvin;
  if (airKelvin === undefined || !(airKelvin >= 200 && airKelvin <= 340)) {
    throw new InvalidParameterError(
      `mono-window LST needs airTemperatureKelvin, the near-surface air temperature within ` +
        `200-340 K (Qin et al. 2001); got ${String(airKelvin)}`,
      { airTemperatureKelvin: airKelvin },
    );
  }
  if (parameters.waterVapourSource !== undefined && parameters.waterVapourSource !== 'constant') {
    throw new InvalidParameterError(
      'mono-window LST takes one water vapour (waterVapourSource constant)',
      {
        waterVapourSource: parameters.waterVapourSource,
      },
    );
  }
  const { band, emissivity, water } = firstThermalSteps(scene, level, parameters);
  const w = water.compute(new Map(), { x: 0, y: 0, width: 0, height: 0 }) as number;
  const profile = w <= 1.6 ? 'high-air-temperature' : 'low-air-temperature';
  const transmittance = qin2001Transmittance(w, profile);
  const atmosphere = parameters.standardAtmosphere ?? 'mid-latitude-summer';
  const meanAtmosphereKelvin = meanAtmosphericTemperatureKelvin(airKelvin, atmosphere);
  const constants =
    scene.sensor === 'landsat5-tm'
      ? QIN_2001_TM6
      : {
          ...QIN_2001_TM6,
          id: `qin-2001-fitted-${band.name}`,
          ...monoWindowConstantsFor(
            (t) => planckRadianceWm2SrUm(t, band.constants),
            273.15,
            343.15,
          ),
        };
  return {
    label: 'mono-window LST',
    inputs: [...new Set([...band.inputs, ...emissivity.inputs])],
    parameters: {
      ...water.parameters,
      ...emissivity.parameters,
      airTemperatureKelvin: airKelvin,
      standardAtmosphere: atmosphere,
      transmittance,
      meanAtmosphereKelvin,
      coefficients: constants.id,
      thermalBand: band.name,
    },
    notes: [
      `mono-window LST of ${band.name} (${QIN_2001_TM6.citation}; τ ${transmittance.toFixed(4)} ` +
        `from the ${profile} relation, Ta ${meanAtmosphereKelvin.toFixed(2)} K, ${atmosphere})`,
      band.note,
      ...emissivity.notes,
      ...water.notes,
    ],
    compute: (bands) =>
      qin2001MonoWindowLst(
        {
          tbKelvin: band.brightnessKelvin(band.radiance(bands)),
          emissivity: emissivity.compute(bands)[0] as Float32Array,
          transmittance,
          meanAtmosphereKelvin,
        },
        constants,
      ),
    finalNotes: () => [],
  };
}
