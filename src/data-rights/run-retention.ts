import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { runRetention } from './retention-job.ts';

// `npm run retention`: the same job the running app does every hour, once, now.
const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const log = {
  info: (details: object, message: string) => console.log(message, JSON.stringify(details)),
  error: (details: object, message: string) => console.error(message, JSON.stringify(details, (_key, value: unknown) => (value instanceof Error ? value.message : value))),
};
try {
  await migrate(handle);
  const anonymised = await runRetention(handle.db, log);
  console.log(anonymised ? `Anonymised ${anonymised} ${anonymised === 1 ? 'record' : 'records'} past their retention date.` : 'No records are past their retention date.');
} finally {
  await handle.close();
}
