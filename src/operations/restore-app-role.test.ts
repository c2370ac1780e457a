import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { TestAgent } from '../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { writeBackup } from './backup.ts';
import { restorePostgres } from './restore.ts';

/**
 * A backup restored where Linkway's role and its grants are missing: on PostgreSQL, a pg_dump
 * restored the documented way (pg_restore --no-owner --no-acl) into a fresh database; embedded,
 * an image whose cluster has lost the role altogether.
 */
async function restoreWithoutTheRole(backup: string): Promise<{ restored: DatabaseHandle; cleanUp: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const restored = await openDatabase({ embeddedImage: new Blob([await readFile(backup)]) });
    await restored.runScript('DROP OWNED BY linkway_app; DROP ROLE linkway_app;');
    return { restored, cleanUp: () => restored.close() };
  }
  const name = `linkway_test_restore_${randomBytes(4).toString('hex')}`;
  const onServer = async (statement: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(statement).finally(() => admin.end());
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await restorePostgres(backup, url.toString());
  const restored = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  return {
    restored,
    cleanUp: async () => {
      await restored.close();
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

describe('a backup restored onto a server without Linkway’s role', () => {
  let t: TestApp;
  let org: TestOrganisation;
  before(async () => {
    t = await startTestApp();
    org = await t.newOrganisation();
    await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
  });
  after(() => t.close());

  test('start-up gives back the role and its grants, and the caseloads page answers 200', async () => {
    const backup = await writeBackup(t.database, await mkdtemp(path.join(tmpdir(), 'linkway-backups-')));
    const { restored, cleanUp } = await restoreWithoutTheRole(backup);
    try {
      const app = await buildApp(t.config, restored);
      await app.ready();
      try {
        const manager = new TestAgent(app);
        await manager.signIn(org.manager);
        assert.equal((await manager.get('/caseloads')).status, 500, 'without its grants the page fails, as the restored server did');

        const { applied, grantsRestored } = await migrate(restored); // what every start does first
        assert.deepEqual(applied, [], 'the migrations were already recorded as done');
        assert.ok(grantsRestored > 0, 'the missing grants were given back');
        assert.equal((await manager.get('/caseloads')).status, 200);
        assert.equal((await manager.get('/triage')).status, 200);

        const again = await migrate(restored);
        assert.equal(again.grantsRestored, 0, 'a second start finds nothing missing');
        const role = await sql<{ count: number }>`select count(*)::int as count from pg_roles where rolname = 'linkway_app'`.execute(restored.db);
        assert.equal(role.rows[0]!.count, 1);
      } finally {
        await app.close();
      }
    } finally {
      await cleanUp();
    }
  });
});
