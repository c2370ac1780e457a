import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrate, MIGRATIONS_DIR } from '../../src/platform/db/migrate.ts';

/*
 * Every test file gets its own database, but migrating a brand-new one each time cost most of the
 * suite's time. The migrated result is kept once per set of migrations (keyed by a hash of their
 * text and of the engine's version) and each test file starts from a copy of it.
 */

const TEMPLATE_DIR = path.join(tmpdir(), 'linkway-test-templates');
const pgliteVersion = enginePackageVersion();

/** The embedded engine's version: an image made by one version need not open in another. */
function enginePackageVersion(): string {
  let folder = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!folder.endsWith(`${path.sep}pglite`)) folder = path.dirname(folder);
  return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).version;
}

let key: Promise<string> | undefined;
let embeddedImage: Promise<Blob> | undefined;
const serverTemplates = new Map<string, Promise<string>>();

function migrationsKey(): Promise<string> {
  key ??= (async () => {
    const hash = createHash('sha256').update(pgliteVersion);
    for (const file of (await readdir(MIGRATIONS_DIR)).sort()) {
      hash.update(file).update(await readFile(path.join(MIGRATIONS_DIR, file)));
    }
    return hash.digest('hex').slice(0, 16);
  })();
  return key;
}

/** The migrated embedded database as an image, made once and kept on disk for later runs. */
export function embeddedTemplate(): Promise<Blob> {
  embeddedImage ??= (async () => {
    const file = path.join(TEMPLATE_DIR, `embedded-${await migrationsKey()}.tar`);
    const kept = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (kept) return new Blob([kept]);
    const handle = await openDatabase({});
    await migrate(handle);
    const image = await handle.dumpImage!();
    await handle.close();
    // Written aside and renamed, so a test file running alongside never reads half an image.
    await mkdir(TEMPLATE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await image.arrayBuffer()));
    await rename(partial, file);
    return image;
  })();
  return embeddedImage;
}

/**
 * The name of a migrated template database on the server, made once per set of migrations. Older
 * templates are left in place: another checkout's test run may be copying one at this moment.
 */
export function postgresTemplate(serverUrl: string): Promise<string> {
  let template = serverTemplates.get(serverUrl);
  if (!template) {
    template = makePostgresTemplate(serverUrl);
    serverTemplates.set(serverUrl, template);
  }
  return template;
}

async function makePostgresTemplate(serverUrl: string): Promise<string> {
  const name = `linkway_template_${await migrationsKey()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Test files start together: one builds the template while the others wait for it.
    await admin.query(`SELECT pg_advisory_lock(hashtext('linkway_test_template'))`);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
      await migrate(handle);
      await handle.close();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext('linkway_test_template'))`).catch(() => undefined);
    await admin.end();
  }
  return name;
}
