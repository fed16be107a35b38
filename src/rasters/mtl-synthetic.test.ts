/** parseMtl over inline MTL text: the old LMAX/LMIN form and malformed input. */
import { describe, expect, it } from 'vitest';
import { MetadataError } from '../errors.js';
import { parseMtl } from './mtl.js';

const OLD_TM_MTL = `GROUP = L1_METADATA_FILE
  GROUP = PRODUCT_METADATA
    PRODUCT_TYPE = "L1T"
    SPACECRAFT_ID = "Landsat5"
    SENSOR_ID = "TM"
    ACQUISITION_DATE = 2009-06-10
  END_GROUP = PRODUCT_METADATA
  GROUP = MIN_MAX_RADIANCE
    LMAX_BAND6 = 15.303
    LMIN_BAND6 = 1.238
    LMAX_BAND3 = 264.000
    LMIN_BAND3 = -1.170
  END_GROUP = MIN_MAX_RADIANCE
  GROUP = MIN_MAX_PIXEL_VALUE
    QCALMAX_BAND6 = 255.0
    QCALMIN_BAND6 = 1.0
    QCALMAX_BAND3 = 255.0
    QCALMIN_BAND3 = 1.0
  END_GROUP = MIN_MAX_PIXEL_VALUE
  GROUP = PRODUCT_PARAMETERS
    SUN_ELEVATION = 61.7
  END_GROUP = PRODUCT_PARAMETERS
END_GROUP = L1_METADATA_FILE
END
`;

describe('parseMtl of the old LMAX/LMIN form', () => {
  it('derives radiance rescaling with Chander et al. 2009 eq. 1 and fills handbook K1/K2', () => {
    const metadata = parseMtl(OLD_TM_MTL, 'L5039037_03720090610_MTL.txt');
    expect(metadata.spacecraft).toBe('LANDSAT_5');
    expect(metadata.acquisitionDate).toBe('2009-06-10');
    expect(metadata.sunElevationDeg).toBe(61.7);
    expect(metadata.bands.B6?.radianceMult).toBeCloseTo(0.055374016, 9);
    expect(metadata.bands.B6?.radianceAdd).toBeCloseTo(1.182625984, 9);
    expect(metadata.bands.B3?.radianceMult).toBeCloseTo(265.17 / 254, 12);
    expect(metadata.bands.B6).toMatchObject({ k1: 607.76, k2: 1260.56, k1k2Source: 'handbook' });
    expect(metadata.bands.B3?.k1k2Source).toBeNull();
  });

  it('maps the old Landsat 7 band numbers 61 and 62 to B6_VCID_1 and B6_VCID_2', () => {
    const text = OLD_TM_MTL.replace('"Landsat5"', '"Landsat7"')
      .replace('"TM"', '"ETM+"')
      .replaceAll('BAND6 ', 'BAND61 ');
    const metadata = parseMtl(text);
    expect(metadata.bands.B6_VCID_1?.radianceMult).toBeCloseTo(14.065 / 254, 12);
    expect(metadata.bands.B6_VCID_1?.k1).toBe(666.09);
  });
});

describe('parseMtl of bad input', () => {
  const bad = (text: string): MetadataError => {
    try {
      parseMtl(text, 'bad_MTL.txt');
    } catch (error) {
      if (error instanceof MetadataError) return error;
      throw error;
    }
    throw new Error('parseMtl accepted bad input');
  };

  it('refuses an empty file', () => {
    expect(bad('\0\0\0').message).toBe('bad_MTL.txt: the metadata file is empty');
  });

  it('names the line that is not KEY = value', () => {
    expect(bad('GROUP = L1_METADATA_FILE\n  this is not odl\n').message).toBe(
      'bad_MTL.txt line 2: expected KEY = value, found "this is not odl"',
    );
  });

  it('refuses a truncated file that ends inside a group', () => {
    const truncated = OLD_TM_MTL.slice(0, OLD_TM_MTL.indexOf('END_GROUP = MIN_MAX_RADIANCE'));
    expect(bad(truncated).message).toBe(
      'bad_MTL.txt: the file ends inside GROUP = MIN_MAX_RADIANCE (truncated?)',
    );
  });

  it('refuses an END_GROUP that closes another group', () => {
    expect(bad('GROUP = A\nEND_GROUP = B\n').message).toBe(
      'bad_MTL.txt line 2: END_GROUP = B does not close the open group "A"',
    );
  });

  it('refuses text that is not a Landsat MTL', () => {
    expect(bad('GROUP = SOMETHING_ELSE\nX = 1\nEND_GROUP = SOMETHING_ELSE\n').message).toMatch(
      /not a Landsat MTL .*groups found: SOMETHING_ELSE/,
    );
    expect(bad('{"type": "FeatureCollection"}').code).toBe('INVALID_METADATA');
    expect(bad('{"L1_METADATA_FILE": ').message).toMatch(/^bad_MTL.txt: invalid JSON/);
  });

  it('refuses a missing or unknown SPACECRAFT_ID', () => {
    expect(bad(OLD_TM_MTL.replace('SPACECRAFT_ID = "Landsat5"', '')).message).toBe(
      'bad_MTL.txt: no SPACECRAFT_ID',
    );
    expect(bad(OLD_TM_MTL.replace('"Landsat5"', '"Landsat4"')).message).toBe(
      'bad_MTL.txt: unsupported SPACECRAFT_ID "Landsat4" (Landsat 5, 7, 8 or 9)',
    );
  });

  it('refuses a calibration value that is not a number', () => {
    expect(bad(OLD_TM_MTL.replace('LMAX_BAND6 = 15.303', 'LMAX_BAND6 = "high"')).message).toBe(
      'bad_MTL.txt: LMAX_BAND6 = "high" is not a number',
    );
  });

  it('refuses a calibration value that two groups give differently', () => {
    const text = OLD_TM_MTL.replace(
      'END_GROUP = PRODUCT_PARAMETERS',
      'END_GROUP = PRODUCT_PARAMETERS\n  GROUP = R1\n    K1_CONSTANT_BAND_6 = 607.76\n  END_GROUP = R1\n' +
        '  GROUP = R2\n    K1_CONSTANT_BAND_6 = 671.62\n  END_GROUP = R2',
    );
    expect(bad(text).message).toBe(
      'bad_MTL.txt: R2.K1_CONSTANT_BAND_6 = 671.62 contradicts R1.K1_CONSTANT_BAND_6 = 607.76',
    );
  });

  it('lets the last occurrence of a key win within one group', () => {
    const text = OLD_TM_MTL.replace(
      'SUN_ELEVATION = 61.7',
      'SUN_ELEVATION = 61.7\n    SUN_ELEVATION = 62.5',
    );
    expect(parseMtl(text).sunElevationDeg).toBe(62.5);
  });
});
