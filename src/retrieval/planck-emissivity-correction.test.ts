import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { C2_UM_K } from './planck.js';
import {
  AVDAN_RHO_UM_K,
  emissivityCorrectedLst,
  emissivityCorrectedLstKelvin,
} from './planck-emissivity-correction.js';

interface B16Case {
  BT_K: number;
  emissivity: number;
  expected_LST_K: number;
  buggy_LST_K: number;
}

interface B16File {
  constants_correct: { lambda_um: number; rho_umK: number };
  cases: B16Case[];
}

function b16(): B16File {
  const path = 'reported-faults/b16_planck_emissivity_correction_cases.json';
  return JSON.parse(readFileSync(sharedDataFile(path), 'utf8')) as B16File;
}

describe('single-channel emissivity correction (reported fault B16)', () => {
  it('reproduces every case of the B16 JSON within 0.001 K (λ 11.5 µm, ρ 14380 µm·K)', () => {
    const { constants_correct: constants, cases } = b16();
    expect(constants.rho_umK).toBe(AVDAN_RHO_UM_K);
    expect(cases).toHaveLength(3);
    for (const c of cases) {
      const lst = emissivityCorrectedLstKelvin(c.BT_K, c.emissivity, constants.lambda_um);
      expect(Math.abs(lst - c.expected_LST_K)).toBeLessThan(0.001);
      expect(Math.abs(lst - c.buggy_LST_K)).toBeGreaterThan(1);
    }
  });

  it('gives 302.0903 K for case 1 with λ 10.895 µm and the CODATA ρ 14388 µm·K', () => {
    expect(emissivityCorrectedLstKelvin(300, 0.97, 10.895, 14388)).toBeCloseTo(302.0903, 4);
    expect(C2_UM_K).toBeCloseTo(14387.77, 2);
  });

  it('refuses the buggy constants of the fault (λ in metres-ish, ρ 0.4836)', () => {
    expect(() => emissivityCorrectedLstKelvin(300, 0.97, 0.00115, 0.48359547432)).toThrow(
      'emissivity correction wavelength must be in micrometres (3-20), got 0.00115',
    );
    expect(() => emissivityCorrectedLstKelvin(300, 0.97, 11.5, 0.48359547432)).toThrow(
      'ρ must be h·c/k_B in µm·K (≈14380), got 0.48359547432',
    );
  });

  it('corrects arrays, leaving NaN for noData and for emissivity outside (0, 1]', () => {
    const lst = emissivityCorrectedLst(
      new Float32Array([300, 295, Number.NaN, 300]),
      new Float32Array([0.97, 0.99, 0.97, 0]),
      11.5,
    );
    expect(lst[0]).toBeCloseTo(302.2084, 3);
    expect(lst[1]).toBeCloseTo(295.7011, 3);
    expect(Number.isNaN(lst[2])).toBe(true);
    expect(Number.isNaN(lst[3])).toBe(true);
    expect(emissivityCorrectedLst(new Float32Array([300]), 1, 11.5)[0]).toBe(300);
  });
});
