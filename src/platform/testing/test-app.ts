import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { SecretBox } from '../auth/secret-box.ts';
import { openTestDatabase } from './test-database.ts';
import { createOrganisation, type TestOrganisation, type TestUser } from './fixtures.ts';
import { TestAgent } from './agent.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  secretBox: SecretBox;
  newOrganisation(): Promise<TestOrganisation>;
  /** A browser-like agent already signed in as this user (with their second factor, if they have one). */
  signedIn(user: TestUser): Promise<TestAgent>;
  close(): Promise<void>;
}

/** `given` is a test database opened by the caller (closed with the app); by default a fresh one. */
export async function startTestApp(overrides: Partial<Config> = {}, given?: DatabaseHandle): Promise<TestApp> {
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '10000' }), ...overrides };
  const database = given ?? (await openTestDatabase());
  const app = await buildApp(config, database);
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
    async close() {
      await app.close();
      await database.close();
    },
  };
}
