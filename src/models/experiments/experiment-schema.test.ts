import { describe, expect, it } from 'vitest';
import { parseExperiment } from './experiment-schema.js';

const VALID = `
name: l8
dataset: { simulate: { sensor: landsat-8, sampleCount: 1000 } }
teacher: { architecture: { className: MLP, config: { hidden: [32] } } }
students: [{ id: s, architecture: { className: MLP, config: { hidden: [8] } } }]
methods: [{ id: kd, method: response-mse }]
`;

describe('parseExperiment', () => {
  it('fills defaults: offline scheme, alpha 0.5, seeds 1, 2, 3, 20 epochs', () => {
    const experiment = parseExperiment(VALID, 'l8.yaml');
    expect(experiment.methods[0]).toMatchObject({ scheme: 'offline', alpha: 0.5 });
    expect(experiment.seeds).toEqual([1, 2, 3]);
    expect(experiment.training.epochs).toBe(20);
  });

  it("keeps the experiment's training values where the teacher overrides only some", () => {
    const text = VALID.replace(
      'teacher: { architecture: { className: MLP, config: { hidden: [32] } } }',
      'teacher: { architecture: { className: MLP, config: { hidden: [32] } }, training: { epochs: 60 } }',
    ).concat('training: { epochs: 10, batchSize: 64, learningRate: 0.01, patience: 3 }\n');
    const experiment = parseExperiment(text, 'l8.yaml');
    expect(experiment.teacher.training).toEqual({ epochs: 60 });
    expect({ ...experiment.training, ...experiment.teacher.training }).toEqual({
      epochs: 60,
      batchSize: 64,
      learningRate: 0.01,
      patience: 3,
    });
  });

  it('refuses an unknown key with its path in one line', () => {
    const text = VALID.replace('method: response-mse', 'method: response-mse, lr: 0.1');
    expect(() => parseExperiment(text, 'l8.yaml')).toThrow('l8.yaml: methods.0: unknown key "lr"');
  });

  it('refuses fewer than three seeds', () => {
    expect(() => parseExperiment(`${VALID}seeds: [1, 2]\n`, 'l8.yaml')).toThrow(
      'l8.yaml: seeds: Too small: expected array to have >=3 items',
    );
  });

  it('refuses a dataset with both simulate and file, and broken YAML', () => {
    const both = VALID.replace('sampleCount: 1000 } }', 'sampleCount: 1000 }, file: a.rskdsim }');
    expect(() => parseExperiment(both, 'x.yaml')).toThrow(
      'x.yaml: dataset: give exactly one of simulate or file',
    );
    expect(() => parseExperiment('name: [unclosed', 'bad.yaml')).toThrow(
      /^bad\.yaml: not valid YAML or JSON: /,
    );
  });

  it('refuses a ta-chain without an assistant and an unknown scheme', () => {
    const chain = VALID.replace('method: response-mse', 'method: response-mse, scheme: ta-chain');
    expect(() => parseExperiment(chain, 'x.yaml')).toThrow(
      'x.yaml: methods.0.assistant: scheme ta-chain needs an assistant architecture',
    );
    const unknown = VALID.replace('method: response-mse', 'method: response-mse, scheme: magic');
    expect(() => parseExperiment(unknown, 'x.yaml')).toThrow(/^x\.yaml: methods\.0\.scheme: /);
  });
});
