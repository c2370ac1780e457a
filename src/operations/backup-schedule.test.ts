import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { backUpAndPrune } from './backup-schedule.ts';

describe('scheduled backups', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('each run writes a whole backup and keeps only the newest BACKUP_KEEP, leaving other files alone', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'linkway-scheduled-'));
    await writeFile(path.join(folder, 'README.txt'), 'Backups of our Linkway');
    const config = { backups: { folder, everyHours: 24, keep: 2 } };
    const written: string[] = [];
    for (let run = 0; run < 3; run += 1) written.push((await backUpAndPrune(t.database, config)).file);
    const extension = t.database.kind === 'embedded' ? '.tar.gz' : '.dump';
    assert.ok(written.every((file) => file.endsWith(extension)));
    assert.deepEqual((await readdir(folder)).sort(), ['README.txt', ...written.slice(1).map((file) => path.basename(file))].sort(), 'the oldest was removed');
  });
});
