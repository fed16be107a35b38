import { describe, expect, it } from 'vitest';

import {
  smwBinIndex,
  smwCoefficientsFor,
  smwLst,
  smwLstKelvin,
} from './statistical-mono-window-ermida2020.js';
import { SMW_LANDSAT_8 } from './smw-coefficients-ermida2020.js';

describe('Ermida 2020 statistical mono-window LST', () => {
  it('bins water vapour by 0.6 g/cm2 (6 kg/m2) as the authors’ code: (0.6k, 0.6(k+1)]', () => {
    expect(smwBinIndex(0)).toBe(0);
    expect(smwBinIndex(0.6)).toBe(0);
    expect(smwBinIndex(0.61)).toBe(1);
    expect(smwBinIndex(2.0)).toBe(3);
    expect(smwBinIndex(5.4)).toBe(8);
    expect(smwBinIndex(5.41)).toBe(9);
    expect(smwBinIndex(8)).toBe(9);
    expect(smwBinIndex(Number.NaN)).toBe(-1);
  });

  it('computes A·Tb/ε + B/ε + C: 304.942 K for Tb 300 K, ε 0.97 in the 1.8-2.4 g/cm2 bin', () => {
    const bin = SMW_LANDSAT_8[3];
    if (bin === undefined) throw new Error('bin 3 missing');
    // 1.1282·300/0.97 − 279.4212/0.97 + 244.0772
    expect(smwLstKelvin(300, 0.97, bin)).toBeCloseTo(304.941942, 5);
  });

  it('stays within 0.7 K of Tb for a blackbody under the driest atmosphere (bin 0)', () => {
    const lst = smwLst(
      { tbKelvin: new Float32Array([280, 300, 320]), emissivity: 1, waterVapourGcm2: 0.3 },
      SMW_LANDSAT_8,
    );
    expect(lst[0]).toBeCloseTo(279.8524, 3);
    expect(lst[1]).toBeCloseTo(299.3544, 3);
    expect(lst[2]).toBeCloseTo(318.8564, 3);
  });

  it('picks per-pixel bins, gives NaN for unknown water vapour, and borrows L8 for Landsat 9', () => {
    const lst = smwLst(
      {
        tbKelvin: new Float32Array([300, 300, 300]),
        emissivity: new Float32Array([0.97, 0.97, 0.97]),
        waterVapourGcm2: new Float32Array([2.0, 0.3, Number.NaN]),
      },
      SMW_LANDSAT_8,
    );
    expect(lst[0]).toBeCloseTo(304.941942, 3);
    expect(lst[1]).toBeCloseTo((0.9751 * 300 - 205.8929) / 0.97 + 212.7173, 3);
    expect(Number.isNaN(lst[2])).toBe(true);
    expect(smwCoefficientsFor('landsat9-oli-tirs')?.borrowed).toBe(true);
    expect(smwCoefficientsFor('landsat9-oli-tirs')?.table).toBe(SMW_LANDSAT_8);
    expect(smwCoefficientsFor('generic')).toBeNull();
  });

  it('refuses a table without ten bins', () => {
    expect(() =>
      smwLst({ tbKelvin: new Float32Array(1), emissivity: 1, waterVapourGcm2: 1 }, []),
    ).toThrow('SMW table has 0 bins, expected 10');
  });
});
