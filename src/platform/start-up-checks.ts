import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** A reason Linkway cannot start that the operator can fix; its message is the one line they see. */
export class StartUpProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartUpProblem';
  }
}

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** The one line for a failure to listen, or undefined for one nobody could act on. */
export function explainListenFailure(error: unknown, host: string, port: number): StartUpProblem | undefined {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return new StartUpProblem(`Port ${port} on ${host} is already in use (is Linkway already running?): stop the other program or set PORT to a free port.`);
    case 'EACCES':
      return new StartUpProblem(`Linkway is not allowed to listen on port ${port}: set PORT to a port above 1023, or let a reverse proxy take port ${port}.`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartUpProblem(`HOST ${host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all of them.`);
    default:
      return undefined;
  }
}

/** Checked before any slow work (migrating, seeding), so a port in use is known at once. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  }).catch((error: unknown) => {
    throw explainListenFailure(error, host, port) ?? error;
  });
}

function dataDirProblem(error: unknown, dataDir: string): StartUpProblem | undefined {
  switch (codeOf(error)) {
    case 'EEXIST':
    case 'ENOTDIR':
      return new StartUpProblem(`DATA_DIR ${dataDir} is a file, or inside one, not a folder: set DATA_DIR to a folder (Linkway creates it if it is missing).`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StartUpProblem(`Linkway cannot write to DATA_DIR ${dataDir}: give the user running Linkway write access to it, or set DATA_DIR to a folder it can write to.`);
    default:
      return undefined;
  }
}

/** The embedded database's folder exists (or is made) and can be written to. */
export async function checkDataDir(dataDir: string): Promise<void> {
  // An existing folder satisfies mkdir whatever its permissions, so writing is tried as well.
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw dataDirProblem(error, dataDir) ?? error;
  }
}

/** The one line for a PostgreSQL server that cannot be used, or undefined for any other failure. */
export function explainDatabaseFailure(error: unknown, databaseUrl: string, connectMs: number): StartUpProblem | undefined {
  const url = new URL(databaseUrl);
  const server = `PostgreSQL at ${url.hostname}:${url.port || 5432}`;
  const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : '';
  if (code === 'ECONNREFUSED') return new StartUpProblem(`${server} refused the connection: start the server, or correct the host and port in DATABASE_URL.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new StartUpProblem(`The host ${url.hostname} in DATABASE_URL was not found: correct DATABASE_URL.`);
  if (code === '3D000') return new StartUpProblem(`${server} has no database named ${database}: create it (createdb ${database}) or correct DATABASE_URL.`);
  if (code === '28P01' || code === '28000') return new StartUpProblem(`${server} refused the user or password in DATABASE_URL: ${message}.`);
  if (/timeout|terminated/i.test(message) || code === 'ETIMEDOUT') {
    return new StartUpProblem(`${server} did not answer within ${connectMs / 1000} s: check that it is running and reachable, or raise DATABASE_CONNECT_TIMEOUT_SECONDS.`);
  }
  return undefined;
}
