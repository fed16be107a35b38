/**
 * The multipart upload of a scene: multer disk storage into a fresh folder under `tmp/`, file
 * names checked before a byte is written, and stored under generated safe names that keep the
 * band suffix (`03_l8_B10.tif`). The client's name is kept only as data, never as a path.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { InvalidParameterError, LimitExceededError } from '../src/errors.js';
import { InvalidFileNameError } from './errors.js';
import type { Storage } from './storage.js';

/** The form field carrying the files, repeated once per file. */
export const UPLOAD_FIELD = 'files';

/** One file of an upload, stored in the upload folder. */
export interface UploadedFile {
  /** Name as the client sent it (checked: no path parts). */
  fileName: string;
  /** Absolute path of the stored copy. */
  path: string;
  sizeBytes: number;
}

/** Limits of one upload. */
export interface UploadLimits {
  /** Largest file, bytes. */
  maxFileBytes: number;
  /** Largest number of files. */
  maxFiles: number;
}

/**
 * Throws InvalidFileNameError unless `name` is a plain file name: not empty, at most 255
 * characters, no `/`, `\`, `:`, NUL or control character, not starting with a dot.
 */
export function checkFileName(name: string): void {
  const shown = JSON.stringify(name);
  const fail = (why: string): never => {
    throw new InvalidFileNameError(`file name ${shown} ${why}`, { fileName: name });
  };

  if (name.length === 0) fail('is empty');
  if (name.length > 255) fail('is longer than 255 characters');
  if (/[/\\:]/.test(name)) fail('contains a path separator; send plain file names');
  if ([...name].some(isControlCharacter)) fail('contains a NUL or control character');
  if (name.startsWith('.')) fail('starts with a dot');
}

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** The stored name of the `index`-th file: a counter, then the name reduced to [A-Za-z0-9._-]. */
export function storedFileName(index: number, fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(-200);
  return `${String(index).padStart(2, '0')}_${safe}`;
}

/**
 * Express middleware that receives the files of one scene into a new folder under `tmp/` and
 * hands `(files, uploadDir, req, res)` to `handle`. The folder is removed whatever happens, before
 * an error is answered (after a successful ingest it has already been moved away).
 */
export function receiveUpload(
  storage: Storage,
  limits: UploadLimits,
  handle: (files: UploadedFile[], uploadDir: string, req: Request, res: Response) => Promise<void>,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const uploadDir = await storage.createUploadDir();
    let failure: unknown = null;
    try {
      const received = await receiveInto(uploadDir, limits, req, res);
      await handle(received, uploadDir, req, res);
    } catch (error) {
      failure = error;
    }

    await storage.removeDir(uploadDir);
    if (failure !== null) next(failure);
  };
}

async function receiveInto(
  uploadDir: string,
  limits: UploadLimits,
  req: Request,
  res: Response,
): Promise<UploadedFile[]> {
  let count = 0;
  const middleware = multer({
    storage: multer.diskStorage({
      destination: uploadDir,
      filename: (_req, file, cb) => {
        cb(null, storedFileName(count, file.originalname));
        count += 1;
      },
    }),
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20 },
    preservePath: true,
    defParamCharset: 'utf8',
    fileFilter: (_req, file, cb) => {
      try {
        checkFileName(file.originalname);
        cb(null, true);
      } catch (error) {
        cb(error as Error);
      }
    },
  }).array(UPLOAD_FIELD);

  await new Promise<void>((resolve, reject) => {
    middleware(req, res, (error?: unknown) => {
      if (error === undefined || error === null) resolve();
      else reject(translateMulterError(error, limits));
    });
  });
  return filesOf(req);
}

function filesOf(req: Request): UploadedFile[] {
  const files = Array.isArray(req.files) ? req.files : [];
  if (files.length === 0) {
    throw new InvalidParameterError(
      `no files uploaded; send band GeoTIFFs and the MTL in the repeated form field '${UPLOAD_FIELD}'`,
    );
  }
  return files.map((file) => ({
    fileName: file.originalname,
    path: file.path,
    sizeBytes: file.size,
  }));
}

/**
 * Messages of the errors busboy (multer's parser) raises for a body that is not well-formed
 * multipart/form-data: a missing boundary, a broken part header, a body cut short (a client that
 * aborts an upload, multer's `Request aborted`). They are the client's fault, not the server's.
 */
const MALFORMED_MULTIPART_MESSAGES: ReadonlySet<string> = new Set([
  'Multipart: Boundary not found',
  'Malformed part header',
  'Unexpected end of form',
  'Unexpected end of file',
  'Malformed content type',
  'Missing Content-Type',
  'Request aborted',
  'Request closed',
]);

/** Multer's codes → typed errors whose messages name the file and the limit. */
function translateMulterError(error: unknown, limits: UploadLimits): Error {
  if (!(error instanceof multer.MulterError)) {
    if (error instanceof Error && MALFORMED_MULTIPART_MESSAGES.has(error.message)) {
      return new InvalidParameterError(
        `the upload is not well-formed multipart/form-data (${error.message.toLowerCase()}); ` +
          `send the files in the repeated form field '${UPLOAD_FIELD}'`,
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  const fileName = (error as multer.MulterError & { filename?: string }).filename;
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return new LimitExceededError(
        `file '${fileName ?? '?'}' exceeds the upload limit of ${limits.maxFileBytes} bytes per file`,
        { fileName, maxFileBytes: limits.maxFileBytes },
      );
    case 'LIMIT_FILE_COUNT':
      return new LimitExceededError(`more than ${limits.maxFiles} files in one upload`, {
        maxFiles: limits.maxFiles,
      });
    case 'LIMIT_UNEXPECTED_FILE':
      return new InvalidParameterError(
        `unexpected file field '${error.field ?? '?'}'; send files in the field '${UPLOAD_FIELD}'`,
      );
    default:
      return error;
  }
}
