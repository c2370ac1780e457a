import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { SecretBox } from '../../src/platform/auth/secret-box.ts';
import { openTestDatabase } from './test-database.ts';
import { createOrganisation, type TestOrganisation, type TestUser } from './fixtures.ts';
import { TestAgent } from './agent.ts';
import { isPublicAddress } from '../../src/platform/outbound/public-address.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  secretBox: SecretBox;
  newOrganisation(): Promise<TestOrganisation>;
  /** A browser-like agent already signed in as this user (with their second factor, if they have one). */
  signedIn(user: TestUser): Promise<TestAgent>;
  /** Lets the app fetch from this test's own local server (e.g. a fake feed) as if it were public. */
  treatAsPublic(origin: string): void;
  close(): Promise<void>;
}

/** `given` is a test database opened by the caller (closed with the app); by default a fresh one. */
export async function startTestApp(overrides: Partial<Config> = {}, given?: DatabaseHandle): Promise<TestApp> {
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '10000' }), ...overrides };
  const database = given ?? (await openTestDatabase());
  // Exact address and port only: any other local service stays as unreachable as in production.
  const publicForTest = new Set<string>();
  const fetchableAddress = (address: string, port: number) => isPublicAddress(address) || publicForTest.has(`${address}:${port}`);
  const app = await buildApp(config, database, { fetchableAddress });
  await app.ready();
  const secretBox = new SecretBox(config.sessionSecret);
  return {
    app,
    database,
    config,
    secretBox,
    newOrganisation: () => createOrganisation(database, secretBox),
    async signedIn(user) {
      const agent = new TestAgent(app);
      await agent.signIn(user);
      return agent;
    },
    treatAsPublic(origin) {
      const url = new URL(origin);
      publicForTest.add(`${url.hostname.replace(/^\[(.*)\]$/, '$1')}:${url.port}`);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
