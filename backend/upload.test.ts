import { describe, expect, it } from 'vitest';
import { checkFileName, storedFileName } from './upload.js';

describe('upload file names', () => {
  it.each([
    ['../x.tif', 'contains a path separator'],
    ['../../evil.tif', 'contains a path separator'],
    ['/etc/passwd', 'contains a path separator'],
    ['C:\\evil.tif', 'contains a path separator'],
    ['a\\b.tif', 'contains a path separator'],
    ['a\u0000b.tif', 'contains a NUL or control character'],
    ['.hidden.tif', 'starts with a dot'],
    ['..', 'starts with a dot'],
    ['', 'is empty'],
  ])('refuses %j because it %s', (name, why) => {
    expect(() => checkFileName(name)).toThrow(`file name ${JSON.stringify(name)} ${why}`);
  });

  it('accepts plain Landsat file names', () => {
    expect(() =>
      checkFileName('LC08_L2SP_008059_20191201_20200825_02_T1_ST_B10.TIF'),
    ).not.toThrow();
    expect(() => checkFileName('l8_MTL.txt')).not.toThrow();
  });

  it('stores files under a counter and a reduced name that keeps the band suffix', () => {
    expect(storedFileName(3, 'l8_B10.tif')).toBe('03_l8_B10.tif');
    expect(storedFileName(12, 'scène été B4.TIF')).toBe('12_sc_ne__t__B4.TIF');
  });
});
