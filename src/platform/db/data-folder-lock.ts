import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/*
 * The embedded database must be opened by one process at a time: two PostgreSQL instances writing
 * one folder silently lose each other's commits. proper-lockfile takes the lock with an atomic
 * mkdir, which works on every file system (including network ones, unlike flock), and keeps its
 * mtime fresh while the process lives, so a lock left by a killed process goes stale on its own.
 * Beside it, the holder's pid lets a second process refuse at once with a message naming the
 * holder, and wait out a lock only when its holder is gone.
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

/** The lock was refreshed within the stale period: its holder's pid is not a reused one. */
async function isFresh(dataDir: string, stale: number): Promise<boolean> {
  const lock = await stat(path.join(dataDir, LOCK_NAME)).catch(() => undefined);
  return lock !== undefined && Date.now() - lock.mtimeMs < stale;
}

function isRunningHere(holder: DataFolderHolder): boolean {
  // Not this process: in a restarted container a stale holder often has this process's own pid.
  if (holder.host !== hostname() || holder.pid === process.pid) return false;
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
  // A live holder with a fresh lock is refused at once; any other lock is waited on until it is stale.
  if (holder && isRunningHere(holder) && (await isFresh(dataDir, stale))) throw new DataFolderInUseError(dataDir, holder);
  const interval = Math.max(250, Math.floor(stale / 10));
  const release = await lockfile
    .lock(dataDir, {
      lockfilePath: path.join(dataDir, LOCK_NAME),
      realpath: false,
      stale,
      // Only a lock whose holder cannot be confirmed alive is waited on, until it goes stale.
      retries: { retries: Math.ceil((stale * 1.5) / interval), factor: 1, minTimeout: interval, maxTimeout: interval },
      // Lost while held (the folder removed, or this process stalled past the stale period).
      onCompromised: (error) => failLoudly(dataDir, error),
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

/** For start-up: a folder in use is an operator's situation, not a crash, so it gets the message alone. */
export function exitIfInUse(error: unknown): never {
  if (!(error instanceof DataFolderInUseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
