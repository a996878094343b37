import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import * as schema from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';

/** The typed database every repo receives; the same API on PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Brings the schema up to date (safe with several processes on PostgreSQL: an advisory lock serialises it). */
  migrate(): Promise<void>;
  /** Flushes to disk (PGlite) and closes connections. */
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null } // null: in memory (tests)
  | { kind: 'postgres'; url: string; poolSize?: number };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATION_LOCK_KEY = 727_001; // arbitrary, constant: "tiaki migrations"

/** Chooses the database from configuration: DATABASE_URL means PostgreSQL, otherwise PGlite in the data folder. */
export function targetFromConfig(config: { DATABASE_URL?: string | undefined; TIAKI_DATA_DIR: string }) {
  return config.DATABASE_URL
    ? ({ kind: 'postgres', url: config.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: path.resolve(config.TIAKI_DATA_DIR) } as const);
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize ?? 10);
  return openPglite(target.dataDir);
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  const lock = dataDir ? lockDataDir(dataDir) : null;
  try {
    const client = dataDir ? await PGlite.create(path.join(dataDir, 'pglite')) : await PGlite.create();
    const db = drizzlePglite({ client, schema });
    let closed = false;
    return {
      db: db as unknown as Database,
      kind: 'pglite',
      migrate: () => migratePglite(db, { migrationsFolder }),
      async close() {
        if (closed) return;
        closed = true;
        try {
          if (dataDir) await client.exec('CHECKPOINT');
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server ends (restart, failover, a dropped database) is discarded by the pool and
  // replaced on next use; without a listener its 'error' event would crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema });
  let closed = false;
  return {
    db: db as unknown as Database,
    kind: 'postgres',
    async migrate() {
      const connection = await pool.connect();
      try {
        await connection.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        // Migrate on the connection that holds the lock: another pool connection would deadlock a pool of one.
        await migratePg(drizzlePg({ client: connection, schema }), { migrationsFolder });
      } finally {
        await connection.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        connection.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** A round trip to the database, for /healthz. */
export async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
