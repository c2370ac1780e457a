import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { runRetention } from '../data-rights/index.ts';
import { writeBackup } from './backup.ts';
import { serveLocalControl } from './local-control.ts';

/**
 * The server holding an embedded data folder does, on request from a one-shot command on the same
 * machine, what that command cannot do itself while the folder is held: a backup, a retention run.
 */
export function serveLocalOperations(app: FastifyInstance, database: DatabaseHandle): void {
  const dataDir = database.dataDir;
  if (!dataDir) return;
  let stop: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stop = await serveLocalControl(
      dataDir,
      {
        backup: async (body) => {
          if (typeof body.folder !== 'string' || !path.isAbsolute(body.folder)) throw new Error('A backup needs an absolute folder');
          const file = await writeBackup(database, body.folder);
          app.log.info({ file }, 'Backup written on request');
          return { file };
        },
        retention: async () => ({ anonymised: await runRetention(database.db, app.log) }),
      },
      app.log,
    );
  });
  app.addHook('onClose', async () => stop?.());
}
