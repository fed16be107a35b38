import { describe, expect, it } from 'vitest';

import { warningsAfterNormalisation } from './normalised-warnings.js';

const UPLOAD_WARNINGS = [
  { code: 'NODATA_UNSET', message: 'a.tif: no noData value is set (and 2 more files)' },
  { code: 'NO_OVERVIEWS', message: 'a.tif: no internal overviews (and 2 more files)' },
  { code: 'DATUM_APPROXIMATED', message: 'a.tif: datum approximated' },
];

describe('scene warnings after normalisation', () => {
  it('drops NO_OVERVIEWS and says which fill value became noData', () => {
    const files = ['a', 'b', 'c'].map((name) => ({
      filePath: `/up/${name}.tif`,
      sourceNoData: null,
      noData: 0,
    }));
    expect(warningsAfterNormalisation(UPLOAD_WARNINGS, files)).toEqual([
      {
        code: 'NODATA_UNSET',
        message:
          'a.tif: no noData value is set; the sensor fill value 0 is stored as noData ' +
          '(and 2 more files)',
      },
      UPLOAD_WARNINGS[2],
    ]);
  });

  it('keeps NODATA_UNSET naming only the files still without noData', () => {
    const files = [
      { filePath: '/up/a.tif', sourceNoData: null, noData: 0 },
      { filePath: '/up/b.tif', sourceNoData: null, noData: null },
      { filePath: '/up/c.tif', sourceNoData: -9999, noData: -9999 },
    ];
    expect(warningsAfterNormalisation(UPLOAD_WARNINGS.slice(0, 2), files)).toEqual([
      { code: 'NODATA_UNSET', message: 'b.tif: no noData value is set' },
    ]);
  });
});
