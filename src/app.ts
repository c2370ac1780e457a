import Fastify, { type FastifyInstance } from 'fastify';
import './platform/http/types.ts';
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { SessionStore } from './platform/auth/sessions.ts';
import { SecretBox } from './platform/auth/secret-box.ts';
import { registerAccessControl } from './platform/auth/access.ts';
import type { AppContext } from './platform/http/context.ts';
import { registerSecurity } from './platform/http/security.ts';
import { registerAssets } from './platform/http/assets-routes.ts';
import { registerRendering } from './platform/http/render-plugin.ts';
import { registerErrorHandling } from './platform/http/error-handling.ts';
import { fingerprintAssets } from './platform/views/assets.ts';
import { createTemplateEnvironment } from './platform/views/render.ts';
import { featureRoutes } from './routes.ts';
import { Messenger } from './messages/messenger.ts';
import { requestForLog } from './platform/http/log-redaction.ts';
import { anonymiseDueRecordsHourly } from './data-rights/retention-job.ts';
import { backUpOnSchedule } from './operations/backup-schedule.ts';
import { serveLocalOperations } from './operations/local-operations.ts';

const HOUR_MS = 3_600_000;

/** Expired sessions are refused on sight; this only keeps the table from growing forever. */
function removeExpiredSessionsHourly(app: FastifyInstance, sessions: SessionStore): void {
  let timer: NodeJS.Timeout | undefined;
  const sweep = () =>
    sessions.removeExpired().catch((error: unknown) => app.log.error({ err: error }, 'Removing expired sessions failed'));
  app.addHook('onReady', async () => {
    timer = setInterval(sweep, HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

export async function buildApp(config: Config, database: DatabaseHandle): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Only method, path and address are logged: never cookies, bodies or private-link secrets.
            serializers: { req: requestForLog },
          },
    trustProxy: process.env.TRUST_PROXY === 'true',
    bodyLimit: 256 * 1024,
  });
  const assets = fingerprintAssets();
  const context: AppContext = {
    config,
    database,
    sessions: new SessionStore(database.db, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours }),
    secretBox: new SecretBox(config.sessionSecret),
    templates: createTemplateEnvironment(assets, config.environment === 'development'),
    assets,
    messenger: new Messenger(database.db, config.smtpUrl, config.smtpFrom, app.log),
  };

  // Tests and scripts reach the running app's services (messenger, sessions) through this.
  app.decorate('linkway', context);
  await registerSecurity(app, context);
  registerAccessControl(app, context);
  registerRendering(app, context);
  registerErrorHandling(app);
  await registerAssets(app, context);
  for (const register of featureRoutes) await register(app, context);
  removeExpiredSessionsHourly(app, context.sessions);
  anonymiseDueRecordsHourly(app, database.db);
  backUpOnSchedule(app, database, config);
  serveLocalOperations(app, database);
  return app;
}
