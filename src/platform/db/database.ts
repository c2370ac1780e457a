import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../config.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { boundedPool } from './bounded-pool.ts';
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
  /** When a query last came back successfully (milliseconds since the epoch; 0 if never). */
  lastAnsweredAt(): number;
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
  timeouts?: DatabaseTimeouts | undefined;
  /** What opens an embedded data folder ('npm start', 'npm run migrate'…), named to any process refused it. */
  command?: string;
}

/** Kysely reports every query that succeeded; the health check uses the latest as a sign of life. */
function answerClock(): { log: (event: LogEvent) => void; lastAnsweredAt: () => number } {
  let last = 0;
  return {
    log: (event) => {
      if (event.level === 'query') last = Date.now();
    },
    lastAnsweredAt: () => last,
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, timeouts)
    : openEmbedded(options.dataDir, options.embeddedImage, timeouts, options.command ?? 'Linkway');
}

async function openEmbedded(dataDir: string | undefined, image: Blob | undefined, timeouts: DatabaseTimeouts, command: string): Promise<DatabaseHandle> {
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lock = dataDir ? await lockDataFolder(dataDir, { command }) : undefined;
  try {
    return await startEmbedded(dataDir, image, timeouts, async () => lock?.release());
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function startEmbedded(
  dataDir: string | undefined,
  image: Blob | undefined,
  timeouts: DatabaseTimeouts,
  releaseFolder: () => Promise<void>,
): Promise<DatabaseHandle> {
  const pglite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(image ? { loadDataDir: image } : {}),
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
  });
  await pglite.waitReady;
  const clock = answerClock();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, timeouts.acquireMs), log: clock.log });
  return {
    kind: 'embedded',
    db,
    lastAnsweredAt: clock.lastAnsweredAt,
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

async function openPostgres(databaseUrl: string, poolSize: number, timeouts: DatabaseTimeouts): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    keepAlive: true,
  });
  pool.on('error', (error) => {
    // An idle client lost its connection; the pool replaces it. Logged so the cause is visible.
    console.error(JSON.stringify({ level: 'error', msg: 'PostgreSQL idle client error', error: error.message }));
  });
  const clock = answerClock();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: boundedPool(pool, timeouts) }), log: clock.log });
  return {
    kind: 'postgres',
    db,
    lastAnsweredAt: clock.lastAnsweredAt,
    databaseUrl,
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        // A migration may rightly take longer than any request's statement.
        await client.query('set local statement_timeout = 0');
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

/** A query that succeeded this recently shows the database is alive without queueing behind busy requests. */
const RECENT_ANSWER_MS = 1000;
/** The check answers within about this long whatever the database does. */
const CHECK_WITHIN_MS = 800;

/** The health check's port: which kind of database, and whether it answers. Nothing else. */
export interface DatabaseHealth {
  kind: DatabaseKind;
  answers(): Promise<boolean>;
}

export function databaseHealth(handle: DatabaseHandle): DatabaseHealth {
  return {
    kind: handle.kind,
    answers: async () => Date.now() - handle.lastAnsweredAt() < RECENT_ANSWER_MS || databaseAnswers(handle, CHECK_WITHIN_MS),
  };
}

/** Whether the database answers a trivial query within `withinMs`; a hung database is reported, not waited for. */
async function databaseAnswers(handle: DatabaseHandle, withinMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, withinMs, false)));
  const answered = sql`select 1`.execute(handle.db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}
