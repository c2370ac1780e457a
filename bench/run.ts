// `npm run bench`: how close GET /caseload comes to what this machine can serve at all.
// Generates a scheme into a fresh database, starts Linkway in its own process, signs in as a link
// worker through the real form, then loads (a) a bare node:http page of the same size and (b) the
// caseload with autocannon from this process. The last line of stdout is caseload_vs_ceiling=<ratio>.
// Progress goes to stderr; the report to stdout. See docs/performance.md.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createDataset, type BenchDataset } from './dataset.ts';
import { measureLoad, problemsWith, type LoadFigures } from './load.ts';
import { describeMachine, machineIsBusy } from './machine.ts';
import { parseBenchOptions, USAGE, type BenchOptions } from './options.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { signInThroughForm } from './sign-in.ts';

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

interface CaseloadPage {
  bytes: number;
  youngPeopleShown: number;
}

/** One real request first: the load run only counts status codes, so the content is checked here. */
async function fetchCaseloadOnce(baseUrl: string, cookie: string): Promise<CaseloadPage> {
  const response = await fetch(`${baseUrl}/caseload`, { headers: { cookie }, redirect: 'manual' });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET /caseload answered ${response.status}, not 200`);
  if (!html.includes('<h1>My caseload</h1>')) throw new Error('GET /caseload answered 200 but not with the caseload page');
  const shown = /(\d+) open cases? of a capacity/.exec(html)?.[1];
  return { bytes: Buffer.byteLength(html), youngPeopleShown: Number(shown ?? 0) };
}

function linkwayServerEnv(dataset: BenchDataset): Record<string, string> {
  return {
    ...dataset.serverEnv,
    // Production settings (secure cookie names, cached templates, no demo seeding), quiet and
    // with a rate limit high enough never to answer 429 to the bench.
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    SEED_DEMO: 'never',
    HOST: '127.0.0.1',
    PORT: '0',
  };
}

function formatFigures(label: string, figures: LoadFigures): string {
  return [
    label.padEnd(10),
    `${figures.requestsPerSecond.toFixed(1).padStart(9)} req/s`,
    `p50 ${figures.latencyP50Ms.toFixed(1).padStart(7)} ms`,
    `p99 ${figures.latencyP99Ms.toFixed(1).padStart(7)} ms`,
    `${String(figures.requests).padStart(8)} requests`,
    `${figures.non2xx} non-2xx`,
    `${figures.errors} errors`,
  ].join('  ');
}

/** Three significant figures, so a small ratio keeps its precision (0.0456, not 0.046). */
function formatRatio(ratio: number): string {
  return String(Number(ratio.toPrecision(3)));
}

async function main(options: BenchOptions): Promise<number> {
  const { busy, loadAverage } = machineIsBusy();
  if (busy) progress(`WARNING: the 1-minute load average is ${loadAverage.toFixed(2)}; other work on this machine will skew the figures`);
  const size = { youngPeople: options.youngPeople, linkWorkers: options.linkWorkers, assets: options.assets };
  progress(`generating ${size.youngPeople} young people, ${size.linkWorkers} link workers, ${size.assets} assets (${options.databaseUrl ? 'PostgreSQL' : 'embedded'})`);
  const dataset = await createDataset(size, options.databaseUrl);
  const running: ServerProcess[] = [];
  try {
    const workerEmail = options.workerEmail ?? dataset.linkWorkerEmails[0];
    if (!workerEmail) throw new Error('The generated scheme has no link worker');
    const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`] : [];
    progress(`seeded in ${dataset.seedSeconds.toFixed(1)} s; starting Linkway`);
    const linkway = await startServerProcess('./linkway-server.ts', linkwayServerEnv(dataset), nodeArgs);
    running.push(linkway);

    const cookie = await signInThroughForm(linkway.url, workerEmail, dataset.password);
    const page = await fetchCaseloadOnce(linkway.url, cookie);
    progress(`signed in as ${workerEmail}; caseload page is ${page.bytes} bytes listing ${page.youngPeopleShown} young people`);

    const settings = { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds };
    // The ceiling runs alone: its process is stopped before Linkway is loaded, and Linkway is idle meanwhile.
    const ceilingServer = await startServerProcess('./ceiling-server.ts', { BENCH_BODY_BYTES: String(page.bytes) });
    running.push(ceilingServer);
    progress(`loading the ceiling (bare node:http, ${page.bytes}-byte page) for ${settings.warmupSeconds} + ${settings.durationSeconds} s`);
    const ceiling = await measureLoad(`${ceilingServer.url}/`, settings);
    await ceilingServer.stop();

    progress(`loading GET /caseload for ${settings.warmupSeconds} + ${settings.durationSeconds} s`);
    const caseload = await measureLoad(`${linkway.url}/caseload`, { ...settings, headers: { cookie } });
    await linkway.stop();
    if (options.cpuProfileDir) progress(`CPU profile of the Linkway process written to ${path.resolve(options.cpuProfileDir)}`);

    const problems = [
      ...(ceiling.warmup ? problemsWith('ceiling warm-up', ceiling.warmup, page.bytes) : []),
      ...problemsWith('ceiling', ceiling.measured, page.bytes),
      ...(caseload.warmup ? problemsWith('caseload warm-up', caseload.warmup, page.bytes) : []),
      ...problemsWith('caseload', caseload.measured, page.bytes),
    ];
    if (problems.length > 0) {
      for (const problem of problems) process.stderr.write(`bench: FAILED: ${problem}\n`);
      process.stderr.write('bench: FAILED: the figures do not measure what they claim; no ratio is reported\n');
      return 1;
    }

    const ratio = caseload.measured.requestsPerSecond / ceiling.measured.requestsPerSecond;
    const report = [
      'Linkway caseload benchmark',
      ...describeMachine(dataset.engine, loadAverage),
      `dataset:   ${size.youngPeople} young people, ${size.linkWorkers} link workers, ${size.assets} assets; signed in as ${workerEmail}`,
      `page:      GET /caseload, ${page.bytes} bytes, ${page.youngPeopleShown} young people listed`,
      `load:      autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured per target; servers in their own processes`,
      '',
      formatFigures('ceiling', ceiling.measured),
      formatFigures('caseload', caseload.measured),
      '',
      `caseload_vs_ceiling=${formatRatio(ratio)}`,
    ];
    process.stdout.write(`${report.join('\n')}\n`);
    return 0;
  } finally {
    for (const server of running) await server.stop();
    await dataset.remove();
  }
}

let options: BenchOptions | null;
try {
  options = parseBenchOptions(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (!options) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
try {
  process.exitCode = await main(options);
} catch (error) {
  process.stderr.write(`bench: FAILED: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
