/**
 * ASTER TIR (bands 10–14, 90 m) sensor profile. Band edges from the ASTER instrument
 * specification (Abrams 2000, Int. J. Remote Sens. 21, 847-859); centre wavelengths are the PFM
 * effective wavelengths of nasa/VICAR astertir.f (Alley 1997). No tabulated spectral response
 * could be found offline: spectral-response.ts synthesises Gaussians (`approximated: true`).
 * Level-1T TIR DNs convert to radiance with the unit conversion coefficients of the ASTER User
 * Handbook v2 (Abrams, Hook & Ramachandran 2002, Table 5): 6.822e-3, 6.780e-3, 6.590e-3,
 * 5.693e-3, 5.225e-3 W/(m2 sr µm) per DN, L = (DN − 1)·UCC. Node-free.
 */
import type { BandProfile, SensorProfile } from './sensors.js';

/** ASTER TIR band: name, edges in µm, PFM effective wavelength in µm, UCC in W/(m2 sr µm)/DN. */
const TIR_ROWS: readonly (readonly [
  name: string,
  minUm: number,
  maxUm: number,
  centreUm: number,
  unitConversion: number,
])[] = [
  ['B10', 8.125, 8.475, 8.2873, 6.822e-3],
  ['B11', 8.475, 8.825, 8.6349, 6.78e-3],
  ['B12', 8.925, 9.275, 9.0793, 6.59e-3],
  ['B13', 10.25, 10.95, 10.6592, 5.693e-3],
  ['B14', 10.95, 11.65, 11.2893, 5.225e-3],
];

/** Radiance per DN of an ASTER TIR band (User Handbook v2, Table 5), or null for other bands. */
export function asterUnitConversion(bandName: string): number | null {
  return TIR_ROWS.find(([name]) => name === bandName)?.[4] ?? null;
}

function tirBands(): BandProfile[] {
  return TIR_ROWS.map(([name, minUm, maxUm, centreUm]) => ({
    name,
    levels: ['L1'],
    role: 'thermal',
    wavelengthRangeUm: [minUm, maxUm],
    centreWavelengthUm: centreUm,
    fillValue: 0,
    level2Scaling: null,
  }));
}

/** ASTER TIR profile (Level 1T; no Level-2 bands are profiled). */
export const ASTER_PROFILE: SensorProfile = {
  id: 'aster',
  name: 'ASTER TIR (spectral responses approximated by Gaussians)',
  spacecraft: null,
  fileNamePrefixes: ['AST_L1T', 'AST_L1B'],
  bands: tirBands(),
  roles: {
    L1: { red: null, nir: null, thermal: ['B10', 'B11', 'B12', 'B13', 'B14'] },
    L2: { red: null, nir: null, thermal: [] },
  },
  handbookThermalConstants: {},
};
