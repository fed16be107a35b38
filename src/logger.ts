/**
 * The logger the core library accepts: the subset of pino's API it uses. Silent by default, so
 * `src/` never writes to the console by itself.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;

/** A logger that drops every message. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** Progress callback of long work: `fraction` in 0..1. */
export type ProgressCallback = (fraction: number, message?: string) => void;
