import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBandProfile, sensorIdFromSpacecraft } from '../retrieval/sensors.js';
import { findMtlValue, parseMtlDocument } from './mtl-document.js';
import { parseMtl } from './mtl.js';
import type { LandsatMetadata } from './scene-types.js';

const DATA = '../shared/data';
const MTL_DIR = join(DATA, 'landsat-mtl-metadata');
const L1_DIR = join(DATA, 'landsat-l1-thermal');
const L2_DIR = join(DATA, 'landsat-l2-surface-temperature');

function readShared(path: string): string {
  if (!existsSync(path)) {
    throw new Error(
      `shared test data missing: ${path} (expected /work/shared/data beside the repository)`,
    );
  }
  return readFileSync(path, 'utf8');
}

function listShared(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`shared test data missing: ${dir}`);
  return readdirSync(dir).sort();
}

function parseShared(path: string): LandsatMetadata {
  return parseMtl(readShared(path), path.split('/').pop());
}

/** What each MTL of landsat-mtl-metadata must give (values read from the files themselves). */
interface Expected {
  spacecraft: LandsatMetadata['spacecraft'];
  collection: LandsatMetadata['collection'];
  processingLevel: string;
  level: 'L1' | 'L2';
  sceneId: string;
  productId: string | null;
  acquisitionDate: string;
  /** [band, field, value] triples. */
  constants: [string, keyof LandsatMetadata['bands'][string], number | string][];
}

const L8_B10: Expected['constants'] = [
  ['B10', 'k1', 774.8853],
  ['B10', 'k2', 1321.0789],
  ['B10', 'radianceMult', 3.342e-4],
  ['B10', 'radianceAdd', 0.1],
  ['B11', 'k1', 480.8883],
  ['B11', 'k2', 1201.1442],
  ['B10', 'k1k2Source', 'mtl'],
];

const L9_THERMAL: Expected['constants'] = [
  ['B10', 'radianceMult', 3.8e-4],
  ['B10', 'radianceAdd', 0.1],
  ['B10', 'k1', 799.0284],
  ['B10', 'k2', 1329.2405],
  ['B11', 'radianceMult', 3.49e-4],
  ['B11', 'k1', 475.6581],
  ['B11', 'k2', 1198.3494],
  ['ST_B10', 'level2Mult', 0.00341802],
  ['ST_B10', 'level2Add', 149],
  ['SR_B4', 'level2Mult', 2.75e-5],
  ['SR_B4', 'level2Add', -0.2],
  ['B4', 'reflectanceMult', 2e-5],
];

const MTL_METADATA_EXPECTED: Record<string, Expected> = {
  'LC08_L1TP_193024_20180824_20200831_02_T1_MTL.txt': {
    spacecraft: 'LANDSAT_8',
    collection: 'collection-2',
    processingLevel: 'L1TP',
    level: 'L1',
    sceneId: 'LC81930242018236LGN00',
    productId: 'LC08_L1TP_193024_20180824_20200831_02_T1',
    acquisitionDate: '2018-08-24',
    constants: L8_B10,
  },
  'LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt': {
    spacecraft: 'LANDSAT_8',
    collection: 'collection-1',
    processingLevel: 'L1TP',
    level: 'L1',
    sceneId: 'LC81950252013188LGN01',
    productId: 'LC08_L1TP_195025_20130707_20170503_01_T1',
    acquisitionDate: '2013-07-07',
    constants: L8_B10,
  },
  'LC08_L2SP_047027_20201204_20210313_02_T1_MTL.txt': {
    spacecraft: 'LANDSAT_8',
    collection: 'collection-2',
    processingLevel: 'L2SP',
    level: 'L2',
    sceneId: 'LC80470272020339LGN00',
    productId: 'LC08_L2SP_047027_20201204_20210313_02_T1',
    acquisitionDate: '2020-12-04',
    constants: [...L8_B10, ['ST_B10', 'level2Mult', 0.00341802], ['ST_B10', 'level2Add', 149]],
  },
  'LC08_L2SR_084024_20160111_20201016_02_T1_MTL.txt': {
    spacecraft: 'LANDSAT_8',
    collection: 'collection-2',
    processingLevel: 'L2SR',
    level: 'L2',
    sceneId: 'LC80840242016011LGN01',
    productId: 'LC08_L2SR_084024_20160111_20201016_02_T1',
    acquisitionDate: '2016-01-11',
    constants: [...L8_B10, ['SR_B5', 'level2Mult', 2.75e-5], ['SR_B5', 'level2Add', -0.2]],
  },
  'LC09_L2SP_010065_20220129_20220131_02_T1_MTL.txt': {
    spacecraft: 'LANDSAT_9',
    collection: 'collection-2',
    processingLevel: 'L2SP',
    level: 'L2',
    sceneId: 'LC90100652022029LGN00',
    productId: 'LC09_L2SP_010065_20220129_20220131_02_T1',
    acquisitionDate: '2022-01-29',
    constants: L9_THERMAL,
  },
  'LC09_L2SP_010065_20220129_20220131_02_T1_MTL.xml': {
    spacecraft: 'LANDSAT_9',
    collection: 'collection-2',
    processingLevel: 'L2SP',
    level: 'L2',
    sceneId: 'LC90100652022029LGN00',
    productId: 'LC09_L2SP_010065_20220129_20220131_02_T1',
    acquisitionDate: '2022-01-29',
    constants: L9_THERMAL,
  },
  'LC81060712016134LGN00_MTL.json': {
    spacecraft: 'LANDSAT_8',
    collection: 'pre-collection',
    processingLevel: 'L1T',
    level: 'L1',
    sceneId: 'LC81060712016134LGN00',
    productId: null,
    acquisitionDate: '2016-05-13',
    constants: L8_B10,
  },
  'LC81060712016134LGN00_MTL.txt': {
    spacecraft: 'LANDSAT_8',
    collection: 'pre-collection',
    processingLevel: 'L1T',
    level: 'L1',
    sceneId: 'LC81060712016134LGN00',
    productId: null,
    acquisitionDate: '2016-05-13',
    constants: L8_B10,
  },
  'LE07_L1TP_160031_20110416_20161210_01_T1_MTL.TXT': {
    spacecraft: 'LANDSAT_7',
    collection: 'collection-1',
    processingLevel: 'L1TP',
    level: 'L1',
    sceneId: 'LE71600312011106ASN00',
    productId: 'LE07_L1TP_160031_20110416_20161210_01_T1',
    acquisitionDate: '2011-04-16',
    constants: [
      ['B6_VCID_1', 'radianceMult', 6.7087e-2],
      ['B6_VCID_1', 'radianceAdd', -0.06709],
      ['B6_VCID_2', 'radianceMult', 3.7205e-2],
      ['B6_VCID_2', 'radianceAdd', 3.1628],
      ['B6_VCID_1', 'k1', 666.09],
      ['B6_VCID_2', 'k2', 1282.71],
      ['B6_VCID_1', 'k1k2Source', 'mtl'],
    ],
  },
  'LE70160382014113EDC01_MTL.txt': {
    spacecraft: 'LANDSAT_7',
    collection: 'pre-collection',
    processingLevel: 'L1T',
    level: 'L1',
    sceneId: 'LE70160382014113EDC01',
    productId: null,
    acquisitionDate: '2014-04-23',
    constants: [
      // (LMAX − LMIN)/(QCALMAX − QCALMIN) = (17.04 − 0)/254 and (12.65 − 3.2)/254.
      ['B6_VCID_1', 'radianceMult', 17.04 / 254],
      ['B6_VCID_2', 'radianceMult', 9.45 / 254],
      ['B6_VCID_2', 'radianceAdd', 3.2 - 9.45 / 254],
      ['B6_VCID_1', 'k1', 666.09],
      ['B6_VCID_1', 'k2', 1282.71],
      ['B6_VCID_1', 'k1k2Source', 'handbook'],
      ['B6_VCID_2', 'k1k2Source', 'handbook'],
    ],
  },
  'LT05_L1TP_047027_20101006_20160512_01_T1_MTL.txt': {
    spacecraft: 'LANDSAT_5',
    collection: 'collection-1',
    processingLevel: 'L1TP',
    level: 'L1',
    sceneId: 'LT50470272010279PAC01',
    productId: 'LT05_L1TP_047027_20101006_20160512_01_T1',
    acquisitionDate: '2010-10-06',
    constants: [
      ['B6', 'radianceMult', 0.055375],
      ['B6', 'radianceAdd', 1.18243],
      ['B6', 'k1', 607.76],
      ['B6', 'k2', 1260.56],
      ['B6', 'k1k2Source', 'mtl'],
    ],
  },
};

function expectMetadata(metadata: LandsatMetadata, expected: Expected): void {
  expect(metadata.spacecraft).toBe(expected.spacecraft);
  expect(metadata.collection).toBe(expected.collection);
  expect(metadata.processingLevel).toBe(expected.processingLevel);
  expect(metadata.level).toBe(expected.level);
  expect(metadata.sceneId).toBe(expected.sceneId);
  expect(metadata.productId).toBe(expected.productId);
  expect(metadata.acquisitionDate).toBe(expected.acquisitionDate);
  for (const [band, field, value] of expected.constants) {
    const actual = metadata.bands[band]?.[field];
    if (typeof value === 'number') expect(actual, `${band}.${field}`).toBeCloseTo(value, 10);
    else expect(actual, `${band}.${field}`).toBe(value);
  }
}

describe('parseMtl over landsat-mtl-metadata', () => {
  it('has an expectation for every MTL file in the folder', () => {
    const files = listShared(MTL_DIR).filter((name) => /_MTL\./i.test(name));
    expect(files).toEqual(Object.keys(MTL_METADATA_EXPECTED).sort());
  });

  for (const [fileName, expected] of Object.entries(MTL_METADATA_EXPECTED)) {
    it(`reads spacecraft, collection, level and constants of ${fileName}`, () => {
      expectMetadata(parseShared(join(MTL_DIR, fileName)), expected);
    });
  }

  it('names every band it calibrates as the sensor profile does', () => {
    for (const fileName of Object.keys(MTL_METADATA_EXPECTED)) {
      const metadata = parseShared(join(MTL_DIR, fileName));
      const sensor = sensorIdFromSpacecraft(metadata.spacecraft);
      for (const band of Object.keys(metadata.bands)) {
        expect(findBandProfile(sensor, band), `${fileName}: ${band}`).not.toBeNull();
      }
    }
  });

  it('gives Landsat 9 thermal constants that differ from Landsat 8', () => {
    const l8 = parseShared(join(MTL_DIR, 'LC08_L2SP_047027_20201204_20210313_02_T1_MTL.txt'));
    const l9 = parseShared(join(MTL_DIR, 'LC09_L2SP_010065_20220129_20220131_02_T1_MTL.txt'));
    expect(l9.bands.B10?.k1).toBe(799.0284);
    expect(l8.bands.B10?.k1).toBe(774.8853);
    expect(l9.bands.B11?.k2).not.toBe(l8.bands.B11?.k2);
  });

  it('parses the JSON and the text of the same pre-collection scene to equal metadata', () => {
    const fromText = parseShared(join(MTL_DIR, 'LC81060712016134LGN00_MTL.txt'));
    const fromJson = parseShared(join(MTL_DIR, 'LC81060712016134LGN00_MTL.json'));
    expect(fromJson).toEqual(fromText);
  });

  it('parses the XML and the text of the same Landsat 9 scene to equal metadata', () => {
    const fromText = parseShared(join(MTL_DIR, 'LC09_L2SP_010065_20220129_20220131_02_T1_MTL.txt'));
    const fromXml = parseShared(join(MTL_DIR, 'LC09_L2SP_010065_20220129_20220131_02_T1_MTL.xml'));
    expect(fromXml).toEqual(fromText);
  });

  it('has no surface-temperature band in an L2SR (reflectance-only) MTL', () => {
    const metadata = parseShared(join(MTL_DIR, 'LC08_L2SR_084024_20160111_20201016_02_T1_MTL.txt'));
    expect(metadata.bands.ST_B10).toBeUndefined();
    expect(metadata.bands.SR_B4?.level2Mult).toBe(2.75e-5);
  });

  it('keeps TOA reflectance and SR scaling of band 4 apart in a Level-2 MTL', () => {
    const metadata = parseShared(join(MTL_DIR, 'LC08_L2SP_047027_20201204_20210313_02_T1_MTL.txt'));
    expect(metadata.bands.B4?.reflectanceMult).toBe(2e-5);
    expect(metadata.bands.B4?.level2Mult).toBeNull();
    expect(metadata.bands.SR_B4?.reflectanceMult).toBeNull();
    expect(metadata.bands.SR_B4?.level2Add).toBe(-0.2);
  });
});

describe('parseMtl over landsat-l1-thermal', () => {
  it('reads the LC80200392015216LGN00 MTL constants', () => {
    const metadata = parseShared(join(L1_DIR, 'LC80200392015216LGN00', 'l8_MTL.txt'));
    expectMetadata(metadata, {
      spacecraft: 'LANDSAT_8',
      collection: 'pre-collection',
      processingLevel: 'L1T',
      level: 'L1',
      sceneId: 'LC80200392015216LGN00',
      productId: null,
      acquisitionDate: '2015-08-04',
      constants: [...L8_B10, ['B4', 'radianceMult', 9.7062e-3], ['B4', 'radianceAdd', -48.53088]],
    });
    expect(metadata.sunElevationDeg).toBe(64.74360932);
    expect(metadata.sensorId).toBe('OLI_TIRS');
  });

  it('reads the NUL-padded LT5 pre-collection MTL with handbook K1/K2 and the exact band-6 gain', () => {
    const text = readShared(join(L1_DIR, 'LT52240631988227CUB02', 'LT52240631988227CUB02_MTL.txt'));
    expect(text.length).toBe(65535);
    const metadata = parseMtl(text, 'LT52240631988227CUB02_MTL.txt');
    expectMetadata(metadata, {
      spacecraft: 'LANDSAT_5',
      collection: 'pre-collection',
      processingLevel: 'L1T',
      level: 'L1',
      sceneId: 'LT52240631988227CUB02',
      productId: null,
      acquisitionDate: '1988-08-14',
      constants: [
        ['B6', 'k1', 607.76],
        ['B6', 'k2', 1260.56],
        ['B6', 'k1k2Source', 'handbook'],
        // The MTL prints RADIANCE_MULT_BAND_6 = 0.055; (15.303 − 1.238)/(255 − 1) = 0.0553740.
        ['B6', 'radianceMult', 14.065 / 254],
        ['B6', 'radianceAdd', 1.238 - 14.065 / 254],
      ],
    });
  });

  it('reads the rio-toa JSON MTL with its rounded K1/K2', () => {
    const metadata = parseShared(
      join(L1_DIR, 'rio-toa_LC81390452014295LGN00', 'LC81390452014295LGN00_MTL.json'),
    );
    expect(metadata.spacecraft).toBe('LANDSAT_8');
    expect(metadata.collection).toBe('pre-collection');
    expect(metadata.sceneId).toBe('LC81390452014295LGN00');
    expect(metadata.bands.B10).toMatchObject({
      k1: 774.89,
      k2: 1321.08,
      radianceMult: 3.342e-4,
      radianceAdd: 0.1,
    });
    expect(metadata.bands.B5).toMatchObject({ reflectanceMult: 2e-5, reflectanceAdd: -0.1 });
  });
});

describe('parseMtl over landsat-l2-surface-temperature', () => {
  const scenes = listShared(L2_DIR).filter((name) => name.startsWith('LC08_L2SP'));

  it('finds the three Level-2 scenes', () => {
    expect(scenes).toHaveLength(3);
  });

  for (const scene of scenes) {
    it(`parses the txt and json MTL of ${scene} to equal Level-2 metadata`, () => {
      const fromText = parseShared(join(L2_DIR, scene, `${scene}_MTL.txt`));
      const fromJson = parseShared(join(L2_DIR, scene, `${scene}_MTL.json`));
      expect(fromJson).toEqual(fromText);
      expect(fromText.level).toBe('L2');
      expect(fromText.processingLevel).toBe('L2SP');
      expect(fromText.productId).toBe(scene);
      expect(fromText.bands.ST_B10).toMatchObject({ level2Mult: 0.00341802, level2Add: 149 });
      expect(fromText.bands.B10).toMatchObject({ k1: 774.8853, k2: 1321.0789, k1k2Source: 'mtl' });
    });
  }
});

describe('parseMtl duplicate keys (reported fault B18)', () => {
  const path = join(DATA, 'reported-faults', 'b18_LC09_L2SP_trimmed_MTL.txt');

  it('reports the Level-2 product id of PRODUCT_CONTENTS, not the Level-1 id of a later group', () => {
    const metadata = parseShared(path);
    expect(metadata.productId).toBe('LC09_L2SP_010065_20220129_20220131_02_T1');
    expect(metadata.processingLevel).toBe('L2SP');
    expect(metadata.spacecraft).toBe('LANDSAT_9');
  });

  it('keeps each group its own value, reachable by group name', () => {
    const { root } = parseMtlDocument(readShared(path), 'b18');
    expect(findMtlValue(root, 'LANDSAT_PRODUCT_ID', 'LEVEL1_PROCESSING_RECORD')).toBe(
      'LC09_L1TP_010065_20220129_20220129_02_T1',
    );
    expect(findMtlValue(root, 'UTM_ZONE')).toBe('17');
  });

  it('reads the Landsat 9 B10/B11 constants and ST_B10 scaling', () => {
    const { bands } = parseShared(path);
    expect(bands.B10).toMatchObject({
      radianceMult: 3.8e-4,
      radianceAdd: 0.1,
      k1: 799.0284,
      k2: 1329.2405,
    });
    expect(bands.B11).toMatchObject({
      radianceMult: 3.49e-4,
      radianceAdd: 0.1,
      k1: 475.6581,
      k2: 1198.3494,
    });
    expect(bands.ST_B10).toMatchObject({ level2Mult: 0.00341802, level2Add: 149 });
  });
});
