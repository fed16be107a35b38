import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openGeoTiff } from '../src/rasters/geotiff-reader.js';
import {
  json,
  L1_DIR,
  partsFrom,
  requireData,
  startTestServer,
  uploadScene,
  type SceneJson,
  type TestServer,
} from './api-helpers.js';
import { cogValidationErrors } from './helpers/gdal-cog.js';
import { sharedDataFile } from './helpers/shared-data.js';

const L1_FILES = ['l8_B4.tif', 'l8_B5.tif', 'l8_B10.tif', 'l8_B11.tif', 'l8_MTL.txt'];

interface NormalisedLine {
  msg: string;
  file: string;
  bands: string[];
  noData: number | null;
  overviews: number;
  resampling: string;
  cogBytes: number;
}

describe('uploads are normalised to COGs on ingest', () => {
  let server: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    requireData(L1_DIR);
    server = await startTestServer({ logLines });
  });
  afterAll(async () => {
    await server.dispose();
  });

  const normalisedLines = (): NormalisedLine[] =>
    logLines
      .map((line) => JSON.parse(line) as NormalisedLine)
      .filter((line) => line.msg === 'band file normalised to COG');

  it('stores every band file of a Landsat scene as a valid COG with the fill value as noData', async () => {
    const response = await uploadScene(server.url, await partsFrom(L1_DIR, L1_FILES));
    expect(response.status).toBe(201);
    const scene = await json<SceneJson>(response);

    const sceneDir = path.join(server.dataDir, 'scenes', scene.id);
    const stored = (await readdir(sceneDir)).filter((name) => name.endsWith('.tif')).sort();
    expect(stored).toHaveLength(4);
    const files = stored.map((name) => path.join(sceneDir, name));
    const errors = cogValidationErrors(files);
    expect(files.map((file) => errors[file])).toEqual(files.map(() => []));

    const reader = await openGeoTiff(files[0] ?? '');
    expect(reader.info).toMatchObject({ sampleType: 'uint16', noData: 0, width: 627 });
    expect(reader.info.overviews).toEqual([
      { width: 314, height: 302 },
      { width: 157, height: 151 },
    ]);
    await reader.close();

    const lines = normalisedLines();
    expect(lines.map((line) => line.file).sort()).toEqual(L1_FILES.slice(0, 4).sort());
    expect(lines.every((line) => line.noData === 0 && line.overviews === 2)).toBe(true);
    expect(await readdir(path.join(server.dataDir, 'tmp'))).toEqual([]);

    // The uploads had no overviews and no noData; the stored COGs have both, so the scene
    // keeps no NO_OVERVIEWS and says which fill value became noData.
    const codes = scene.warnings.map((warning) => warning.code);
    expect(codes).not.toContain('NO_OVERVIEWS');
    expect(scene.warnings.find((warning) => warning.code === 'NODATA_UNSET')?.message).toBe(
      'l8_B4.tif: no noData value is set; the sensor fill value 0 is stored as noData ' +
        '(and 3 more files)',
    );
  });

  it('rewrites a multi-band GeoTIFF once, keeping its three bands in one COG', async () => {
    const rgb = sharedDataFile('geotiff-edge-cases/RGB.byte.tif');
    const before = normalisedLines().length;
    const response = await uploadScene(
      server.url,
      await partsFrom(path.dirname(rgb), ['RGB.byte.tif']),
    );
    expect(response.status).toBe(201);
    const scene = await json<SceneJson>(response);
    expect(scene.bands.map((band) => band.name)).toEqual(['b1', 'b2', 'b3']);

    const lines = normalisedLines().slice(before);
    expect(lines.map((line) => [line.file, line.bands])).toEqual([
      ['RGB.byte.tif', ['b1', 'b2', 'b3']],
    ]);
    const sceneDir = path.join(server.dataDir, 'scenes', scene.id);
    const [stored] = await readdir(sceneDir);
    const file = path.join(sceneDir, stored ?? '');
    expect(cogValidationErrors([file])[file]).toEqual([]);
    const reader = await openGeoTiff(file);
    expect([reader.info.bandCount, reader.info.sampleType, reader.info.noData]).toEqual([
      3,
      'uint8',
      0,
    ]);
    await reader.close();
  });
});
