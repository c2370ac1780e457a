import { loadConfig, type Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { StartUpProblem, checkDataDir, checkPortFree, explainDatabaseFailure, explainListenFailure } from './platform/start-up-checks.ts';

// The rest of Linkway is imported only once the quick checks pass: loading it all takes seconds,
// and a port in use or a wrong DATA_DIR should be reported at once.

/** Opens and migrates the database, turning a server that cannot be used into one plain line. */
async function readyDatabase(config: Config): Promise<DatabaseHandle> {
  if (!config.databaseUrl) await checkDataDir(config.dataDir);
  const { openDatabase } = await import('./platform/db/database.ts');
  const { migrate } = await import('./platform/db/migrate.ts');
  const { exitIfInUse } = await import('./platform/db/data-folder-lock.ts');
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    timeouts: config.databaseTimeouts,
    command: 'npm start',
  }).catch(exitIfInUse);
  try {
    await migrate(database);
    return database;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw (config.databaseUrl && explainDatabaseFailure(error, config.databaseUrl, config.databaseTimeouts.connectMs)) || error;
  }
}

async function start(): Promise<void> {
  const config = loadConfig();
  await checkPortFree(config.host, config.port);
  const database = await readyDatabase(config);
  const { seedDemoIfEmpty } = await import('./demo/index.ts');
  const { buildApp } = await import('./app.ts');
  const { closeGracefully } = await import('./platform/shutdown.ts');
  const demo = config.seedDemo ? await seedDemoIfEmpty(database) : null;
  const app = await buildApp(config, database);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      app.log.warn({ signal }, 'Second signal during shutdown: stopping now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal, withinMs: config.shutdownGraceMs }, 'Shutting down: finishing requests in flight');
    try {
      await closeGracefully(app, database);
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
    throw explainListenFailure(error, config.host, config.port) ?? error;
  });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  const { startupMessage } = await import('./startup-message.ts');
  console.log(startupMessage(url, database.kind === 'embedded' ? `embedded, in ${config.dataDir}` : 'PostgreSQL', demo));
}

try {
  await start();
} catch (error) {
  if (!(error instanceof StartUpProblem)) throw error;
  console.error(error.message);
  process.exit(1);
}
