import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('the backend configuration', () => {
  it('has documented defaults', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: './data',
      maxUploadBytes: 2 * 1024 ** 3,
      maxFiles: 40,
      logLevel: 'info',
    });
  });

  it('reads the environment and treats empty strings as unset', () => {
    const config = loadConfig({
      PORT: '0',
      RSKD_DATA_DIR: '/srv/rskd',
      RSKD_MAX_UPLOAD_BYTES: '',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 0,
      dataDir: '/srv/rskd',
      maxUploadBytes: 2 * 1024 ** 3,
      logLevel: 'debug',
    });
  });

  it('names the variable and the value it refuses', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^invalid configuration: PORT="eighty": /);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL="loud"/);
  });
});
