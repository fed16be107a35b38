import { stat } from 'node:fs/promises';

import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { createBlockReader } from './block-reader.js';
import { Deadline } from './decode-limits.js';
import { noDataRule } from './nodata.js';

describe('BlockReader on a multi-band pixel-interleaved LZW file (rgb_lzw.tif, 12 tiles)', () => {
  it('fetches and decodes each tile once when the three bands are read concurrently', async () => {
    const file = sharedDataFile('geotiff-edge-cases/rgb_lzw.tif');
    const tiff = await fromFile(file);
    const image = await tiff.getImage();
    const fetchBlocks = image.source.fetch.bind(image.source);
    let fetches = 0;
    image.source.fetch = (slices, signal) => {
      fetches++;
      return fetchBlocks(slices, signal);
    };
    const blocks = await createBlockReader(image, 'rgb_lzw.tif', 'uint8', {
      fileSizeBytes: (await stat(file)).size,
      maxBlockBytes: 1 << 20,
    });
    const options = { noData: noDataRule(null, 'uint8'), deadline: new Deadline('x', 10_000) };
    const whole = { x: 0, y: 0, width: 791, height: 718 };
    const bands = await Promise.all([0, 1, 2].map((b) => blocks.readRegion(whole, b, options)));
    const again = await blocks.readRegion(whole, 2, options);
    // GDAL: band 1 (395, 359) = 18, band 3 (395, 359) = 14 and (263, 478) = 29.
    expect([
      bands[0]![359 * 791 + 395],
      bands[2]![359 * 791 + 395],
      again[478 * 791 + 263],
    ]).toEqual([18, 14, 29]);
    expect(fetches).toBe(12);
    await tiff.close();
  });
});
