import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../errors.js';
import { initBackend } from '../backend.js';
import { ARCHITECTURES, createNetwork, measureLatency, registerArchitecture } from './index.js';
import { tf } from '../tf.js';

beforeAll(async () => {
  expect((await initBackend({ prefer: 'wasm' })).name).toBe('wasm');
});

describe('MLP', () => {
  it('a 3→48→48→2 MLP has 2,642 parameters and 2 × 4,800 FLOPs per sample', () => {
    const network = createNetwork({
      className: 'MLP',
      config: { inputs: 3, hidden: [48, 48], outputs: 2 },
    });
    // (3·48 + 48) + (48·48 + 48) + (48·2 + 2) = 192 + 2352 + 98
    expect(network.parameterCount()).toBe(2642);
    expect(network.flopsPerSample()).toBe(2 * (3 * 48 + 48 * 48 + 48 * 2));
    network.dispose();
  });

  it('returns the prediction and one feature tensor per hidden layer', () => {
    const network = createNetwork({
      className: 'MLP',
      config: { inputs: 3, hidden: [8, 5], outputs: 2, activation: 'gelu' },
    });
    const x = tf.ones([4, 3]);
    const { output, features } = network.predict(x);
    expect(output.shape).toEqual([4, 2]);
    expect(features.map((f) => f.shape)).toEqual([
      [4, 8],
      [4, 5],
    ]);
    tf.dispose([x, output, ...features]);
    network.dispose();
  });

  it('softmax outputs sum to one per sample', () => {
    const network = createNetwork({
      className: 'MLP',
      config: { inputs: 2, hidden: [4], outputs: 5, outputActivation: 'softmax' },
    });
    const x = tf.tensor2d([
      [0.3, -2],
      [4, 1],
    ]);
    const { output, features } = network.predict(x);
    const sums = Array.from(tf.sum(output, 1).dataSync());
    expect(sums[0]).toBeCloseTo(1, 5);
    expect(sums[1]).toBeCloseTo(1, 5);
    tf.dispose([x, output, ...features]);
    network.dispose();
  });

  it('applies dropout only when training', () => {
    const network = createNetwork({
      className: 'MLP',
      config: { inputs: 3, hidden: [256], outputs: 1, dropout: 0.5 },
    });
    const x = tf.ones([8, 3]);
    const values = (training: boolean): number[] => {
      const { output, features } = network.predict(x, training);
      const data = Array.from(output.dataSync());
      tf.dispose([output, ...features]);
      return data;
    };
    expect(values(false)).toEqual(values(false));
    expect(values(true)).not.toEqual(values(false));
    x.dispose();
    network.dispose();
  });

  it('fills defaults into the spec it keeps', () => {
    const network = createNetwork({
      className: 'MLP',
      config: { inputs: 3, hidden: [4], outputs: 1 },
    });
    expect(network.spec.config).toEqual({
      inputs: 3,
      hidden: [4],
      outputs: 1,
      activation: 'relu',
      outputActivation: 'linear',
      dropout: 0,
    });
    network.dispose();
  });

  it('rejects an unknown activation with the field named', () => {
    expect(() =>
      createNetwork({
        className: 'MLP',
        config: { inputs: 3, hidden: [4], outputs: 1, activation: 'elu' },
      }),
    ).toThrow(/^invalid MLP config: activation: /);
  });

  it('rejects a misspelt config key instead of dropping it', () => {
    expect(() =>
      createNetwork({
        className: 'MLP',
        config: { inputs: 3, hidden: [4], outputs: 1, dropuot: 0.2 },
      }),
    ).toThrow(/^invalid MLP config: .*dropuot/);
    expect(() =>
      createNetwork({
        className: 'CNN',
        config: { inputShape: [8, 8, 3], filters: [4], outputs: 1, kernel: 3 },
      }),
    ).toThrow(/^invalid CNN config: .*kernel/);
  });
});

describe('CNN', () => {
  it('a per-pixel CNN maps 16×16×4 chips to 16×16×2 outputs with analytic FLOPs', () => {
    const network = createNetwork({
      className: 'CNN',
      config: { inputShape: [16, 16, 4], filters: [8, 8], outputs: 2 },
    });
    // conv0: 9·4·8 + 8 = 296; conv1: 9·8·8 + 8 = 584; head: 8·2 + 2 = 18
    expect(network.parameterCount()).toBe(898);
    expect(network.flopsPerSample()).toBe(2 * 256 * (9 * 4 * 8 + 9 * 8 * 8 + 8 * 2));
    const x = tf.ones([2, 16, 16, 4]);
    const { output, features } = network.predict(x);
    expect(output.shape).toEqual([2, 16, 16, 2]);
    expect(features.map((f) => f.shape)).toEqual([
      [2, 16, 16, 8],
      [2, 16, 16, 8],
    ]);
    tf.dispose([x, output, ...features]);
    network.dispose();
  });

  it('a global depthwise-separable CNN classifies chips into class probabilities', () => {
    const network = createNetwork({
      className: 'CNN',
      config: {
        inputShape: [8, 8, 3],
        filters: [6],
        depthwiseSeparable: true,
        outputs: 4,
        dense: 'global',
        outputActivation: 'softmax',
      },
    });
    // depthwise 9·3 + pointwise 3·6 + bias 6 = 51; dense 6·4 + 4 = 28
    expect(network.parameterCount()).toBe(79);
    expect(network.flopsPerSample()).toBe(2 * (64 * (9 * 3 + 3 * 6) + 6 * 4));
    const x = tf.randomUniform([3, 8, 8, 3]);
    const { output, features } = network.predict(x);
    expect(output.shape).toEqual([3, 4]);
    expect(tf.sum(output, 1).dataSync()[2]).toBeCloseTo(1, 5);
    tf.dispose([x, output, ...features]);
    network.dispose();
  });

  it('rejects an even kernel size', () => {
    expect(() =>
      createNetwork({
        className: 'CNN',
        config: { inputShape: [8, 8, 3], filters: [4], kernelSize: 4, outputs: 1 },
      }),
    ).toThrow('invalid CNN config: kernelSize: must be odd');
  });
});

describe('registry', () => {
  it('lists MLP and CNN and names the known ones for an unknown class', () => {
    expect(ARCHITECTURES.names()).toEqual(['MLP', 'CNN']);
    expect(() => createNetwork({ className: 'Transformer', config: {} })).toThrow(
      "unknown architecture 'Transformer'; known: MLP, CNN",
    );
  });

  it('refuses to register a name twice', () => {
    expect(() =>
      registerArchitecture('MLP', () => {
        throw new Error('unused');
      }),
    ).toThrow(InvalidParameterError);
  });
});

describe('measureLatency', () => {
  it('times a batch and reports a positive throughput', async () => {
    const network = createNetwork({
      className: 'MLP',
      config: { inputs: 3, hidden: [16], outputs: 2 },
    });
    const latency = await measureLatency(network, 1024, 3);
    expect(latency.batch).toBe(1024);
    expect(latency.minMs).toBeGreaterThan(0);
    expect(latency.medianMs).toBeGreaterThanOrEqual(latency.minMs);
    expect(latency.samplesPerSecond).toBeCloseTo((1024 / latency.medianMs) * 1000, 6);
    network.dispose();
  });
});
