import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SecretBox } from '../platform/auth/secret-box.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { createOrganisation } from '../../test/support/fixtures.ts';
import { answersFor, schemeSlug, sendReferral } from '../../test/support/refer.ts';
import { newDataFolder, overHttp, runScript, startServer, type RunningServer } from '../../test/support/operations.ts';

describe('one-shot commands and backups while Linkway runs on the embedded database', () => {
  let dataDir: string;
  let slug: string;
  let server: RunningServer;
  before(async () => {
    dataDir = await newDataFolder(async (database) => {
      const org = await createOrganisation(database, new SecretBox(loadConfig({ NODE_ENV: 'test' }).sessionSecret));
      slug = await schemeSlug(database, org.id);
    });
    server = await startServer(dataDir);
  });
  after(() => server.stop());

  test('migrate refuses, naming the server; retention is done by the running server', async () => {
    const migrating = await runScript('src/operations/migrate-cli.ts', dataDir);
    assert.equal(migrating.code, 1);
    assert.match(migrating.stderr, new RegExp(`in use by process ${server.pid} .*npm start`));

    const retention = await runScript('src/data-rights/run-retention.ts', dataDir);
    assert.equal(retention.code, 0, retention.stderr);
    assert.match(retention.stdout, new RegExp(`Done by the running Linkway \\(pid ${server.pid}\\): No records are past their retention date`));
  });

  test('a backup taken while referrals are being acknowledged restores into a new folder with every one acknowledged before it', async () => {
    const remote = overHttp(server.url);
    const acknowledged: string[] = [];
    let writing = true;
    let twoAcknowledged!: () => void;
    const enough = new Promise<void>((resolve) => (twoAcknowledged = resolve));
    const writer = async () => {
      while (writing) {
        // While the image is taken, a request that waits longer than the acquire timeout is answered
        // 503 with Retry-After: not acknowledged, so the writer tries again, as a browser's user would.
        const sent = await sendReferral(remote, slug, answersFor('professional')).catch((error: Error) => {
          if (!/got 503/.test(error.message)) throw error;
          return undefined;
        });
        if (!sent) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        acknowledged.push(sent.reference);
        if (acknowledged.length >= 2) twoAcknowledged();
      }
    };
    const writers = [writer(), writer()];
    await enough;
    const beforeBackup = [...acknowledged];
    const backupsDir = await mkdtemp(path.join(tmpdir(), 'linkway-backups-'));
    const backup = await runScript('src/operations/backup-cli.ts', dataDir, [backupsDir]);
    writing = false;
    await Promise.all(writers);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, new RegExp(`Done by the running Linkway \\(pid ${server.pid}\\): backup written: `));
    assert.deepEqual((await readdir(backupsDir)).filter((name) => name.endsWith('.partial')), [], 'no partial file is left');
    const file = /backup written: (\S+)/.exec(backup.stdout)![1]!;

    const restoredDir = path.join(await mkdtemp(path.join(tmpdir(), 'linkway-restored-')), 'data');
    const restoring = await runScript('src/operations/restore-cli.ts', restoredDir, [file]);
    assert.equal(restoring.code, 0, restoring.stderr);
    const restored = await openDatabase({ dataDir: restoredDir });
    try {
      const rows = await restored.db.selectFrom('referrals').select('reference').where('reference', 'in', acknowledged).execute();
      const found = new Set(rows.map((row) => row.reference));
      assert.deepEqual(beforeBackup.filter((reference) => !found.has(reference)), [], 'every referral acknowledged before the backup is in it');
    } finally {
      await restored.close();
    }

    const overwriting = await runScript('src/operations/restore-cli.ts', restoredDir, [file]);
    assert.equal(overwriting.code, 1, 'a restore never overwrites a folder that holds a database');
    assert.match(overwriting.stderr, /already holds a database/);
  });
});
