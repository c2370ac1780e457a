import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { SecretBox } from '../platform/auth/secret-box.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { TestAgent } from '../../test/support/agent.ts';
import { createOrganisation, createYoungPerson, type TestOrganisation } from '../../test/support/fixtures.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { newDataFolder, runScript } from '../../test/support/operations.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '10000' });

async function withScheme(database: DatabaseHandle): Promise<TestOrganisation> {
  const org = await createOrganisation(database, new SecretBox(config.sessionSecret));
  await createYoungPerson(database, org.id, { allocatedTo: org.linkWorker.id });
  return org;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(statement).finally(() => admin.end());
}

/** The scheme's database, backed up and restored with the npm commands; returns the restored database and how to remove it. */
async function backUpAndRestore(): Promise<{ org: TestOrganisation; restored: DatabaseHandle; cleanUp: () => Promise<void> }> {
  const backups = await mkdtemp(path.join(tmpdir(), 'linkway-backups-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    let org!: TestOrganisation;
    const dataDir = await newDataFolder(async (database) => void (org = await withScheme(database)));
    const backup = await runScript('src/operations/backup-cli.ts', dataDir, [backups]);
    assert.equal(backup.code, 0, backup.stderr);
    const restoredDir = path.join(await mkdtemp(path.join(tmpdir(), 'linkway-restored-')), 'data');
    const restore = await runScript('src/operations/restore-cli.ts', restoredDir, [/Backup written: (\S+)/.exec(backup.stdout)![1]!]);
    assert.equal(restore.code, 0, restore.stderr);
    const restored = await openDatabase({ dataDir: restoredDir });
    return { org, restored, cleanUp: () => restored.close() };
  }
  const source = await openTestDatabase();
  try {
    const org = await withScheme(source);
    const backup = await runScript('src/operations/backup-cli.ts', '', [backups], { DATABASE_URL: source.databaseUrl! });
    assert.equal(backup.code, 0, backup.stderr);
    const name = `linkway_test_restore_${randomBytes(4).toString('hex')}`;
    await onServer(serverUrl, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const restore = await runScript('src/operations/restore-cli.ts', '', [/Backup written: (\S+)/.exec(backup.stdout)![1]!], { DATABASE_URL: url.toString() });
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /Linkway's role and its grants are in place/);
    const restored = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    return {
      org,
      restored,
      cleanUp: async () => {
        await restored.close();
        await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } finally {
    await source.close();
  }
}

test('npm run backup, then npm run restore into a new database, gives a Linkway whose pages work', async () => {
  const { org, restored, cleanUp } = await backUpAndRestore();
  try {
    const app = await buildApp(config, restored);
    await app.ready();
    try {
      const manager = new TestAgent(app);
      await manager.signIn(org.manager);
      const caseloads = await manager.get('/caseloads');
      assert.equal(caseloads.status, 200);
      assert.match(caseloads.body, new RegExp(org.linkWorker.name));
    } finally {
      await app.close();
    }
  } finally {
    await cleanUp();
  }
});
