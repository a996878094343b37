import { openDatabase, targetFromConfig, type DatabaseHandle } from '../db/client.ts';
import { loadConfig } from '../server/config.ts';

/**
 * Opens the configured database (the server's TIAKI_DATA_DIR or DATABASE_URL), brings the schema up to date,
 * runs the work and closes. On PGlite the folder's lock makes this fail clearly while the server runs.
 */
export async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase(targetFromConfig(config));
  try {
    await handle.migrate();
    return await work(handle);
  } finally {
    await handle.close();
  }
}
