import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import type { DatabaseTimeouts } from '../../src/platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { embeddedTemplate, postgresTemplate } from './database-template.ts';

export interface TestDatabaseOptions {
  timeouts?: DatabaseTimeouts;
  /** PostgreSQL only: reach the server through this address (a test's proxy) instead of directly. */
  through?: { host: string; port: number };
}

/**
 * A freshly migrated database for one test file: an in-memory embedded PostgreSQL opened from the
 * migrated template image, or a new database on the server named by TEST_DATABASE_URL, copied from
 * the migrated template database there (and dropped again on close).
 */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ embeddedImage: await embeddedTemplate(), timeouts: options.timeouts });
  return openServerTestDatabase(serverUrl, await postgresTemplate(serverUrl), options);
}

/** The same, with no migrations applied: for testing the migrations themselves. */
export async function openEmptyTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({});
  return openServerTestDatabase(serverUrl, undefined);
}

/** A new database on the server, copied from `template` when given; `drop` removes it again. */
async function createServerTestDatabase(serverUrl: string, template: string | undefined): Promise<{ url: URL; drop: () => Promise<void> }> {
  const name = `linkway_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url, drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function openServerTestDatabase(serverUrl: string, template: string | undefined, options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const { url, drop } = await createServerTestDatabase(serverUrl, template);
  if (options.through) {
    url.hostname = options.through.host;
    url.port = String(options.through.port);
  }
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 5, timeouts: options.timeouts });
  return {
    ...handle,
    async close() {
      await handle.close();
      await drop();
    },
  };
}

/**
 * Where a Linkway process started by a test keeps its migrated database: DATABASE_URL of a new
 * database on the test server, or DATA_DIR of a new folder holding the migrated embedded image.
 */
export async function migratedDatabaseForProcess(folder: string): Promise<{ env: Record<string, string>; remove: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const { url, drop } = await createServerTestDatabase(serverUrl, await postgresTemplate(serverUrl));
    return { env: { DATABASE_URL: url.toString() }, remove: drop };
  }
  const copy = await openDatabase({ dataDir: folder, embeddedImage: await embeddedTemplate() });
  await copy.close();
  return { env: { DATA_DIR: folder }, remove: () => rm(folder, { recursive: true, force: true }) };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
