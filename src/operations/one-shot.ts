import type { Config } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { DataFolderInUseError } from '../platform/db/data-folder-lock.ts';
import { askRunningServer } from './local-control.ts';

/**
 * Runs a one-shot command (`npm run backup`, `retention`, …): on its own database handle when the
 * database is free, or, when a running server holds the embedded folder, by asking that server.
 * A holder that cannot be asked (another one-shot command) is named in the refusal.
 */
export async function runOneShot(
  config: Config,
  command: string,
  own: (database: DatabaseHandle) => Promise<string>,
  byServer?: { action: string; body?: Record<string, unknown>; report: (answer: Record<string, unknown>) => string },
): Promise<void> {
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, command });
    try {
      console.log(await own(database));
    } finally {
      await database.close();
    }
  } catch (error) {
    if (!(error instanceof DataFolderInUseError) || !byServer) return fail(error);
    const answer = await askRunningServer(config.dataDir, byServer.action, byServer.body).catch((asking: NodeJS.ErrnoException) =>
      ['ENOENT', 'ECONNREFUSED'].includes(asking.code ?? '') ? fail(error) : fail(asking),
    );
    if (answer) console.log(`Done by the running Linkway (pid ${error.holder?.pid}): ${byServer.report(answer)}`);
  }
}

function fail(error: unknown): undefined {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
  return undefined;
}
