/** Backend configuration read once from the environment and validated with zod. */
import { z } from 'zod';

const GIB = 1024 * 1024 * 1024;

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  RSKD_DATA_DIR: z.string().min(1).default('./data'),
  RSKD_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * GIB),
  RSKD_MAX_FILES: z.coerce.number().int().positive().max(1000).default(40),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Settings of one backend process. */
export interface BackendConfig {
  /** Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
  host: string;
  /** TCP port to listen on; 0 picks a free one. */
  port: number;
  /** Directory holding db.sqlite, scenes/, results/ and tmp/. */
  dataDir: string;
  /** Largest accepted upload, per file, in bytes. */
  maxUploadBytes: number;
  /** Largest number of files in one scene upload. */
  maxFiles: number;
  /** pino level name. */
  logLevel: string;
}

/**
 * Reads the configuration from environment variables (HOST, PORT, RSKD_DATA_DIR,
 * RSKD_MAX_UPLOAD_BYTES, RSKD_MAX_FILES, LOG_LEVEL). Empty strings count as unset.
 * Throws an Error naming every invalid variable and the value found.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `${name}=${JSON.stringify(present[name])}: ${issue.message}`;
    });
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;
  return {
    host: values.HOST,
    port: values.PORT,
    dataDir: values.RSKD_DATA_DIR,
    maxUploadBytes: values.RSKD_MAX_UPLOAD_BYTES,
    maxFiles: values.RSKD_MAX_FILES,
    logLevel: values.LOG_LEVEL,
  };
}
