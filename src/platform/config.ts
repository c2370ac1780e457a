import { z } from 'zod';
import { StartUpProblem } from './start-up-checks.ts';

/** Used by scripts and tests that open the database without the app's configuration, too. */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5000, acquireMs: 5000, statementMs: 10_000 };
const seconds = (ms: number) => ms / 1000;

const DEV_SESSION_SECRET = 'linkway-local-development-secret-do-not-use-in-production';

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z.string().url().optional(),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
    PUBLIC_URL: z.string().url().optional(),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    SMTP_URL: z.string().url().optional(),
    SMTP_FROM: z.string().default('Linkway <no-reply@linkway.invalid>'),
    SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_EVERY_HOURS: z.coerce.number().int().min(1).default(24),
    BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().positive().default(seconds(DEFAULT_DATABASE_TIMEOUTS.connectMs)),
    DATABASE_ACQUIRE_TIMEOUT_SECONDS: z.coerce.number().positive().default(seconds(DEFAULT_DATABASE_TIMEOUTS.acquireMs)),
    DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().positive().default(seconds(DEFAULT_DATABASE_TIMEOUTS.statementMs)),
    REQUEST_QUEUE_LIMIT: z.coerce.number().int().min(1).default(50),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().default(10),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'SESSION_SECRET is required when NODE_ENV=production' });
    }
  });

export interface Config {
  environment: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  publicUrl: string | undefined;
  seedDemo: boolean;
  /** Email is sent through this SMTP server when set; otherwise messages wait in the outbox. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Attempts per minute per client address on sign-in and public forms. */
  rateLimitPerMinute: number;
  logLevel: string;
  /** Scheduled backups: into `folder` (off when unset) every `everyHours`, keeping the newest `keep`. */
  backups: { folder: string | undefined; everyHours: number; keep: number };
  /** Cookies are marked Secure everywhere except local development and tests over plain HTTP. */
  secureCookies: boolean;
  databaseTimeouts: DatabaseTimeouts;
  /** Requests in progress at once (health checks and assets aside); more are turned away with 503. */
  requestQueueLimit: number;
  /** How long shutdown waits for requests in flight and work in hand before closing anyway. */
  shutdownGraceMs: number;
}

/** Bounds on every wait for the database, so a hung database fails requests instead of hanging them. */
export interface DatabaseTimeouts {
  /** Opening a new connection to PostgreSQL. */
  connectMs: number;
  /** Waiting for a free connection (the embedded database has one; PostgreSQL a pool). */
  acquireMs: number;
  /** One statement; PostgreSQL cancels it, and the client gives up a little later if the server is silent. */
  statementMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new StartUpProblem(`Linkway cannot start because its configuration is invalid: ${problems}`);
  }
  const e = parsed.data;
  return {
    environment: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    publicUrl: e.PUBLIC_URL,
    seedDemo: e.SEED_DEMO === 'auto' && e.NODE_ENV !== 'production',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    logLevel: e.LOG_LEVEL,
    backups: { folder: e.BACKUP_DIR, everyHours: e.BACKUP_EVERY_HOURS, keep: e.BACKUP_KEEP },
    secureCookies: e.NODE_ENV === 'production',
    databaseTimeouts: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000,
      acquireMs: e.DATABASE_ACQUIRE_TIMEOUT_SECONDS * 1000,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    },
    requestQueueLimit: e.REQUEST_QUEUE_LIMIT,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
  };
}
