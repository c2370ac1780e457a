import { parseArgs } from 'node:util';

export interface BenchOptions {
  youngPeople: number;
  linkWorkers: number;
  assets: number;
  /** Seconds measured for each target, after the warm-up. */
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** A PostgreSQL server to create (and afterwards drop) a fresh database on; unset means embedded. */
  databaseUrl: string | undefined;
  /** Which link worker to sign in as; unset means the first one the seed creates. */
  workerEmail: string | undefined;
  /** When set, the Linkway server process writes a V8 CPU profile into this folder. */
  cpuProfileDir: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [options]

  --young-people N     young people in the generated scheme (default 2000)
  --link-workers N     link workers in the generated scheme (default 10)
  --assets N           directory services in the generated scheme (default 40)
  --duration S         seconds measured per target (default 10)
  --warmup S           seconds of discarded warm-up per target (default 3)
  --connections N      concurrent connections (default 10)
  --database-url URL   PostgreSQL server to create a throwaway database on
                       (default: env BENCH_DATABASE_URL, else embedded PGlite in a temp folder)
  --worker-email EMAIL link worker to sign in as (default: the first one seeded)
  --cpu-prof DIR       write a CPU profile of the Linkway server process into DIR
  --help               show this`;

function positiveInteger(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < (allowZero ? 0 : 1)) throw new Error(`--${name} must be a whole number${allowZero ? '' : ' above 0'}, got "${value}"`);
  return parsed;
}

/** Returns null when only help was asked for. */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      'young-people': { type: 'string' },
      'link-workers': { type: 'string' },
      assets: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'database-url': { type: 'string' },
      'worker-email': { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return null;
  return {
    youngPeople: positiveInteger('young-people', values['young-people'], 2000),
    linkWorkers: positiveInteger('link-workers', values['link-workers'], 10),
    assets: positiveInteger('assets', values.assets, 40, true),
    durationSeconds: positiveInteger('duration', values.duration, 10),
    warmupSeconds: positiveInteger('warmup', values.warmup, 3, true),
    connections: positiveInteger('connections', values.connections, 10),
    databaseUrl: values['database-url'] ?? (env.BENCH_DATABASE_URL || undefined),
    workerEmail: values['worker-email'],
    cpuProfileDir: values['cpu-prof'],
  };
}
