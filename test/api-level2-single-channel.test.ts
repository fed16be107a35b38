/**
 * Single-channel LST through the API on the three shared Landsat 8 Collection 2 Level-2 scenes,
 * with water vapour per pixel from ST_ATRAN (`from-transmittance`) and at the constant 2 g/cm2,
 * each compared with USGS ST_B10 pixel by pixel.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobJson, SceneJson, TestServer } from './api-helpers.js';
import {
  json,
  partsFrom,
  postJson,
  requireData,
  startTestServer,
  uploadScene,
  waitForJob,
} from './api-helpers.js';

const L2_ROOT = '../shared/data/landsat-l2-surface-temperature';

/** QA_PIXEL bit 6: clear (no cloud, no cloud shadow…), Landsat 8-9 C2 L2 guide LSDS-1619. */
const CLEAR_BIT = 6;

/** Fewer clear pixels than this and the comparison uses every ST_B10 > 250 K pixel instead. */
const MIN_CLEAR_PIXELS = 1000;

interface Fit {
  n: number;
  bias: number;
  rmse: number;
}

interface SceneCase {
  scene: string;
  /** Which pixels the comparison keeps (see MIN_CLEAR_PIXELS). */
  selection: 'clear' | 'st-above-250';
  /** Median w from ST_ATRAN, g/cm2. */
  waterVapourMedianGcm2: number;
  fromTransmittance: Fit;
  constant2: Fit;
}

// Measured single-channel minus ST_B10 (K). Jiménez-Muñoz et al. 2014 report ~1-2 K for the
// single-channel with accurate w, but their ψ fits are accurate up to ~3 g/cm2 only, and these
// scenes' ST_ATRAN (0.34-0.57) means w of 3.9-6.6 g/cm2: there the fitted L↑/τ exceeds USGS's
// (on 008059, ψ2 + ψ3 = −16.1 W/(m2 sr um) vs −14.2 from ST_URAD/ST_DRAD/ST_ATRAN), and the 1/τ
// ≈ 2.8 amplification turns that into 5-17 K. With USGS's own τ, L↑, L↓ as the ψ the same
// linearisation is within 0.7-1.1 K of ST_B10 (checked with GDAL/numpy): the error is the ψ(w)
// fit, not the inversion of τ. So the bounds are the measured figures ± 0.5 K (a regression
// guard), not the paper's 1-2 K.
const CASES: SceneCase[] = [
  {
    // 62 clear pixels only (a cloudy Amazon scene): every non-fill pixel above 250 K.
    scene: 'LC08_L2SP_001062_20201031_20201106_02_T2',
    selection: 'st-above-250',
    waterVapourMedianGcm2: 6.55,
    fromTransmittance: { n: 29_215, bias: -16.55, rmse: 16.58 },
    constant2: { n: 29_215, bias: 7.83, rmse: 11.0 },
  },
  {
    scene: 'LC08_L2SP_008059_20191201_20200825_02_T1',
    selection: 'clear',
    waterVapourMedianGcm2: 6.42,
    fromTransmittance: { n: 28_437, bias: -14.22, rmse: 14.32 },
    constant2: { n: 28_437, bias: -10.95, rmse: 11.32 },
  },
  {
    // No clear pixel at all: every non-fill pixel above 250 K.
    scene: 'LC08_L2SP_017036_20130419_20200913_02_T2',
    selection: 'st-above-250',
    waterVapourMedianGcm2: 3.96,
    fromTransmittance: { n: 3_284, bias: -5.57, rmse: 5.59 },
    constant2: { n: 3_284, bias: 6.29, rmse: 7.29 },
  },
];

describe('single-channel LST on the Level-2 scenes against ST_B10', () => {
  let server: TestServer;

  beforeAll(async () => {
    requireData(L2_ROOT);
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  const upload = async (dir: string, keep: (name: string) => boolean = () => true) => {
    const names = (await readdir(dir)).filter((name) => !name.endsWith('.aux.xml') && keep(name));
    return json<SceneJson>(uploadScene(server.url, await partsFrom(dir, names.sort())));
  };

  const product = async (sceneId: string, body: Record<string, unknown>) => {
    const response = await postJson(`${server.url}/api/scenes/${sceneId}/products`, body);
    const accepted = (await response.json()) as { jobId: string; parameters: object };
    if (response.status !== 202) throw new Error(`POST answered ${response.status}`);
    const job: JobJson = await waitForJob(server.url, accepted.jobId);
    if (job.state !== 'succeeded') throw new Error(`job ${job.state}: ${job.error?.message}`);
    const id = job.result!.productId;
    const file = path.join(server.dataDir, `${id}.check.tif`);
    const bytes = await (await fetch(`${server.url}/api/products/${id}/download`)).arrayBuffer();
    await writeFile(file, Buffer.from(bytes));
    return { accepted, values: await firstBand(file) };
  };

  it.each(CASES)(
    '$scene: from-transmittance bias $fromTransmittance.bias K ($selection pixels)',
    async (expected) => {
      const dir = path.join(L2_ROOT, expected.scene);
      requireData(dir);
      const scene = await upload(dir);
      const st = (
        await product(scene.id, { product: 'lst', method: 'level2', parameters: { mask: [] } })
      ).values;
      const qaFile = (await readdir(dir)).find((name) => name.endsWith('_QA_PIXEL.TIF'))!;
      const qa = await firstBand(path.join(dir, qaFile));
      const clear = (i: number) => ((qa[i]! >> CLEAR_BIT) & 1) === 1;
      const clearCount = qa.filter((_, i) => clear(i)).length;
      expect(clearCount >= MIN_CLEAR_PIXELS).toBe(expected.selection === 'clear');
      const keep = expected.selection === 'clear' ? clear : (i: number) => st[i]! > 250;

      const transmittance = await product(scene.id, {
        product: 'lst',
        method: 'single-channel',
        parameters: { waterVapourSource: 'from-transmittance', mask: [] },
      });
      expect(transmittance.accepted.parameters).toMatchObject({
        waterVapourSource: 'from-transmittance',
        transmittanceBand: 'ST_ATRAN',
        waterVapourCoefficients: 'jimenez-munoz-2014-tirs-b10',
      });
      expectFit(compare(transmittance.values, st, keep), expected.fromTransmittance);

      const constant = await product(scene.id, {
        product: 'lst',
        method: 'single-channel',
        parameters: { mask: [] },
      });
      expect(constant.accepted.parameters).toMatchObject({
        waterVapourSource: 'constant',
        waterVapourGcm2: 2,
        waterVapourDefaulted: true,
      });
      expectFit(compare(constant.values, st, keep), expected.constant2);

      const water = await product(scene.id, {
        product: 'water-vapour',
        method: 'from-transmittance',
        parameters: { mask: [] },
      });
      expect(median(water.values)).toBeCloseTo(expected.waterVapourMedianGcm2, 1);
    },
  );

  it('refuses from-transmittance water vapour on a Level-2 scene uploaded without ST_ATRAN', async () => {
    const dir = path.join(L2_ROOT, 'LC08_L2SP_008059_20191201_20200825_02_T1');
    const scene = await upload(dir, (name) => !name.includes('ST_ATRAN'));
    const response = await postJson(`${server.url}/api/scenes/${scene.id}/products`, {
      product: 'lst',
      method: 'single-channel',
      parameters: { waterVapourSource: 'from-transmittance' },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toContain('water vapour from transmittance needs');
    expect(body.error.message).toContain('ST_ATRAN');
  });
});

function expectFit(fit: Fit, expected: Fit): void {
  expect(fit.n).toBe(expected.n);
  expect(Math.abs(fit.bias - expected.bias)).toBeLessThan(0.5);
  expect(fit.rmse).toBeLessThan(expected.rmse + 0.5);
}

async function firstBand(file: string): Promise<Float32Array | Uint16Array> {
  const image = await (await fromFile(file)).getImage();
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as Float32Array[];
  return band!;
}

function compare(
  values: ArrayLike<number>,
  reference: ArrayLike<number>,
  keep: (i: number) => boolean,
): Fit {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const difference = values[i]! - reference[i]!;
    if (!keep(i) || !Number.isFinite(difference)) continue;
    n += 1;
    sum += difference;
    sumSquares += difference * difference;
  }
  return { n, bias: sum / n, rmse: Math.sqrt(sumSquares / n) };
}

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
