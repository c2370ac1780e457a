import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'embedded' | 'postgres';

/** The platform's own handle on the database: owner rights, no tenant. Features never see it. */
export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  /** Runs a multi-statement SQL script (migrations) in one transaction. */
  runScript(script: string): Promise<void>;
  /** Embedded only: a consistent image of the whole database, to open again with `embeddedImage`. */
  dumpImage?: () => Promise<Blob>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

// Dates stay 'YYYY-MM-DD' strings (no time-zone drift); counts arrive as numbers on both engines.
pg.types.setTypeParser(INT8, (value: string) => Number(value));
pg.types.setTypeParser(DATE, (value: string) => value);

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; undefined keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** An embedded database image (from `dumpEmbeddedImage`) to start from instead of an empty cluster. */
  embeddedImage?: Blob | undefined;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openEmbedded(options.dataDir, options.embeddedImage);
}

async function openEmbedded(dataDir: string | undefined, image: Blob | undefined): Promise<DatabaseHandle> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(image ? { loadDataDir: image } : {}),
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
  });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'embedded',
    db,
    async runScript(script) {
      // Goes through Kysely's connection lock so no request can interleave with the script.
      await db.connection().execute(async () => {
        await pglite.transaction(async (tx) => {
          await tx.exec(script);
        });
      });
    },
    dumpImage: () => pglite.dumpDataDir('none'),
    async close() {
      await db.destroy();
      // Kysely only closes a driver it has used; a handle never queried must still let go of PGlite.
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', (error) => {
    // An idle client lost its connection; the pool replaces it. Logged so the cause is visible.
    console.error(JSON.stringify({ level: 'error', msg: 'PostgreSQL idle client error', error: error.message }));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(script);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/** The health check's port: which kind of database, and whether it answers. Nothing else. */
export interface DatabaseHealth {
  kind: DatabaseKind;
  answers(): Promise<boolean>;
}

export function databaseHealth(handle: DatabaseHandle): DatabaseHealth {
  return { kind: handle.kind, answers: () => databaseAnswers(handle) };
}

async function databaseAnswers(handle: DatabaseHandle): Promise<boolean> {
  try {
    await sql`select 1`.execute(handle.db);
    return true;
  } catch {
    return false;
  }
}
