import { describe, expect, it } from 'vitest';

import { planckRadianceWm2SrUm } from './brightness-temperature.js';
import {
  JIMENEZ_MUNOZ_2014_TIRS_B10,
  atmosphericFunctions,
  bGammaKelvin,
  singleChannelLst,
  singleChannelLstKelvin,
} from './single-channel.js';

const B10 = { k1: 774.8853, k2: 1321.0789 };

describe('generalized single-channel LST', () => {
  it('has TIRS B10 ψ = (1.23431, −4.33596, 2.48302) at w = 2 g/cm2', () => {
    // ψ1 = 0.04019·4 + 0.02916·2 + 1.01523; ψ2 = −0.38333·4 − 1.50294·2 + 0.20324; ψ3 likewise.
    const [psi1, psi2, psi3] = atmosphericFunctions(2, JIMENEZ_MUNOZ_2014_TIRS_B10);
    expect(psi1).toBeCloseTo(1.23431, 10);
    expect(psi2).toBeCloseTo(-4.33596, 10);
    expect(psi3).toBeCloseTo(2.48302, 10);
  });

  it('has bγ = 14387.7/10.9036 = 1319.54 K for TIRS B10', () => {
    expect(bGammaKelvin(10.9036)).toBeCloseTo(1319.5367, 3);
  });

  it('retrieves 297.726 K from Tb 295 K, ε 0.98 and w 2 g/cm2', () => {
    // L = 8.898652; γ = 295²/(1319.537·L) = 7.4113; δ = 295 − 295²/1319.537 = 229.0487;
    // LST = γ·((1.23431·L − 4.33596)/0.98 + 2.48302) + δ = 297.7257 K
    const radiance = planckRadianceWm2SrUm(295, B10);
    const psi = atmosphericFunctions(2, JIMENEZ_MUNOZ_2014_TIRS_B10);
    const lst = singleChannelLstKelvin(radiance, 295, 0.98, psi, bGammaKelvin(10.9036));
    expect(lst).toBeCloseTo(297.7257, 3);
  });

  it('is NaN where radiance is ≤ 0 or an input is NaN', () => {
    const lst = singleChannelLst(
      new Float32Array([0, 8.9, 8.9]),
      new Float32Array([295, Number.NaN, 295]),
      new Float32Array([0.98, 0.98, Number.NaN]),
      2,
      JIMENEZ_MUNOZ_2014_TIRS_B10,
    );
    expect(Array.from(lst).every(Number.isNaN)).toBe(true);
  });
});
