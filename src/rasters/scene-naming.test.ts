import { describe, expect, it } from 'vitest';
import {
  bandNameFromFileName,
  fileKindFromContent,
  fileKindFromName,
  landsatIdFromFileName,
} from './scene-naming.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('file kinds', () => {
  it('recognises MTLs and GeoTIFFs by name, case-insensitively', () => {
    expect(fileKindFromName('l8_MTL.txt')).toBe('mtl');
    expect(fileKindFromName('LE07_L1TP_160031_20110416_20161210_01_T1_MTL.TXT')).toBe('mtl');
    expect(fileKindFromName('LC08_L2SP_001062_20201031_20201106_02_T2_MTL.json')).toBe('mtl');
    expect(fileKindFromName('LT52240631988227CUB02_B6.TIF')).toBe('tiff');
    expect(fileKindFromName('scene.tiff')).toBe('tiff');
    expect(fileKindFromName('LC08_L2SP_008059_20191201_20200825_02_T1_ST_TRAD.TIF.aux.xml')).toBe(
      'other',
    );
    expect(fileKindFromName('LC08_ANG.txt')).toBe('other');
  });

  it('recognises TIFF and BigTIFF headers in both byte orders', () => {
    expect(fileKindFromContent(new Uint8Array([0x49, 0x49, 42, 0]))).toBe('tiff');
    expect(fileKindFromContent(new Uint8Array([0x4d, 0x4d, 0, 42]))).toBe('tiff');
    expect(fileKindFromContent(new Uint8Array([0x49, 0x49, 43, 0]))).toBe('tiff');
    expect(fileKindFromContent(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe('other');
  });

  it('recognises MTL text, JSON and XML by their first group', () => {
    expect(
      fileKindFromContent(bytes('GROUP = L1_METADATA_FILE\n  GROUP = METADATA_FILE_INFO')),
    ).toBe('mtl');
    expect(fileKindFromContent(bytes('GROUP = LANDSAT_METADATA_FILE\r\n'))).toBe('mtl');
    expect(fileKindFromContent(bytes('{"LANDSAT_METADATA_FILE": {"PRODUCT_CONTENTS"'))).toBe('mtl');
    expect(fileKindFromContent(bytes('{\n    "L1_METADATA_FILE": {'))).toBe('mtl');
    expect(fileKindFromContent(bytes('<?xml version="1.0"?>\n<LANDSAT_METADATA_FILE>'))).toBe(
      'mtl',
    );
    expect(fileKindFromContent(bytes('GROUP = SOMETHING_ELSE'))).toBe('other');
    expect(fileKindFromContent(bytes('{"type": "FeatureCollection"}'))).toBe('other');
  });
});

describe('band names from file names', () => {
  it('reads the band suffix of renamed and cropped files', () => {
    expect(bandNameFromFileName('l8_B4.tif', 'landsat8-oli-tirs')).toBe('B4');
    expect(bandNameFromFileName('l8_B10.tif', 'landsat8-oli-tirs')).toBe('B10');
    expect(bandNameFromFileName('l8_BQA.tif', 'landsat8-oli-tirs')).toBe('BQA');
    expect(bandNameFromFileName('B11.TIF', 'landsat8-oli-tirs')).toBe('B11');
  });

  it('prefers the Level-2 names over the bare band they end with', () => {
    const prefix = 'LC08_L2SP_001062_20201031_20201106_02_T2';
    expect(bandNameFromFileName(`${prefix}_ST_B10.TIF`, 'landsat8-oli-tirs')).toBe('ST_B10');
    expect(bandNameFromFileName(`${prefix}_SR_B4.TIF`, 'landsat8-oli-tirs')).toBe('SR_B4');
    expect(bandNameFromFileName(`${prefix}_ST_TRAD.TIF`, 'landsat8-oli-tirs')).toBe('ST_TRAD');
    expect(bandNameFromFileName(`${prefix}_QA_PIXEL.TIF`, 'landsat8-oli-tirs')).toBe('QA_PIXEL');
    expect(bandNameFromFileName(`${prefix}_SR_QA_AEROSOL.TIF`, 'landsat8-oli-tirs')).toBe(
      'SR_QA_AEROSOL',
    );
    expect(bandNameFromFileName(`${prefix}_st_cdist.tif`, 'landsat8-oli-tirs')).toBe('ST_CDIST');
  });

  it('reads a suffix after a space, hyphen or dot, never the tail of a longer word', () => {
    expect(bandNameFromFileName('my scene ST_B10.TIF', 'landsat8-oli-tirs')).toBe('ST_B10');
    expect(bandNameFromFileName('field-B4.tif', 'landsat8-oli-tirs')).toBe('B4');
    expect(bandNameFromFileName('crop.B5.tif', 'landsat8-oli-tirs')).toBe('B5');
    expect(bandNameFromFileName('SUB4.tif', 'landsat8-oli-tirs')).toBeNull();
  });

  it('names the Landsat 7 thermal gains and the NLAPS numbering', () => {
    expect(
      bandNameFromFileName(
        'LE07_L1TP_160031_20110416_20161210_01_T1_B6_VCID_2.TIF',
        'landsat7-etm',
      ),
    ).toBe('B6_VCID_2');
    expect(bandNameFromFileName('L71039037_03720010515_B61.TIF', 'landsat7-etm')).toBe('B6_VCID_1');
    expect(bandNameFromFileName('L71039037_03720010515_B30.TIF', 'landsat7-etm')).toBe('B3');
    expect(bandNameFromFileName('L5039037_03720090610_B60.TIF', 'landsat5-tm')).toBe('B6');
  });

  it('gives no name to a suffix the sensor does not have or to a derived product', () => {
    expect(bandNameFromFileName('LT52240631988227CUB02_B10.TIF', 'landsat5-tm')).toBeNull();
    expect(bandNameFromFileName('l8_B10.tif', 'landsat5-tm')).toBeNull();
    expect(
      bandNameFromFileName('tiny_LC81390452014295LGN00_B5_radl.TIF', 'landsat8-oli-tirs'),
    ).toBeNull();
    expect(bandNameFromFileName('LC08_L2SP_T2_ST_B6.TIF', 'landsat8-oli-tirs')).toBeNull();
    expect(bandNameFromFileName('dem.tif', 'generic')).toBeNull();
  });

  it('accepts any Landsat band name in a generic scene', () => {
    expect(bandNameFromFileName('crop_ST_B6.tif', 'generic')).toBe('ST_B6');
    expect(bandNameFromFileName('crop_B6_VCID_1.tif', 'generic')).toBe('B6_VCID_1');
  });
});

describe('Landsat ids from file names', () => {
  it('reads collection product ids and pre-collection scene ids', () => {
    expect(landsatIdFromFileName('LC08_L2SP_001062_20201031_20201106_02_T2_ST_B10.TIF')).toBe(
      'LC08_L2SP_001062_20201031_20201106_02_T2',
    );
    expect(landsatIdFromFileName('LT52240631988227CUB02_B6.TIF')).toBe('LT52240631988227CUB02');
    expect(landsatIdFromFileName('lc80200392015216lgn00_b4.tif')).toBe('LC80200392015216LGN00');
  });

  it('reads no id from renamed files', () => {
    expect(landsatIdFromFileName('l8_B4.tif')).toBeNull();
    expect(landsatIdFromFileName('tiny_LC81390452014295LGN00_B5.TIF')).toBeNull();
  });
});
