import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { LOCK_FILES, lockDataFolder } from '../platform/db/data-folder-lock.ts';
import { postgresToolArguments } from './backup.ts';

const run = promisify(execFile);

async function holdsDatabase(dataDir: string): Promise<boolean> {
  return stat(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

/**
 * Restores an embedded backup (`npm run backup`) into a data folder that holds no database yet.
 * The image is unpacked beside the folder first, so a failed restore leaves the folder as it was.
 */
export async function restoreEmbedded(backupFile: string, dataDir: string): Promise<void> {
  if (await holdsDatabase(dataDir)) {
    throw new Error(
      `${dataDir} already holds a database. Stop Linkway, move that folder aside (for example \`mv ${dataDir} ${dataDir}-before-restore\`), then restore again.`,
    );
  }
  const image = new Blob([await readFile(backupFile)]);
  const staging = `${path.resolve(dataDir)}.restoring-${process.pid}`;
  try {
    // Opened directly, unlocked: the staging folder is this process's own, and the image's lock
    // files would overwrite a lock taken there.
    const unpacked = new PGlite({ dataDir: staging, loadDataDir: image });
    await unpacked.waitReady;
    await unpacked.close();
    // The image carries the lock files of the process that made it; they mean nothing here.
    for (const name of LOCK_FILES) await rm(path.join(staging, name), { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const lock = await lockDataFolder(dataDir, { command: 'npm run restore' });
    try {
      for (const name of await readdir(staging)) await rename(path.join(staging, name), path.join(dataDir, name));
    } finally {
      await lock.release();
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Restores a pg_dump archive into an empty PostgreSQL database. Owners and grants are left out:
 * they name roles of the server the dump came from; Linkway's start-up puts its own role back.
 */
export async function restorePostgres(backupFile: string, databaseUrl: string): Promise<void> {
  const { dbname, env } = postgresToolArguments(databaseUrl);
  await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, backupFile], { env });
}
