/**
 * Typed errors of the core library. Each carries a stable `code` and the offending values in
 * `details`; the backend maps classes to HTTP statuses in one table (backend/errors.ts).
 */
export class RskdError extends Error {
  /** Stable machine-readable code, e.g. `INVALID_TIFF`. */
  readonly code: string;
  /** The values that caused the error (file name, keys found, limits…). */
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Not a TIFF, truncated, or structurally broken (header, IFD, tile index). */
export class InvalidTiffError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_TIFF', message, details);
  }
}

/** A valid TIFF whose layout or encoding the platform does not handle. */
export class UnsupportedRasterError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNSUPPORTED_RASTER', message, details);
  }
}

/** GeoKeys that do not resolve to a usable projection (unknown EPSG, missing grid file…). */
export class UnknownCrsError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNKNOWN_CRS', message, details);
  }
}

/** MTL (txt/json) that cannot be parsed or lacks required fields. */
export class MetadataError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_METADATA', message, details);
  }
}

/** A set of files that does not form one scene (different grids, no rasters, duplicates). */
export class SceneAssemblyError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_SCENE', message, details);
  }
}

/** A product or method needs bands the scene does not have (e.g. LST without thermal bands). */
export class MissingBandError extends RskdError {
  constructor(message: string, details: { required: string[]; available: string[] }) {
    super('MISSING_BAND', message, details);
  }
}

/** A size, pixel-count or time limit was exceeded. */
export class LimitExceededError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('LIMIT_EXCEEDED', message, details);
  }
}

/** A parameter outside its valid domain (unknown colormap, bad rescale, bad method). */
export class InvalidParameterError extends RskdError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_PARAMETER', message, details);
  }
}

/** Work stopped because its AbortSignal fired. */
export class CancelledError extends RskdError {
  constructor(message = 'the operation was cancelled') {
    super('CANCELLED', message);
  }
}
