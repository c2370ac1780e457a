import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTimeouts } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
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

async function openServerTestDatabase(serverUrl: string, template: string | undefined, options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const name = `linkway_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (options.through) {
    url.hostname = options.through.host;
    url.port = String(options.through.port);
  }
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 5, timeouts: options.timeouts });
  return {
    ...handle,
    async close() {
      await handle.close();
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
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
