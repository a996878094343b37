import type { FastifyInstance } from 'fastify';
import { openDatabase, targetFromConfig, type DatabaseHandle } from '../db/client.ts';
import { startJobWorker, type JobWorker } from '../jobs/worker.ts';
import { jobHandlers, recurringJobs } from '../jobs/registry.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  worker: JobWorker | null;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates, serves HTTP and runs jobs: what `npm start` and `tiaki serve` do. */
export async function startServer(config: Config): Promise<RunningServer> {
  const database = await openDatabase(targetFromConfig(config));
  try {
    await database.migrate();
    const app = await buildApp({ db: database.db, config });
    const url = await app.listen({ port: config.PORT, host: config.HOST });
    const worker = config.JOBS_ENABLED
      ? startJobWorker({
          db: database.db,
          handlers: jobHandlers,
          recurring: recurringJobs,
          pollMs: config.JOBS_POLL_MS,
          log: app.log,
        })
      : null;
    let stopping: Promise<void> | undefined;
    return {
      app,
      database,
      worker,
      url,
      stop() {
        stopping ??= (async () => {
          await app.close();
          await worker?.stop();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
