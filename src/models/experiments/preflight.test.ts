import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { experimentData } from './experiment-data.js';
import { validateExperiment } from './experiment-schema.js';
import { MAX_NETWORK_PARAMETERS, preflightExperiment } from './preflight.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm' });
});

const mlp = (hidden: number[]) => ({ className: 'MLP', config: { hidden } });

function experimentWith(overrides: Record<string, unknown>) {
  return validateExperiment({
    name: 'preflight',
    dataset: { simulate: { sensor: 'landsat-8', sampleCount: 400, seed: 1 } },
    teacher: { architecture: mlp([32, 16]) },
    students: [{ id: 's', architecture: mlp([8, 16]) }],
    methods: [{ id: 'kd', method: 'response-mse' }],
    ...overrides,
  });
}

describe('preflightExperiment', () => {
  it('passes feature methods whose layers line up and learned regressors that bridge widths', () => {
    const experiment = experimentWith({
      methods: [
        { id: 'hint', method: 'hint' },
        { id: 'fitnets', method: 'fitnets' },
        { id: 'rkd', method: 'rkd' },
        { id: 'tb', method: 'teacher-bounded' },
      ],
    });
    expect(() => preflightExperiment(experiment, data)).not.toThrow();
  });

  it('checks both links of a teacher-assistant chain', () => {
    const experiment = experimentWith({
      methods: [{ id: 'ta', method: 'hint', scheme: 'ta-chain', assistant: mlp([32, 32]) }],
    });
    // The assistant's last layer (32) against the teacher's (16).
    expect(() => preflightExperiment(experiment, data)).toThrow(
      'methods.0 (ta) assistant: hint: shapes differ, [2, 32] vs [2, 16]',
    );
  });

  it('refuses a network above the size limit before building it', () => {
    const wide = Math.ceil(Math.sqrt(MAX_NETWORK_PARAMETERS)) + 10;
    const experiment = experimentWith({ teacher: { architecture: mlp([wide, wide]) } });
    const started = performance.now();
    expect(() => preflightExperiment(experiment, data)).toThrow(
      /^teacher: \d+ parameters is above the limit of 10000000$/,
    );
    expect(performance.now() - started).toBeLessThan(100);
  });

  let data: Awaited<ReturnType<typeof experimentData>>;
  beforeAll(async () => {
    data = await experimentData(experimentWith({}));
  });
});
