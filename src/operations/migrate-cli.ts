import { loadConfig } from '../platform/config.ts';
import { runOneShot } from './one-shot.ts';
import { migrate } from '../platform/db/migrate.ts';

// While a server holds the embedded folder this refuses: the server migrated it when it started.
await runOneShot(loadConfig(), 'npm run migrate', async (database) => {
  const { applied, grantsRestored } = await migrate(database);
  const grants = grantsRestored ? ` Gave the linkway_app role back ${grantsRestored} missing grants.` : '';
  return (applied.length ? `Applied migrations: ${applied.join(', ')}.` : 'The database is up to date.') + grants;
});
