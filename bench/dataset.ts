import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seedDemoScheme, type DemoSize } from '../src/demo/seed.ts';

/** A migrated, seeded, closed database that a server process can open, and how to remove it. */
export interface BenchDataset {
  kind: DatabaseKind;
  /** What the Linkway server process needs in its environment to open this database. */
  serverEnv: Record<string, string>;
  /** Engine and version, for the record. */
  engine: string;
  linkWorkerEmails: string[];
  password: string;
  seedSeconds: number;
  remove(): Promise<void>;
}

export async function createDataset(size: DemoSize, databaseUrl: string | undefined): Promise<BenchDataset> {
  return databaseUrl ? createPostgresDataset(size, databaseUrl) : createEmbeddedDataset(size);
}

async function createEmbeddedDataset(size: DemoSize): Promise<BenchDataset> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'linkway-bench-'));
  try {
    // PGlite holds its folder exclusively, so the seeding handle is closed before the server opens it.
    const seeded = await seed(await openDatabase({ dataDir }), size);
    return {
      kind: 'embedded',
      serverEnv: { DATA_DIR: dataDir },
      ...seeded,
      remove: () => rm(dataDir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function createPostgresDataset(size: DemoSize, serverUrl: string): Promise<BenchDataset> {
  const name = `linkway_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const remove = () => asAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const seeded = await seed(await openDatabase({ databaseUrl: url.toString(), poolSize: 2 }), size);
    return { kind: 'postgres', serverEnv: { DATABASE_URL: url.toString() }, ...seeded, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function asAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function seed(handle: DatabaseHandle, size: DemoSize) {
  try {
    const started = performance.now();
    await migrate(handle);
    const demo = await seedDemoScheme(handle, 'Bench Youth Link', size);
    // A long-running scheme has planner statistics; a freshly bulk-loaded one has none until
    // autovacuum gets round to it (and PGlite has no autovacuum), so plans would not be realistic.
    await sql`analyze`.execute(handle.db);
    const seedSeconds = (performance.now() - started) / 1000;
    const version = await sql<{ version: string }>`select version() as version`.execute(handle.db);
    return {
      engine: `${handle.kind === 'embedded' ? 'PGlite (embedded), ' : ''}${version.rows[0]?.version.split(' on ')[0] ?? 'unknown'}`,
      linkWorkerEmails: demo.logins.filter((login) => login.role === 'link_worker').map((login) => login.email),
      password: demo.password,
      seedSeconds,
    };
  } finally {
    await handle.close();
  }
}
