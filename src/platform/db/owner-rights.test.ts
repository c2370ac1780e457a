import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

// The database handle with owner rights bypasses row-level security. These are the only files that
// may hold it, each for one reason; docs/decisions/0005 explains the ports. A new system job adds
// its port file here, and a route that reaches for the handle fails this test.
const OWNER_RIGHTS = new Map([
  ['src/platform/db/database.ts', 'the handle itself'],
  ['src/platform/db/migrate.ts', 'migrations'],
  ['src/platform/db/app-role.ts', 'start-up: makes sure the application role and its grants exist'],
  ['src/platform/shutdown.ts', 'shutdown: closes the database once requests and work in hand have finished'],
  ['src/operations/one-shot.ts', 'one-shot commands: open the database, or ask the running server'],
  ['src/operations/backup.ts', 'port: backups (a consistent image or pg_dump of the whole database)'],
  ['src/operations/backup-schedule.ts', 'port: backups, on a schedule'],
  ['src/operations/local-operations.ts', 'port: backups and retention asked for by a one-shot command beside the running server'],
  ['src/platform/db/caller-data.ts', 'caller-bound data access, which runs every unit of work as linkway_app'],
  ['src/main.ts', 'start-up: opens, migrates and seeds the database'],
  ['src/app.ts', 'composition: splits the handle into caller-bound access and the ports below'],
  ['src/platform/auth/sessions.ts', 'port: sessions'],
  ['src/platform/auth/credentials.ts', 'port: sign-in'],
  ['src/platform/auth/sign-in-throttle.ts', 'port: sign-in (failures counted per address and network)'],
  ['src/platform/auth/invitation-desk.ts', 'port: invitations'],
  ['src/platform/outbox/worker.ts', 'port: outbox'],
  ['src/data-rights/retention-job.ts', 'port: retention'],
  ['src/demo/seed.ts', 'demo seeding at start-up'],
  ['src/scheme-settings/create-scheme.ts', 'creating a scheme, for the demo seed and test fixtures'],
]);

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOLDS_OWNER_RIGHTS = /Kysely<Database>|DatabaseHandle\b|openDatabase\(/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : Promise.resolve(entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []))),
  );
  return nested.flat();
}

// Test support lives in test/, outside the scan; tests beside the code open databases of their own.
function isTest(file: string): boolean {
  return file.endsWith('.test.ts');
}

test('only the listed files hold the owner-rights database handle; no route does', async () => {
  const holders: string[] = [];
  for (const file of await sourceFiles('src')) {
    const text = await readFile(path.join(ROOT, file), 'utf8');
    if (!isTest(file) && HOLDS_OWNER_RIGHTS.test(text)) holders.push(file.split(path.sep).join('/'));
  }
  assert.ok(holders.includes('src/platform/db/database.ts'), 'the scan finds the handle at all');
  assert.deepEqual(holders.filter((file) => !OWNER_RIGHTS.has(file)).sort(), [], 'files holding owner rights that are not a listed port');
  assert.deepEqual([...OWNER_RIGHTS.keys()].filter((file) => !holders.includes(file)).sort(), [], 'listed files that no longer hold owner rights');
});
