import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { embeddedTemplate, postgresTemplate } from './database-template.ts';

/**
 * A freshly migrated database for one test file: an in-memory embedded PostgreSQL opened from the
 * migrated template image, or a new database on the server named by TEST_DATABASE_URL, copied from
 * the migrated template database there (and dropped again on close).
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ embeddedImage: await embeddedTemplate() });
  return openServerTestDatabase(serverUrl, await postgresTemplate(serverUrl));
}

/** The same, with no migrations applied: for testing the migrations themselves. */
export async function openEmptyTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({});
  return openServerTestDatabase(serverUrl, undefined);
}

async function openServerTestDatabase(serverUrl: string, template: string | undefined): Promise<DatabaseHandle> {
  const name = `linkway_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
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
