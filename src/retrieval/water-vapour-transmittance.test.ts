import { describe, expect, it } from 'vitest';

import {
  atmosphericFunctions,
  JIMENEZ_MUNOZ_2009_TM,
  JIMENEZ_MUNOZ_2014_TIRS_B10,
} from './single-channel.js';
import {
  waterVapourForTransmittanceGcm2,
  waterVapourFromTransmittance,
} from './water-vapour-transmittance.js';

describe('water vapour from the band transmittance (ψ1(w) = 1/τ inverted)', () => {
  it('gives back the w whose TIRS B10 ψ1 is 1/τ, for 0.5 to 6.5 g/cm2', () => {
    for (const w of [0.5, 1, 2, 3, 4.5, 6.5]) {
      const [psi1] = atmosphericFunctions(w, JIMENEZ_MUNOZ_2014_TIRS_B10);
      expect(waterVapourForTransmittanceGcm2(1 / psi1, JIMENEZ_MUNOZ_2014_TIRS_B10)).toBeCloseTo(
        w,
        6,
      );
    }
  });

  it('reads τ 0.354 (the median ST_ATRAN of the humid 008059 scene) as 6.36 g/cm2', () => {
    // 0.04019·w² + 0.02916·w + 1.01523 = 1/0.354 ⇒ w = 6.357 g/cm2.
    expect(waterVapourForTransmittanceGcm2(0.354, JIMENEZ_MUNOZ_2014_TIRS_B10)).toBeCloseTo(
      6.357,
      3,
    );
  });

  it('gives 0 above the fit’s driest transmittance (1/1.01523 = 0.985) and NaN outside (0, 1]', () => {
    expect(waterVapourForTransmittanceGcm2(0.99, JIMENEZ_MUNOZ_2014_TIRS_B10)).toBe(0);
    expect(waterVapourForTransmittanceGcm2(1, JIMENEZ_MUNOZ_2014_TIRS_B10)).toBe(0);
    const values = waterVapourFromTransmittance(
      Float32Array.of(Number.NaN, 0, -0.2, 1.2),
      JIMENEZ_MUNOZ_2014_TIRS_B10,
    );
    expect(Array.from(values).every(Number.isNaN)).toBe(true);
  });

  it('takes the larger root for TM, whose ψ1 has its vertex at w = 0.547 g/cm2', () => {
    const [psi1] = atmosphericFunctions(3, JIMENEZ_MUNOZ_2009_TM);
    expect(waterVapourForTransmittanceGcm2(1 / psi1, JIMENEZ_MUNOZ_2009_TM)).toBeCloseTo(3, 6);
    // τ 0.95 lies above what the TM fit reaches (max 1/1.0758 = 0.9295): the vertex.
    expect(waterVapourForTransmittanceGcm2(0.95, JIMENEZ_MUNOZ_2009_TM)).toBeCloseTo(0.5468, 4);
  });
});
