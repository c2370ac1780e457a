import { loadConfig } from '../platform/config.ts';
import { migrate } from '../platform/db/migrate.ts';
import { runOneShot } from '../operations/index.ts';
import { runRetention } from './retention-job.ts';

// `npm run retention`: the same job the running app does every hour, once, now (by the running app, if one holds the folder).
const log = {
  info: (details: object, message: string) => console.log(message, JSON.stringify(details)),
  error: (details: object, message: string) => console.error(message, JSON.stringify(details, (_key, value: unknown) => (value instanceof Error ? value.message : value))),
};
const inWords = (anonymised: number) =>
  anonymised ? `Anonymised ${anonymised} ${anonymised === 1 ? 'record' : 'records'} past their retention date.` : 'No records are past their retention date.';
await runOneShot(
  loadConfig(),
  'npm run retention',
  async (database) => {
    await migrate(database);
    return inWords(await runRetention(database.db, log));
  },
  { action: 'retention', report: (answer) => inWords(Number(answer.anonymised)) },
);
