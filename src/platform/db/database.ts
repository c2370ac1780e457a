import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { lockDataFolder } from './data-folder-lock.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'embedded' | 'postgres';

/** The platform's own handle on the database: owner rights, no tenant. Features never see it. */
export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  /** Embedded only: the folder the database lives in (undefined in memory), held by this process alone. */
  dataDir?: string | undefined;
  /** PostgreSQL only: the connection string, for the server's own tools (pg_dump). */
  databaseUrl?: string;
  /** Runs a multi-statement SQL script (migrations) in one transaction. */
  runScript(script: string): Promise<void>;
  /** Embedded only: a consistent image of the whole database, to open again with `embeddedImage`. */
  dumpImage?: () => Promise<Blob>;
  /** Embedded only: the same, gzip-compressed, taken between transactions (backups). */
  dumpCompressedImage?: () => Promise<Blob>;
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
  /** What opens an embedded data folder ('npm start', 'npm run migrate'…), named to any process refused it. */
  command?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openEmbedded(options.dataDir, options.embeddedImage, options.command ?? 'Linkway');
}

async function openEmbedded(dataDir: string | undefined, image: Blob | undefined, command: string): Promise<DatabaseHandle> {
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lock = dataDir ? await lockDataFolder(dataDir, { command }) : undefined;
  try {
    return await startEmbedded(dataDir, image, async () => lock?.release());
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function startEmbedded(dataDir: string | undefined, image: Blob | undefined, releaseFolder: () => Promise<void>): Promise<DatabaseHandle> {
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
    dataDir,
    async runScript(script) {
      // Goes through Kysely's connection lock so no request can interleave with the script.
      await db.connection().execute(async () => {
        await pglite.transaction(async (tx) => {
          await tx.exec(script);
        });
      });
    },
    dumpImage: () => pglite.dumpDataDir('none'),
    // Between transactions, behind Kysely's connection lock: the image holds only whole commits.
    dumpCompressedImage: () => db.connection().execute(() => pglite.dumpDataDir('gzip')),
    async close() {
      await db.destroy();
      // Kysely only closes a driver it has used; a handle never queried must still let go of PGlite.
      if (!pglite.closed) await pglite.close();
      await releaseFolder();
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
    databaseUrl,
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

export async function databaseAnswers(handle: DatabaseHandle): Promise<boolean> {
  try {
    await sql`select 1`.execute(handle.db);
    return true;
  } catch {
    return false;
  }
}
