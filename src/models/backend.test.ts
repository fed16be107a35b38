import { existsSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { InvalidParameterError } from '../errors.js';
import type { Logger } from '../logger.js';
import { backendFromEnv, initBackend } from './backend.js';
import { tf } from './tf.js';

/** A logger that records (level, message, fields) of every call. */
function recordingLogger(): { logger: Logger; lines: [string, string, object][] } {
  const lines: [string, string, object][] = [];
  const at =
    (level: string) =>
    (obj: object, msg = '') =>
      lines.push([level, msg, obj]);
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    lines,
  };
}

const tfjsNodeInstalled =
  existsSync('node_modules/@tensorflow/tfjs-node') ||
  existsSync('node_modules/@tensorflow/tfjs-node-gpu');

describe('backendFromEnv', () => {
  it('reads an unset or empty RSKD_BACKEND as auto', () => {
    expect(backendFromEnv({})).toBe('auto');
    expect(backendFromEnv({ RSKD_BACKEND: ' ' })).toBe('auto');
  });

  it('accepts the backend names in any case and with spaces', () => {
    expect(backendFromEnv({ RSKD_BACKEND: 'WASM' })).toBe('wasm');
    expect(backendFromEnv({ RSKD_BACKEND: ' cpu ' })).toBe('cpu');
    expect(backendFromEnv({ RSKD_BACKEND: 'tensorflow' })).toBe('tensorflow');
  });

  it('rejects an unknown value with an InvalidParameterError naming the allowed values', () => {
    expect(() => backendFromEnv({ RSKD_BACKEND: 'gpu' })).toThrow(InvalidParameterError);
    expect(() => backendFromEnv({ RSKD_BACKEND: 'gpu' })).toThrow(
      'RSKD_BACKEND=gpu is not a backend; use one of auto, tensorflow, wasm, cpu',
    );
  });
});

describe('initBackend', () => {
  it.skipIf(tfjsNodeInstalled)(
    'falls back from an absent tfjs-node to wasm with SIMD and says why, logging once',
    async () => {
      const { logger, lines } = recordingLogger();
      const info = await initBackend({ prefer: 'tensorflow', logger });
      expect(info.name).toBe('wasm');
      expect(info.simd).toBe(true);
      expect(info.reason).toMatch(/^tensorflow requested; tensorflow unavailable \(.*tfjs-node/);
      expect(tf.getBackend()).toBe('wasm');
      expect(lines).toEqual([
        ['warn', 'backend selected', { backend: 'wasm', simd: true, reason: info.reason }],
      ]);
    },
  );

  it('returns the first result again for the same preference without logging again', async () => {
    const first = await initBackend({ prefer: 'wasm' });
    const { logger, lines } = recordingLogger();
    const second = await initBackend({ prefer: 'wasm', logger });
    expect(second).toBe(first);
    expect(lines).toEqual([]);
  });

  it('keeps the current backend when called without a preference', async () => {
    const current = await initBackend({ prefer: 'wasm' });
    expect(await initBackend()).toBe(current);
  });

  it('switches to the CPU backend when asked, and back to wasm', async () => {
    const cpu = await initBackend({ prefer: 'cpu' });
    expect(cpu).toEqual({ name: 'cpu', simd: null, reason: 'cpu requested' });
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.sum(tf.tensor1d([1, 2, 3.5])).dataSync()[0]).toBe(6.5);

    const { logger, lines } = recordingLogger();
    const auto = await initBackend({ prefer: 'auto', logger });
    expect(auto.name).toBe(tfjsNodeInstalled ? 'tensorflow' : 'wasm');
    expect(tf.getBackend()).toBe(auto.name);
    expect(lines.map(([level, msg]) => `${level} ${msg}`)).toEqual(['info backend selected']);
  });
});
