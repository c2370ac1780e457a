import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DatabaseHandle } from '../platform/db/database.ts';

const run = promisify(execFile);
const BACKUP_FILE = /^linkway-\d{4}-\d{2}-\d{2}T[\d-]+Z\.(tar\.gz|dump)$/;

/**
 * The PostgreSQL tools take the password from the environment rather than the command line, where
 * any user of the machine could read it.
 */
export function postgresToolArguments(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/**
 * Writes a consistent backup of the whole database into the folder and returns its path: the
 * embedded database's image taken between transactions (restored with `npm run restore`), or a
 * pg_dump archive in custom format (restored with pg_restore).
 */
export async function writeBackup(database: DatabaseHandle, folder: string): Promise<string> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replaceAll(':', '-').replace('.', '-');
  const file = path.join(path.resolve(folder), `linkway-${stamp}.${database.kind === 'embedded' ? 'tar.gz' : 'dump'}`);
  // Written aside and renamed: a file with the backup's name is always a whole backup.
  const partial = `${file}.partial`;
  try {
    if (database.kind === 'embedded') {
      const image = await database.dumpCompressedImage!();
      await writeFile(partial, Buffer.from(await image.arrayBuffer()), { mode: 0o600 });
    } else {
      const { dbname, env } = postgresToolArguments(database.databaseUrl!);
      await run('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], { env });
      await chmod(partial, 0o600);
    }
    await rename(partial, file);
    return file;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Removes all but the newest `keep` backups in the folder; returns the files removed. */
export async function pruneBackups(folder: string, keep: number): Promise<string[]> {
  const backups = (await readdir(folder)).filter((name) => BACKUP_FILE.test(name)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep)).map((name) => path.join(folder, name));
  for (const file of old) await rm(file);
  return old;
}
