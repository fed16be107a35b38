import multer from 'multer';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InvalidTiffError,
  LimitExceededError,
  MissingBandError,
  UnknownCrsError,
  UnsupportedRasterError,
} from '../src/errors.js';
import { describeError, InvalidFileNameError, NotFoundError } from './errors.js';

describe('the error → HTTP status table', () => {
  it.each([
    [new InvalidTiffError('x.tif is not a TIFF'), 400, 'INVALID_TIFF'],
    [new UnsupportedRasterError('JPEG-in-TIFF is not handled'), 415, 'UNSUPPORTED_RASTER'],
    [new UnknownCrsError('EPSG:32699 is unknown'), 422, 'UNKNOWN_CRS'],
    [new MissingBandError('needs B10', { required: ['B10'], available: [] }), 422, 'MISSING_BAND'],
    [new LimitExceededError('too big'), 413, 'LIMIT_EXCEEDED'],
    [new InvalidFileNameError('bad name'), 400, 'INVALID_FILE_NAME'],
    [new NotFoundError('scene', 'abc'), 404, 'NOT_FOUND'],
    [new multer.MulterError('LIMIT_FILE_SIZE', 'files'), 413, 'LIMIT_EXCEEDED'],
  ])('maps %s to its status and code', (error, status, code) => {
    const described = describeError(error);
    expect(described.status).toBe(status);
    expect(described.body.error.code).toBe(code);
  });

  it('answers a zod failure 400 naming the field', () => {
    const parsed = z.object({ method: z.enum(['rte']) }).safeParse({ method: 'magic' });
    const described = describeError(parsed.error);
    expect(described.status).toBe(400);
    expect(described.body.error.code).toBe('INVALID_REQUEST');
    expect(described.body.error.message).toMatch(/^method: /);
  });

  it('answers an unknown error 500 without leaking its message or stack', () => {
    const described = describeError(new Error('secret path /etc/shadow\n  at frame'));
    expect(described).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'internal server error; see the server log' } },
    });
  });

  it('folds a multi-line message into one line', () => {
    const described = describeError(new InvalidTiffError('bad header\n  at offset 4'));
    expect(described.body.error.message).toBe('bad header at offset 4');
  });
});
