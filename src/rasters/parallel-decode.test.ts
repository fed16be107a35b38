import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { CancelledError, UnsupportedRasterError } from '../errors.js';
import { crsFromEpsg } from './crs.js';
import { openGeoTiff } from './geotiff-reader.js';
import { writeGeoTiff } from './geotiff-writer.js';
import { decodeBandParallel } from './parallel-decode.js';

/** The whole band through the window reader, the reference the parallel decode must match. */
async function readWhole(file: string, bandIndex: number): Promise<Float32Array> {
  const reader = await openGeoTiff(file);
  try {
    const { width, height } = reader.info;
    return await reader.readWindow({ x: 0, y: 0, width, height }, { bandIndex });
  } finally {
    await reader.close();
  }
}

/** Index of the first pixel whose float32 bits differ (NaN equals NaN), or -1. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  }
  return -1;
}

describe('decodeBandParallel', () => {
  let dir: string;
  let lstFile: string;
  let twoBandFile: string;
  const width = 700;
  const height = 530;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rskd-parallel-'));
    const lst = new Float32Array(width * height);
    const emissivity = new Float32Array(width * height);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        lst[row * width + col] = 280 + col * 0.05 + row * 0.01;
        emissivity[row * width + col] = 0.95 + ((col * 7 + row) % 40) / 1000;
      }
    }
    lst[0] = NaN;
    lst[width * height - 1] = 333.25;
    const common = {
      width,
      height,
      geoTransform: [452475, 30, 0, 3408645, 0, -30] as const,
      crs: crsFromEpsg(32616),
      noData: -9999,
      tileSizePx: 256 as const,
    };
    lstFile = path.join(dir, 'lst.tif');
    await writeGeoTiff(lstFile, { ...common, bands: [lst] });
    twoBandFile = path.join(dir, 'two-band.tif');
    await writeGeoTiff(twoBandFile, { ...common, bands: [lst, emissivity] });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('decodes a DEFLATE + predictor 3 float32 band on two workers exactly as readWindow does', async () => {
    const decoded = await decodeBandParallel(lstFile, { workers: 2 });
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Number.isNaN(decoded.data[0])).toBe(true);
    expect(decoded.data[1]).toBeCloseTo(280.05, 4);
    expect(decoded.data[width * height - 1]).toBe(333.25);
    expect(firstDifference(decoded.data, await readWhole(lstFile, 0))).toBe(-1);
  });

  it('decodes the second band of a chunky two-band file like readWindow', async () => {
    const decoded = await decodeBandParallel(twoBandFile, { bandIndex: 1, workers: 2 });
    expect(decoded.data[width + 1]).toBeCloseTo(0.958, 6);
    expect(firstDifference(decoded.data, await readWhole(twoBandFile, 1))).toBe(-1);
  });

  it('decodes an uncompressed striped Landsat uint16 band like readWindow', async () => {
    const file = sharedDataFile(
      'landsat-l2-surface-temperature/LC08_L2SP_008059_20191201_20200825_02_T1/' +
        'LC08_L2SP_008059_20191201_20200825_02_T1_ST_B10.TIF',
    );
    const decoded = await decodeBandParallel(file, { workers: 2 });
    expect([decoded.width, decoded.height]).toEqual([512, 512]);
    expect(firstDifference(decoded.data, await readWhole(file, 0))).toBe(-1);
  });

  it('decodes a DEFLATE RGB byte image band like readWindow', async () => {
    const file = sharedDataFile('geotiff-edge-cases/rgb_deflate.tif');
    const decoded = await decodeBandParallel(file, { bandIndex: 2 });
    expect(firstDifference(decoded.data, await readWhole(file, 2))).toBe(-1);
  });

  it('stops with CancelledError when the signal fires during the call, and decodes again afterwards', async () => {
    const controller = new AbortController();
    const running = decodeBandParallel(lstFile, { workers: 2, signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toThrow(CancelledError);
    const again = await decodeBandParallel(lstFile, { workers: 2 });
    expect(again.data[width * height - 1]).toBe(333.25);
  });

  it('refuses an LZW file, naming the file and the compression', async () => {
    const file = sharedDataFile('geotiff-edge-cases/rgb_lzw.tif');
    const failure = decodeBandParallel(file);
    await expect(failure).rejects.toThrow(UnsupportedRasterError);
    await expect(failure).rejects.toThrow(
      'rgb_lzw.tif: compression 5 is not decoded in parallel (only none and DEFLATE)',
    );
  });
});
