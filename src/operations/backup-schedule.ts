import type { FastifyInstance } from 'fastify';
import type { Config } from '../platform/config.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { pruneBackups, writeBackup } from './backup.ts';

const HOUR_MS = 3_600_000;

/** One scheduled backup: a new file in the folder, then only the newest `keep` are kept. */
export async function backUpAndPrune(database: DatabaseHandle, config: Pick<Config, 'backups'>): Promise<{ file: string; removed: string[] }> {
  const folder = config.backups.folder!;
  const file = await writeBackup(database, folder);
  return { file, removed: await pruneBackups(folder, config.backups.keep) };
}

/** With BACKUP_DIR set, the running app backs itself up: a small scheme needs no scheduler of its own. */
export function backUpOnSchedule(app: FastifyInstance, database: DatabaseHandle, config: Config): void {
  if (!config.backups.folder) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const backUp = () => {
    running = backUpAndPrune(database, config).then(
      ({ file, removed }) => app.log.info({ file, removed: removed.length }, 'Scheduled backup written'),
      (error: unknown) => app.log.error({ err: error, folder: config.backups.folder }, 'Scheduled backup failed'),
    );
  };
  app.addHook('onReady', async () => {
    timer = setInterval(backUp, config.backups.everyHours * HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running; // The database closes after the app: let a backup under way finish first.
  });
}
