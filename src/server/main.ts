import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { loadConfig } from './config.ts';
import { startServer } from './runtime.ts';

// The process entry: configuration, start, and a clean stop on SIGINT/SIGTERM (PGlite checkpointed and closed).
try {
  const config = loadConfig();
  const started = Date.now();
  const server = await startServer(config);
  server.app.log.info(
    `Tiaki is ready at ${server.url} on ${server.database.kind} (${Date.now() - started} ms)`,
  );
  const stop = (signal: string) => {
    server.app.log.info(`${signal}: stopping`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`tiaki: ${error.message}\n`);
    process.exit(3);
  }
  process.stderr.write(`tiaki: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
