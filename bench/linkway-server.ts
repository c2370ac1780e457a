// The Linkway server under test, run as its own process by bench/run.ts. Configuration comes
// from the environment the bench sets (production settings, silent log, high rate limit).
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { LISTENING_PREFIX } from './server-process.ts';

const config = loadConfig(process.env);
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const app = await buildApp(config, database);
await app.listen({ host: config.host, port: config.port });

process.once('SIGTERM', () => {
  // A clean exit (not death by signal) is what lets --cpu-prof write its profile.
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});

const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('The server has no TCP address');
process.stdout.write(`${LISTENING_PREFIX}http://${config.host}:${address.port}\n`);
