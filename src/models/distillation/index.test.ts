import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { createDistillationMethod, DISTILLATION_METHODS, methodsForTask } from './index.js';
import { scalarOf, useCpuBackend } from './test-setup.js';
import type { DistillationContext, DistillationTask } from './types.js';

beforeAll(useCpuBackend);

/** Methods on CNN feature maps: their classification case uses a CNN (maps), not an MLP. */
const MAP_METHODS = new Set(['attention-transfer', 'nst']);

function contextFor(task: DistillationTask, methodId = ''): DistillationContext {
  const seeded = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
  const maps = MAP_METHODS.has(methodId);
  if (task === 'dense') {
    return {
      studentOutput: seeded([2, 8, 8, 2], 1),
      teacherOutput: seeded([2, 8, 8, 2], 2),
      target: seeded([2, 8, 8, 2], 3),
      teacherVariance: tf.fill([2, 8, 8, 2], 0.5),
      studentFeatures: [seeded([2, 8, 8, 4], 4)],
      teacherFeatures: [seeded([2, 8, 8, 6], 5)],
    };
  }
  const outputs = task === 'classification' ? 3 : 2;
  return {
    studentOutput: seeded([4, outputs], 1),
    teacherOutput: seeded([4, outputs], 2),
    target:
      task === 'classification' ? tf.tensor1d([0, 1, 2, 1], 'int32') : seeded([4, outputs], 3),
    teacherVariance: tf.fill([4, outputs], 0.5),
    studentFeatures: [seeded(maps ? [4, 4, 4, 3] : [4, 5], 4)],
    teacherFeatures: [seeded(maps ? [4, 4, 4, 6] : [4, 8], 5)],
  };
}

describe('DISTILLATION_METHODS', () => {
  it('cites a source and names its tasks for every method', () => {
    for (const method of Object.values(DISTILLATION_METHODS)) {
      expect(method.citation).toMatch(/(19|20)\d\d/);
      expect(method.tasks.length).toBeGreaterThan(0);
    }
  });

  it('never offers CNN-map or structured losses for per-pixel regression', () => {
    const perPixel = methodsForTask('regression');
    for (const id of ['attention-transfer', 'nst', 'pairwise', 'holistic', 'hinton-kd', 'dkd']) {
      expect(perPixel).not.toContain(id);
    }
    expect(perPixel).toEqual(
      expect.arrayContaining(['response-mse', 'fitnets', 'teacher-bounded', 'pseudo-label']),
    );
  });

  it('gives a finite loss for every method on each task it applies to', () => {
    for (const method of Object.values(DISTILLATION_METHODS)) {
      for (const task of method.tasks) {
        const instance = createDistillationMethod(method.id, task);
        const ctx = contextFor(task, method.id);
        // The hint loss needs equal shapes (no regressor): use a teacher feature of the student's shape.
        if (method.id === 'hint') ctx.teacherFeatures = [tf.add(ctx.studentFeatures[0]!, 0.5)];
        const params: Record<string, number> = method.id.startsWith('response-')
          ? { varianceWeighting: 1 }
          : {};
        const value = scalarOf(instance.loss(ctx, params));
        expect(Number.isFinite(value), `${method.id} on ${task}`).toBe(true);
        instance.dispose?.();
      }
    }
  });

  it('gives each run its own learned variables', () => {
    const ctx = contextFor('regression');
    const first = createDistillationMethod('fitnets', 'regression');
    const second = createDistillationMethod('fitnets', 'regression');
    expect(first.extraVariables!(ctx)[0]).not.toBe(second.extraVariables!(ctx)[0]);
  });

  it('rejects unknown ids and tasks a method does not apply to', () => {
    expect(() => createDistillationMethod('kd', 'classification')).toThrow(
      'unknown distillation method "kd"',
    );
    expect(() => createDistillationMethod('pairwise', 'regression')).toThrow(
      'distillation method "pairwise" does not apply to regression (it applies to dense)',
    );
  });
});
