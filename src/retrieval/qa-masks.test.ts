import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import {
  clearMask,
  cloudMask,
  decodeModisLstQc,
  fillMask,
  modisLstErrorMask,
  saturationMask,
  snowMask,
  waterMask,
} from './qa-masks.js';

async function readBand(relativePath: string): Promise<Float32Array> {
  const tiff = await fromFile(sharedDataFile(relativePath));
  try {
    const [values] = (await (
      await tiff.getImage()
    ).readRasters()) as unknown as ArrayLike<number>[];
    return Float32Array.from(values!);
  } finally {
    await tiff.close();
  }
}

function count(mask: Uint8Array): number {
  return mask.reduce((sum, flag) => sum + flag, 0);
}

describe('QA masks', () => {
  it('decodes the QA_PIXEL of 017036 as all fill or high-confidence cloud (3 values)', async () => {
    const qa = await readBand(
      'landsat-l2-surface-temperature/LC08_L2SP_017036_20130419_20200913_02_T2/' +
        'LC08_L2SP_017036_20130419_20200913_02_T2_QA_PIXEL.TIF',
    );
    // 1 = fill (86,129 px); 22280 (bits 3, 8-9) and 55052 (bits 2, 3, 8-9, 14-15) = cloud with
    // high confidence (1,377 + 174,638 px): no clear pixel is left (LSDS-1619 Table 6-3).
    expect([...new Set(qa)].sort((a, b) => a - b)).toEqual([1, 22280, 55052]);
    const fill = fillMask(qa, 'c2-qa-pixel');
    const cloud = cloudMask(qa, 'c2-qa-pixel');
    expect(count(fill)).toBe(86_129);
    expect(count(cloud)).toBe(176_015);
    expect(count(fill) + count(cloud)).toBe(qa.length);
  });

  it('finds 22,776 high-confidence cloud pixels (6.02 %) in the pre-collection BQA of LC80200392015216LGN00', async () => {
    const bqa = await readBand('landsat-l1-thermal/LC80200392015216LGN00/l8_BQA.tif');
    expect(bqa.length).toBe(378_081);
    const cloudy = count(cloudMask(bqa, 'pre-collection-bqa-oli'));
    expect(cloudy).toBe(22_776);
    expect(cloudy / bqa.length).toBeCloseTo(0.0602, 4);
    expect(count(cloudMask(bqa, 'pre-collection-bqa-oli', { minConfidence: 2 }))).toBe(56_182);
    expect(count(fillMask(bqa, 'pre-collection-bqa-oli'))).toBe(0);
  });

  it('counts 28,465 clear, 146,419 cloud, 85 water and 81,507 fill pixels in 008059 QA_PIXEL', async () => {
    const qa = await readBand(
      'landsat-l2-surface-temperature/LC08_L2SP_008059_20191201_20200825_02_T1/LC08_L2SP_008059_20191201_20200825_02_T1_QA_PIXEL.TIF',
    );
    expect(count(clearMask(qa))).toBe(28_465);
    expect(count(cloudMask(qa, 'c2-qa-pixel'))).toBe(146_419);
    expect(count(waterMask(qa, 'c2-qa-pixel'))).toBe(85);
    expect(count(fillMask(qa, 'c2-qa-pixel'))).toBe(81_507);
  });

  it('reads MOD11A1 QC_Day: 88,946 cloudy, 1,106,171 without LST, 333,829 with LST', async () => {
    const qc = await readBand('modis-lst/derived-geotiff/MOD11A1.A2019305.h14v09.006_QC_Day.tif');
    expect(count(cloudMask(qc, 'modis-lst-qc'))).toBe(88_946);
    expect(count(fillMask(qc, 'modis-lst-qc'))).toBe(1_106_171);
    expect(qc.length - count(modisLstErrorMask(qc, 3))).toBe(333_829);
    // QC 65 = 0b01000001: other quality, LST error ≤ 2 K (73,798 pixels).
    expect(decodeModisLstQc(65)).toEqual({
      mandatory: 1,
      dataQuality: 0,
      emissivityErrorMax: 0.01,
      lstErrorMaxKelvin: 2,
    });
    expect(qc.length - count(modisLstErrorMask(qc, 1))).toBe(251_784 + 3_453);
  });

  it('decodes Collection 1 BQA confidences and QA_RADSAT bits on synthetic values', () => {
    // C1 OLI BQA: cloud confidence bits 5-6, snow/ice 9-10 (LSDS-1656).
    const bqa = [0b11 << 5, 0b10 << 5, 0b11 << 9, 1, Number.NaN];
    expect([...cloudMask(bqa, 'c1-bqa-oli')]).toEqual([1, 0, 0, 0, 0]);
    expect([...cloudMask(bqa, 'c1-bqa-oli', { minConfidence: 2 })]).toEqual([1, 1, 0, 0, 0]);
    expect([...snowMask(bqa, 'c1-bqa-oli')]).toEqual([0, 0, 1, 0, 0]);
    expect([...fillMask(bqa, 'c1-bqa-oli')]).toEqual([0, 0, 0, 1, 1]);
    expect([...saturationMask([0b1000000000, 0, 0b1], 10)]).toEqual([1, 0, 0]);
    expect(() => waterMask(bqa, 'c1-bqa-oli')).toThrow('QA scheme c1-bqa-oli has no water flag');
    expect(() => saturationMask([0], 12)).toThrow('QA_RADSAT has bands 1-11, got 12');
  });
});
