import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/*
 * The embedded database must be opened by one process at a time: two PostgreSQL instances writing
 * one folder silently lose each other's commits. proper-lockfile takes the lock with an atomic
 * mkdir, which works on every file system (including network ones, unlike flock), and keeps its
 * mtime fresh while the process lives, so a lock left by a killed process goes stale on its own.
 * Beside it, the holder's pid lets a second process refuse at once with a message naming the
 * holder, and lets it wait out a stale lock only when that pid is gone.
 */

const LOCK_NAME = 'linkway.lock';
const HOLDER_NAME = 'linkway-holder.json';
/** The files this lock keeps in the data folder; a restored copy must not carry them. */
export const LOCK_FILES = [LOCK_NAME, HOLDER_NAME];
const DEFAULT_STALE_MS = 15_000;

export interface DataFolderHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataFolderHolder | undefined,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since})`
      : 'another process';
    super(
      `The embedded database in ${dataDir} is in use by ${who}. Only one Linkway process may open it at a time: ` +
        `stop that process first${holder ? ` (kill ${holder.pid})` : ''}, or point DATA_DIR at another folder.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

export interface DataFolderLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** What is holding the folder, for the message another process shows: 'npm start', 'npm run migrate'… */
  command: string;
  /** How long a lock may go without being refreshed before it counts as abandoned. */
  staleMs?: number;
  /** Called if the lock is lost while held (the folder was removed, or the process stalled past staleMs). */
  onLost?: (error: Error) => void;
}

export async function readHolder(dataDir: string): Promise<DataFolderHolder | undefined> {
  const text = await readFile(path.join(dataDir, HOLDER_NAME), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!text) return undefined;
  try {
    return JSON.parse(text) as DataFolderHolder;
  } catch {
    return undefined; // Torn by a crash mid-write: treated like no holder recorded.
  }
}

function isRunningHere(holder: DataFolderHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data folder for this process, or throws DataFolderInUseError naming the holder. */
export async function lockDataFolder(dataDir: string, options: LockOptions): Promise<DataFolderLock> {
  const stale = options.staleMs ?? DEFAULT_STALE_MS;
  const holder = await readHolder(dataDir);
  // A live holder is never waited for (or robbed, however long its event loop stalls).
  if (holder && holder.pid !== process.pid && isRunningHere(holder)) throw new DataFolderInUseError(dataDir, holder);
  const interval = Math.max(250, Math.floor(stale / 10));
  const release = await lockfile
    .lock(dataDir, {
      lockfilePath: path.join(dataDir, LOCK_NAME),
      realpath: false,
      stale,
      // Only a lock whose holder cannot be confirmed alive is waited on, until it goes stale.
      retries: { retries: Math.ceil((stale * 1.5) / interval), factor: 1, minTimeout: interval, maxTimeout: interval },
      onCompromised: (error) => (options.onLost ? options.onLost(error) : failLoudly(dataDir, error)),
    })
    .catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === 'ELOCKED') throw new DataFolderInUseError(dataDir, await readHolder(dataDir));
      throw error;
    });
  await writeHolder(dataDir, { pid: process.pid, host: hostname(), command: options.command, since: new Date().toISOString() });
  return {
    async release() {
      await rm(path.join(dataDir, HOLDER_NAME), { force: true });
      await release();
    },
  };
}

async function writeHolder(dataDir: string, holder: DataFolderHolder): Promise<void> {
  const file = path.join(dataDir, HOLDER_NAME);
  // Written aside and renamed, so a reader never sees half a record.
  await writeFile(`${file}.${process.pid}`, JSON.stringify(holder));
  await rename(`${file}.${process.pid}`, file);
}

function failLoudly(dataDir: string, error: Error): never {
  // Carrying on could let a second process open the folder beside this one: stop instead.
  console.error(JSON.stringify({ level: 'fatal', msg: 'Lost the lock on the embedded database folder; stopping', dataDir, error: error.message }));
  process.exit(1);
}
