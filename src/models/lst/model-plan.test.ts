import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../test/helpers/shared-data.js';
import { assembleScene } from '../../rasters/scene.js';
import type { SceneDescription } from '../../rasters/scene-types.js';
import { singleChannelCoefficientsFor } from '../../retrieval/single-channel.js';
import { waterVapourForTransmittanceGcm2 } from '../../retrieval/water-vapour-transmittance.js';
import type { ModelMetadata } from '../serialize.js';
import { memoryCatalog, type CatalogModel } from './model-catalog.js';
import { planModelProduct, type ModelProductRequest } from './model-plan.js';
import { lstSetting, settingInputs } from './settings.js';

const L2_SCENE = 'LC08_L2SP_008059_20191201_20200825_02_T1';
const L1_SCENE = 'LC80200392015216LGN00';

async function sceneOf(folder: string): Promise<SceneDescription> {
  const dir = sharedDataFile(folder);
  const files = readdirSync(dir)
    .filter((name) => /\.(tif|txt)$/i.test(name))
    .map((name) => ({ path: path.join(dir, name), fileName: name }));
  return assembleScene(files);
}

const level2 = sceneOf(`landsat-l2-surface-temperature/${L2_SCENE}`);
const level1 = sceneOf(`landsat-l1-thermal/${L1_SCENE}`);
const level2Scene = await level2;

/** A default student of a setting, held in memory (its weights are never loaded here). */
function defaultStudent(settingId: string): CatalogModel {
  const setting = lstSetting(settingId);
  const metadata: ModelMetadata = {
    id: `${settingId}-student`,
    name: 'student',
    task: 'lst-lse',
    inputs: settingInputs(setting).map((name) => ({ name, mean: 0, std: 1, unit: '' })),
    outputs: setting.targets.map((name) => ({ name, unit: '' })),
    sensor: 'landsat-8',
    trainingDataHash: 'a'.repeat(64),
    commandLine: 'vitest',
    method: 'response-mse',
    hyperParameters: {},
    metrics: {},
    teacherId: null,
    createdAt: '2026-12-04T00:00:00Z',
  };
  return { id: metadata.id, setting, role: 'student', metadata, parameters: 2642, location: null };
}

const request: ModelProductRequest = {
  product: 'lst',
  method: 'student',
  parameters: { mask: [] },
};

/** One block of three pixels: ST_ATRAN DN 5000 (τ 0.5), 3540 (τ 0.354) and fill (NaN). */
function block(): Map<string, Float32Array> {
  return new Map([
    ['ST_TRAD', Float32Array.of(9000, 9500, 9200)],
    ['ST_ATRAN', Float32Array.of(5000, 3540, Number.NaN)],
    ['SR_B4', Float32Array.of(9000, 9000, 9000)],
    ['SR_B5', Float32Array.of(20000, 20000, 20000)],
  ]);
}

describe('network LST on a Level-2 scene with ST_ATRAN', () => {
  it('runs the B10 + water vapour + NDVI default with w per pixel from ST_ATRAN', async () => {
    const catalog = memoryCatalog([
      defaultStudent('landsat-b10-wv-ndvi'),
      defaultStudent('landsat-b10-ndvi'),
    ]);
    const plan = planModelProduct(await level2, request, catalog);
    expect(plan.parameters['setting']).toBe('landsat-b10-wv-ndvi');
    expect(plan.parameters['waterVapourSource']).toBe('from-transmittance');
    expect(plan.parameters['waterVapourRangeGcm2']).toEqual([0.2, 6]);
    expect(plan.parameters['settingsWithoutDefault']).toBeUndefined();
    expect(plan.inputs).toEqual(['ST_TRAD', 'ST_ATRAN', 'SR_B4', 'SR_B5']);
    expect(plan.featureCount).toBe(3);

    const features = plan.features(block());
    const w = [features[1], features[4], features[7]];
    const tirs = singleChannelCoefficientsFor('landsat8-oli-tirs')!;
    // τ 0.5 → ψ1 = 2 → w = 4.601 g/cm2 (TIRS B10 row of Jiménez-Muñoz et al. 2014).
    expect(w[0]).toBeCloseTo(waterVapourForTransmittanceGcm2(0.5, tirs), 5);
    expect(w[0]).toBeCloseTo(4.601, 3);
    // τ 0.354 → 6.36 g/cm2, above the simulator's 6 g/cm2: clamped; fill stays NaN.
    expect(w[1]).toBe(6);
    expect(w[2]).toBeNaN();
    expect(plan.finalNotes()).toEqual([
      'water vapour of 1 pixels above 6 g/cm2 and 0 below 0.2 g/cm2 was clamped to the training ' +
        'range (the network would extrapolate there)',
    ]);
  });

  it('uses a given waterVapourGcm2 for every pixel instead of ST_ATRAN', async () => {
    const catalog = memoryCatalog([defaultStudent('landsat-b10-wv-ndvi')]);
    const given = { ...request, parameters: { mask: [], waterVapourGcm2: 3 } };
    const plan = planModelProduct(await level2, given, catalog);
    expect(plan.parameters['waterVapourSource']).toBe('constant');
    expect(plan.parameters['waterVapourGcm2']).toBe(3);
    expect(plan.parameters['waterVapourDefaulted']).toBe(false);
    expect(plan.inputs).not.toContain('ST_ATRAN');
    const features = plan.features(block());
    expect([features[1], features[4], features[7]]).toEqual([3, 3, 3]);
    // Nothing was clamped, so no note says so.
    expect([...plan.notes, ...plan.finalNotes()].join(' ')).not.toMatch(
      /water vapour clamped|g\/cm2 clamped|above 6 g/,
    );
  });

  it('falls back to the B10 + NDVI default and says so while the first has none', async () => {
    const catalog = memoryCatalog([defaultStudent('landsat-b10-ndvi')]);
    const plan = planModelProduct(await level2, request, catalog);
    expect(plan.parameters['setting']).toBe('landsat-b10-ndvi');
    expect(plan.parameters['model']).toBe('landsat-b10-ndvi-student');
    expect(plan.parameters['settingsWithoutDefault']).toEqual(['landsat-b10-wv-ndvi']);
    expect(plan.inputs).not.toContain('ST_ATRAN');
    expect(plan.notes[1]).toBe(
      'no default student model is installed for setting landsat-b10-wv-ndvi, which fits this ' +
        'scene first; the default of landsat-b10-ndvi ran instead',
    );
  });

  it('refuses covariance-ratio water vapour for a network', async () => {
    const catalog = memoryCatalog([defaultStudent('landsat-b10-wv-ndvi')]);
    const covariance = { ...request, parameters: { waterVapourSource: 'covariance-ratio' } };
    const scene = await level2;
    expect(() => planModelProduct(scene, covariance as never, catalog)).toThrow(
      'network LST reads water vapour per pixel without a moving window',
    );
  });

  it('refuses the model on a Level-1 scene, naming the level and bands it needs', async () => {
    const catalog = memoryCatalog([defaultStudent('landsat-b10-wv-ndvi')]);
    const named = { ...request, model: 'landsat-b10-wv-ndvi-student' };
    const scene = await level1;
    expect(() => planModelProduct(scene, named, catalog)).toThrow(
      'model landsat-b10-wv-ndvi-student (setting landsat-b10-wv-ndvi) needs a L2 scene ' +
        '(ST_TRAD + ST_ATRAN + SR_B4 + SR_B5), not L1; this scene has',
    );
  });

  it('refuses a student model for method teacher, naming its role', () => {
    const catalog = memoryCatalog([defaultStudent('landsat-b10-wv-ndvi')]);
    const teacher = {
      ...request,
      method: 'teacher' as const,
      model: 'landsat-b10-wv-ndvi-student',
    };
    expect(() => planModelProduct(level2Scene, teacher, catalog)).toThrow(
      'model landsat-b10-wv-ndvi-student is a student (role student, 2642 parameters), not a ' +
        'teacher: request method student to run it',
    );
  });

  it('takes the role of a registered model from its training method', () => {
    const student = defaultStudent('landsat-b10-wv-ndvi');
    const registered = (method: string): CatalogModel => ({
      ...student,
      id: `registered-${method}`,
      role: null,
      metadata: { ...student.metadata, method },
    });
    const catalog = memoryCatalog([registered('teacher'), registered('kd-mse')]);
    const asTeacher = { ...request, method: 'teacher' as const, model: 'registered-teacher' };
    expect(planModelProduct(level2Scene, asTeacher, catalog).parameters['role']).toBe('teacher');
    const distilled = { ...asTeacher, model: 'registered-kd-mse' };
    expect(() => planModelProduct(level2Scene, distilled, catalog)).toThrow(
      'model registered-kd-mse is a student (role registered student, trained by kd-mse, 2642 ' +
        'parameters), not a teacher: request method student to run it',
    );
  });

  it('words the refusal of a scene no setting fits by the product asked', () => {
    const catalog = memoryCatalog([defaultStudent('landsat-b10-wv-ndvi')]);
    const tm: SceneDescription = { ...level2Scene, sensor: 'landsat5-tm' };
    const emissivity = { ...request, product: 'emissivity' as const };
    expect(() => planModelProduct(tm, emissivity, catalog)).toThrow(
      /^student emissivity needs a Landsat 8\/9 scene with the bands of a setting/,
    );
  });
});
