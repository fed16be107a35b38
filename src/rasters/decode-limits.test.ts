import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { InvalidTiffError, LimitExceededError } from '../errors.js';
import { openGeoTiff } from './geotiff-reader.js';

const cogeo = (): string => sharedDataFile('geotiff-edge-cases/cogeo.tif');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rskd-limits-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parsing and decoding limits of openGeoTiff', () => {
  it('refuses more IFDs than the limit (cogeo.tif has 7 images)', async () => {
    const opening = openGeoTiff(cogeo(), { limits: { maxIfds: 2 } });
    await expect(opening).rejects.toThrow(LimitExceededError);
    await expect(opening).rejects.toThrow(
      'cogeo.tif: more than 2 IFDs (images) in the file, above the limit',
    );
  });

  it('refuses an IFD chain that loops back on itself', async () => {
    // byte.tif (GDAL): one IFD at byte 408; point its next-IFD offset back to 408.
    const file = path.join(dir, 'loop.tif');
    await copyFile(sharedDataFile('geotiff-edge-cases/byte.tif'), file);
    const handle = await open(file, 'r+');
    const count = Buffer.alloc(2);
    await handle.read(count, 0, 2, 408);
    const next = Buffer.alloc(4);
    next.writeUInt32LE(408);
    await handle.write(next, 0, 4, 408 + 2 + count.readUInt16LE() * 12);
    await handle.close();
    const opening = openGeoTiff(file);
    await expect(opening).rejects.toThrow(InvalidTiffError);
    await expect(opening).rejects.toThrow('loop.tif: the IFD chain loops back to byte 408');
  });

  it('refuses more tiles than the limit in one image (4 tiles of 512 px)', async () => {
    await expect(openGeoTiff(cogeo(), { limits: { maxBlocks: 3 } })).rejects.toThrow(
      'cogeo.tif: 4 tiles in one image, above the limit of 3',
    );
  });

  it('refuses blocks that decode to more bytes than the limit', async () => {
    await expect(openGeoTiff(cogeo(), { limits: { maxBlockBytes: 65_536 } })).rejects.toThrow(
      'cogeo.tif: one block of 512×512 pixels decodes to 786432 bytes, above the limit of ' +
        '65536 bytes',
    );
  });

  it('stops a window read that runs past its time limit', async () => {
    const file = sharedDataFile('geotiff-edge-cases/world.byte.tif');
    const reader = await openGeoTiff(file, { limits: { maxReadMs: 1 } });
    const reading = reader.readWindow({ x: 0, y: 0, width: 2880, height: 1200 }, { bandIndex: 0 });
    await expect(reading).rejects.toThrow(LimitExceededError);
    await expect(reading).rejects.toThrow(
      'world.byte.tif: a window read took longer than the limit of 1 ms',
    );
    await reader.close();
  });
});
