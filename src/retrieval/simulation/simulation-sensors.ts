/**
 * Sensor profiles of the simulator, as data: which thermal bands are simulated, which
 * single-channel ψ set anchors the atmosphere, and the noise-equivalent temperature difference
 * (NEΔT) of each band. Sensor and band ids are those of spectral-response.ts. Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import {
  JIMENEZ_MUNOZ_2009_ETM,
  JIMENEZ_MUNOZ_2009_TM,
  JIMENEZ_MUNOZ_2014_TIRS_B10,
  type SingleChannelCoefficients,
} from '../single-channel.js';

/** The band whose ψ functions define the atmosphere; other bands are derived from it. */
export interface ReferenceBand {
  coefficients: SingleChannelCoefficients;
  /** Sensor and band of spectral-response.ts whose response the ψ set was fitted for. */
  sensor: string;
  band: string;
}

/** One simulated sensor. */
export interface SimulationSensor {
  /** Sensor id of spectral-response.ts (`landsat-8`, `modis-terra`…). */
  id: string;
  /** Thermal bands simulated, in wavelength order. */
  bands: readonly string[];
  reference: ReferenceBand;
  /** Largest view zenith angle in degrees at the edge of the swath. */
  maxViewAngleDeg: number;
  /** NEΔT in kelvin at 300 K per band (1σ of the Gaussian noise added to Tb). */
  neDeltaTKelvin: Readonly<Record<string, number>>;
  /** Where the NEΔT values come from. */
  neDeltaTSource: string;
}

const TIRS_B10_REFERENCE: ReferenceBand = {
  coefficients: JIMENEZ_MUNOZ_2014_TIRS_B10,
  sensor: 'landsat-8',
  band: 'B10',
};

// Montanaro, Levy & Markham 2014, Remote Sens. 6(12), 11753-11769: TIRS NEΔT ≈ 0.05 K at 300 K
// in both bands, about a third of Landsat 7 ETM+'s (hence 0.15 K for ETM+ band 6).
const TIRS_NEDT = 0.05;
const ETM_NEDT = 0.15;

// Swath edges: Landsat ±7.5° (185 km swath from 705 km), MODIS ±55° scan (≈65° view zenith at
// the surface), ASTER TIR ±8.55° cross-track pointing.
const SENSORS: readonly SimulationSensor[] = [
  {
    id: 'landsat-5',
    bands: ['B6'],
    reference: { coefficients: JIMENEZ_MUNOZ_2009_TM, sensor: 'landsat-5', band: 'B6' },
    maxViewAngleDeg: 7.5,
    neDeltaTKelvin: { B6: 0.2 },
    neDeltaTSource: 'assumed 0.2 K (TM band 6 is noisier than ETM+ band 6; no measured value kept)',
  },
  {
    id: 'landsat-7',
    bands: ['B6'],
    reference: { coefficients: JIMENEZ_MUNOZ_2009_ETM, sensor: 'landsat-7', band: 'B6' },
    maxViewAngleDeg: 7.5,
    neDeltaTKelvin: { B6: ETM_NEDT },
    neDeltaTSource: 'Montanaro et al. 2014 (TIRS 0.05 K is ~3x better than ETM+)',
  },
  {
    id: 'landsat-8',
    bands: ['B10', 'B11'],
    reference: TIRS_B10_REFERENCE,
    maxViewAngleDeg: 7.5,
    neDeltaTKelvin: { B10: TIRS_NEDT, B11: TIRS_NEDT },
    neDeltaTSource: 'Montanaro, Levy & Markham 2014, Remote Sens. 6(12), 11753 (0.05 K at 300 K)',
  },
  {
    id: 'landsat-9',
    bands: ['B10', 'B11'],
    // single-channel.ts uses the Landsat 8 ψ set for TIRS-2 (centres within 0.07 µm); the
    // Landsat 9 B10 response is the reference band so that band is exactly ψ-consistent.
    reference: { coefficients: JIMENEZ_MUNOZ_2014_TIRS_B10, sensor: 'landsat-9', band: 'B10' },
    maxViewAngleDeg: 7.5,
    neDeltaTKelvin: { B10: TIRS_NEDT, B11: TIRS_NEDT },
    neDeltaTSource: 'assumed equal to TIRS (Montanaro et al. 2014)',
  },
  {
    id: 'modis-terra',
    bands: ['31', '32'],
    reference: TIRS_B10_REFERENCE,
    maxViewAngleDeg: 65,
    neDeltaTKelvin: { '31': 0.05, '32': 0.05 },
    neDeltaTSource: 'MODIS specification NEΔT 0.05 K at 300 K for bands 31-32',
  },
  {
    id: 'modis-aqua',
    bands: ['31', '32'],
    reference: TIRS_B10_REFERENCE,
    maxViewAngleDeg: 65,
    neDeltaTKelvin: { '31': 0.05, '32': 0.05 },
    neDeltaTSource: 'MODIS specification NEΔT 0.05 K at 300 K for bands 31-32',
  },
  {
    id: 'aster',
    // The five TIR bands 10-14 (8.3-11.65 µm), the input setting of Dai et al. 2025.
    bands: ['B10', 'B11', 'B12', 'B13', 'B14'],
    reference: TIRS_B10_REFERENCE,
    maxViewAngleDeg: 8.55,
    neDeltaTKelvin: { B10: 0.3, B11: 0.3, B12: 0.3, B13: 0.3, B14: 0.3 },
    neDeltaTSource: 'ASTER TIR specification NEΔT ≤ 0.3 K at 300 K (Yamaguchi et al. 1998)',
  },
];

/** Ids of every sensor the simulator knows. */
export const SIMULATION_SENSOR_IDS: readonly string[] = SENSORS.map((sensor) => sensor.id);

/** The simulator profile of `sensorId`; throws InvalidParameterError naming the known ids. */
export function simulationSensor(sensorId: string): SimulationSensor {
  const sensor = SENSORS.find((candidate) => candidate.id === sensorId);
  if (sensor === undefined) {
    throw new InvalidParameterError(
      `unknown simulation sensor "${sensorId}"; expected one of ${SIMULATION_SENSOR_IDS.join(', ')}`,
      { sensor: sensorId, known: SIMULATION_SENSOR_IDS },
    );
  }
  return sensor;
}
