import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { UnsupportedRasterError } from '../errors.js';
import { openGeoTiff } from './geotiff-reader.js';
import { ycbcrConversionOf, ycbcrToRgbInPlace } from './ycbcr.js';

const COGEO = 'geotiff-edge-cases/cogeo.tif';

/**
 * R,G,B of `/usr/bin/gdallocationinfo -valonly cogeo.tif X Y` (GDAL converts JPEG YCbCr to RGB
 * with libjpeg, whose "fancy" chroma upsampling differs from geotiff.js's nearest chroma; over
 * the whole image the difference is mean 0.32, 99th percentile 3, max 13 at sharp edges).
 */
const GDAL_FULL_RESOLUTION: [x: number, y: number, rgb: number[]][] = [
  [512, 512, [168, 195, 212]],
  [0, 0, [228, 226, 231]],
  [100, 900, [35, 53, 65]],
  [1023, 1023, [88, 97, 104]],
  [300, 700, [143, 149, 145]],
  [700, 300, [232, 232, 232]],
];

/** R,G,B of `gdallocationinfo -valonly -oo OVERVIEW_LEVEL=0 cogeo.tif X Y` (512×512 overview). */
const GDAL_OVERVIEW_512: [x: number, y: number, rgb: number[]][] = [
  [50, 450, [39, 57, 69]],
  [500, 20, [109, 123, 124]],
];

async function readRgb(
  x: number,
  y: number,
  scale: number,
): Promise<{ rgb: number[]; bandCount: number }> {
  const reader = await openGeoTiff(sharedDataFile(COGEO));
  const window = { x: x * scale, y: y * scale, width: scale, height: scale };
  const rgb: number[] = [];
  for (const bandIndex of [0, 1, 2]) {
    const values = await reader.readWindow(window, { bandIndex, outWidth: 1, outHeight: 1 });
    rgb.push(values[0] ?? NaN);
  }
  const { bandCount } = reader.info;
  await reader.close();
  return { rgb, bandCount };
}

function expectWithin(actual: number[], expected: number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - (expected[i] ?? NaN))).toBeLessThanOrEqual(tolerance);
  });
}

describe('openGeoTiff on JPEG-compressed YCbCr (cogeo.tif)', () => {
  it('returns RGB, not Y/Cb/Cr: pixel (512, 512) is 168/195/212 like GDAL, within ±2', async () => {
    const { rgb, bandCount } = await readRgb(512, 512, 1);
    expect(bandCount).toBe(3);
    expect(rgb).toEqual([168, 195, 212]);
  });

  it.each(GDAL_FULL_RESOLUTION)(
    'reads full-resolution pixel (%i, %i) within ±2 of GDAL R/G/B %j',
    async (x, y, expected) => {
      const { rgb } = await readRgb(x, y, 1);
      expectWithin(rgb, expected, 2);
    },
  );

  it.each(GDAL_OVERVIEW_512)(
    'reads the 512×512 overview pixel (%i, %i) within ±2 of GDAL R/G/B %j',
    async (x, y, expected) => {
      const { rgb } = await readRgb(x, y, 2);
      expectWithin(rgb, expected, 2);
    },
  );
});

describe('ycbcrToRgbInPlace (JFIF 1.02)', () => {
  it('maps neutral chroma to grey and clamps saturated red to 255/0', () => {
    const bytes = Uint8Array.from([128, 128, 128, 200, 128, 255, 10, 255, 128]);
    ycbcrToRgbInPlace(bytes, 3);
    // 200 + 1.402·127 = 378 → 255; 200 − 0.714136·127 = 109.3 → 109; 10 + 1.772·127 = 235.0
    // 10 − 0.344136·127 = −33.7 → 0
    expect(Array.from(bytes)).toEqual([128, 128, 128, 255, 109, 200, 10, 0, 235]);
  });
});

describe('ycbcrConversionOf', () => {
  const jpeg = {
    photometric: 6,
    compression: 7,
    samplesPerPixel: 3,
    planarConfiguration: 1,
    sampleType: 'uint8' as const,
    subsampling: [2, 2],
  };

  it('converts JPEG YCbCr and leaves RGB images alone', () => {
    expect(ycbcrConversionOf(jpeg, 'a.tif')).toBe(true);
    expect(ycbcrConversionOf({ ...jpeg, photometric: 2 }, 'a.tif')).toBe(false);
  });

  it('refuses DEFLATE YCbCr with 2×2 subsampling, naming the compression and subsampling', () => {
    expect(() => ycbcrConversionOf({ ...jpeg, compression: 8 }, 'y.tif')).toThrow(
      UnsupportedRasterError,
    );
    expect(() => ycbcrConversionOf({ ...jpeg, compression: 8 }, 'y.tif')).toThrow(
      'y.tif: YCbCr (PhotometricInterpretation 6) with compression 8 and chroma subsampling 2×2 ' +
        'is not supported',
    );
  });

  it('refuses planar JPEG YCbCr', () => {
    expect(() => ycbcrConversionOf({ ...jpeg, planarConfiguration: 2 }, 'p.tif')).toThrow(
      'p.tif: JPEG YCbCr needs 3 interleaved uint8 samples; found 3 uint8 samples, ' +
        'PlanarConfiguration 2',
    );
  });
});
