/** Entry point: reads the configuration, starts the backend, stops it on SIGINT/SIGTERM. */
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { startServer } from './server.js';

const config = loadConfig();
const logger = pino({ level: config.logLevel });

const server = await startServer({
  port: config.port,
  host: config.host,
  dataDir: config.dataDir,
  maxUploadBytes: config.maxUploadBytes,
  maxFiles: config.maxFiles,
  logger,
});
logger.info({ url: server.url, dataDir: config.dataDir }, `listening on ${server.url}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'error while stopping');
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
