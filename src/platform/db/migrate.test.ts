import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openEmptyTestDatabase } from '../../../test/support/test-database.ts';
import { migrate } from './migrate.ts';

test('migrations run from an empty database, in order, once', async () => {
  const handle = await openEmptyTestDatabase();
  try {
    const files = (await readdir(new URL('../../../migrations/', import.meta.url))).filter((name) => name.endsWith('.sql')).sort();
    const first = await migrate(handle);
    assert.deepEqual(first.applied, files);
    const again = await migrate(handle);
    assert.deepEqual(again.applied, [], 'a second run changes nothing');
    const tables = await sql<{ tablename: string; rowsecurity: boolean }>`
      select tablename, rowsecurity from pg_tables where schemaname = 'public' and tablename <> 'schema_migrations'`.execute(handle.db);
    const withoutSecurity = tables.rows.filter((table) => !table.rowsecurity).map((table) => table.tablename);
    assert.deepEqual(withoutSecurity, [], 'every table has row-level security switched on');
  } finally {
    await handle.close();
  }
});
