import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { migrate } from '../platform/db/migrate.ts';
import { restoreEmbedded, restorePostgres } from './restore.ts';
import { runOneShot } from './one-shot.ts';

// `npm run restore <backup file>`: into an empty DATA_DIR, or into the empty database at DATABASE_URL.
const config = loadConfig();
const file = process.argv[2];
if (!file) {
  console.error('Name the backup to restore: npm run restore -- <file>');
  process.exit(1);
}
const backup = path.resolve(file);
try {
  if (config.databaseUrl) {
    await restorePostgres(backup, config.databaseUrl);
    // Start-up would do it too; done now so a restore that needs a fix says so at once.
    await runOneShot(config, 'npm run restore', async (database) => {
      await migrate(database);
      return `Restored ${backup}; Linkway's role and its grants are in place.`;
    });
  } else {
    await restoreEmbedded(backup, config.dataDir);
    console.log(`Restored ${backup} into ${config.dataDir}. Start Linkway with this DATA_DIR.`);
  }
} catch (error) {
  console.error(`The restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
