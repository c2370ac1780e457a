import Fastify, { type FastifyInstance } from 'fastify';
import './platform/http/types.ts';
import type { Config } from './platform/config.ts';
import { databaseHealth, type DatabaseHandle } from './platform/db/database.ts';
import { CallerDataSource } from './platform/db/caller-data.ts';
import { Credentials } from './platform/auth/credentials.ts';
import { InvitationDesk } from './platform/auth/invitation-desk.ts';
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
import { Messenger } from './platform/outbox/messenger.ts';
import { OutboxWorker } from './platform/outbox/worker.ts';
import { smtpTransport } from './platform/outbox/smtp-transport.ts';
import { requestForLog } from './platform/http/log-redaction.ts';
import { publicAddressesOnly, type AddressPolicy } from './platform/outbound/public-address.ts';

/** Settings that are not configuration: only tests pass them, so production cannot. */
export interface AppOptions {
  /** Lets a test treat its own local fake servers as public; production allows public addresses only. */
  fetchableAddress?: AddressPolicy;
}
import { registerAdmission, RequestTracker } from './platform/http/admission.ts';
import { ShutdownWork } from './platform/shutdown.ts';
import { anonymiseDueRecordsHourly } from './data-rights/index.ts';
import { backUpOnSchedule, serveLocalOperations } from './operations/index.ts';

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

export async function buildApp(config: Config, database: DatabaseHandle, options: AppOptions = {}): Promise<FastifyInstance> {
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
  const outbox = new OutboxWorker(database.db, config.smtpUrl ? smtpTransport(config.smtpUrl) : null, { from: config.smtpFrom, log: app.log });
  app.addHook('onReady', async () => outbox.start());
  const secretBox = new SecretBox(config.sessionSecret);
  // The one place the owner-rights handle is split into caller-bound access and narrow ports.
  // Only access control binds data access to a signed-in caller; routes can make only public callers.
  const callerData = new CallerDataSource(database.db);
  const context: AppContext = {
    config,
    publicData: (orgId, clientAddress) => callerData.forPublic(orgId, clientAddress),
    sessions: new SessionStore(database.db, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours }),
    signIn: new Credentials(database.db, secretBox),
    invitations: new InvitationDesk(database.db),
    health: databaseHealth(database),
    secretBox,
    templates: createTemplateEnvironment(assets, config.environment === 'development'),
    assets,
    messenger: new Messenger(outbox),
    fetchableAddress: options.fetchableAddress ?? publicAddressesOnly,
    requests: new RequestTracker(),
    shutdownWork: new ShutdownWork(),
  };

  // Tests and scripts reach the running app's services (messenger, sessions) through this.
  app.decorate('linkway', context);
  await registerSecurity(app, context);
  registerAdmission(app, context.requests, config.requestQueueLimit);
  registerAccessControl(app, context, callerData);
  registerRendering(app, context);
  registerErrorHandling(app);
  await registerAssets(app, context);
  for (const register of featureRoutes) await register(app, context);
  removeExpiredSessionsHourly(app, context.sessions);
  anonymiseDueRecordsHourly(app, database.db);
  context.shutdownWork.beforeDatabaseCloses('outbox', () => outbox.stop());
  // Fastify runs this after the server has closed; the database is closed only after app.close().
  app.addHook('onClose', () => context.shutdownWork.finishAll(config.shutdownGraceMs, app.log));
  backUpOnSchedule(app, database, config);
  serveLocalOperations(app, database);
  return app;
}
