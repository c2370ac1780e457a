import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { writeBackup } from './backup.ts';
import { runOneShot } from './one-shot.ts';

// `npm run backup [folder]`: a consistent backup now, into the folder (default BACKUP_DIR, or ./backups).
const config = loadConfig();
const folder = path.resolve(process.argv[2] ?? config.backups.folder ?? 'backups');
await runOneShot(
  config,
  'npm run backup',
  async (database) => `Backup written: ${await writeBackup(database, folder)}`,
  { action: 'backup', body: { folder }, report: (answer) => `backup written: ${String(answer.file)}` },
);
