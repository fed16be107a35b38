/**
 * The one table mapping error classes to HTTP statuses, and the express error handler that
 * answers every failure as `{error: {code, message}}` with a one-line message.
 */
import type { ErrorRequestHandler } from 'express';
import multer from 'multer';
import { ZodError } from 'zod';
import {
  CancelledError,
  InvalidParameterError,
  InvalidTiffError,
  LimitExceededError,
  MetadataError,
  MissingBandError,
  RskdError,
  SceneAssemblyError,
  UnknownCrsError,
  UnsupportedRasterError,
} from '../src/errors.js';
import type { Logger } from '../src/logger.js';

/** A resource (scene, band, product, job) that does not exist. */
export class NotFoundError extends RskdError {
  /** @param hint optional second clause, e.g. the ids that do exist. */
  constructor(kind: string, id: string, hint?: string) {
    super('NOT_FOUND', `${kind} '${id}' not found${hint === undefined ? '' : `; ${hint}`}`, {
      kind,
      id,
    });
  }
}

/** An uploaded file name that could be read as a path (`..`, `/`, `\`, NUL, leading dot). */
export class InvalidFileNameError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_FILE_NAME', message, details);
  }
}

/** A request that conflicts with the state of a resource (e.g. cancelling a finished job). */
export class ConflictError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

/** A request body in a media type the route does not read (e.g. JSON sent as form data). */
export class UnsupportedMediaTypeError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNSUPPORTED_MEDIA_TYPE', message, details);
  }
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string };
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Error class → HTTP status; the first matching row wins, so subclasses come first. */
const STATUS_BY_CLASS: readonly (readonly [ErrorClass, number])[] = [
  [InvalidFileNameError, 400],
  [InvalidTiffError, 400],
  [InvalidParameterError, 400],
  [UnsupportedRasterError, 415],
  [UnsupportedMediaTypeError, 415],
  [UnknownCrsError, 422],
  [MetadataError, 422],
  [SceneAssemblyError, 422],
  [MissingBandError, 422],
  [LimitExceededError, 413],
  [NotFoundError, 404],
  [ConflictError, 409],
  [CancelledError, 409],
  [ZodError, 400],
  [multer.MulterError, 400],
];

/** Multer error codes whose status is not the MulterError row's 400. */
const MULTER_STATUS: Readonly<Record<string, number>> = {
  LIMIT_FILE_SIZE: 413,
  LIMIT_FILE_COUNT: 413,
  LIMIT_PART_COUNT: 413,
  LIMIT_FIELD_VALUE: 413,
};

/** Status, code and one-line message of any thrown value. Unknown errors → 500, no details. */
export function describeError(error: unknown): { status: number; body: ErrorBody } {
  const row = STATUS_BY_CLASS.find(([errorClass]) => error instanceof errorClass);
  if (row === undefined) {
    return fromHttpError(error) ?? internal();
  }

  let status = row[1];
  let code = 'INTERNAL';
  let message = 'internal error';
  if (error instanceof RskdError) {
    code = error.code;
    message = error.message;
  } else if (error instanceof ZodError) {
    code = 'INVALID_REQUEST';
    message = zodMessage(error);
  } else if (error instanceof multer.MulterError) {
    status = MULTER_STATUS[error.code] ?? status;
    code = status === 413 ? 'LIMIT_EXCEEDED' : 'INVALID_UPLOAD';
    message = `${error.message}${error.field === undefined ? '' : ` (field '${error.field}')`}`;
  }
  return { status, body: { error: { code, message: oneLine(message) } } };
}

/** body-parser's errors carry `status` and `type` (e.g. `entity.parse.failed`). */
function fromHttpError(error: unknown): { status: number; body: ErrorBody } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || typeof type !== 'string' || status < 400 || status >= 500) {
    return null;
  }

  const messages: Record<string, [string, string]> = {
    'entity.parse.failed': ['INVALID_JSON', 'request body is not valid JSON'],
    'entity.too.large': ['LIMIT_EXCEEDED', 'request body is too large'],
  };
  const [code, message] = messages[type] ?? ['INVALID_REQUEST', `bad request (${type})`];
  return { status, body: { error: { code, message } } };
}

function internal(): { status: number; body: ErrorBody } {
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal server error; see the server log' } },
  };
}

function zodMessage(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'request';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * The express error handler: logs 5xx with the stack and 4xx as one warn line, then answers
 * `{error: {code, message}}`. If headers were already sent, it only ends the response.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status, body } = describeError(error);
    if (status >= 500) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    } else {
      logger.warn({ status, code: body.error.code, url: req.originalUrl }, body.error.message);
    }

    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(body);
  };
}
