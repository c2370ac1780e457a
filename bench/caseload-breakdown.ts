// `npx tsx bench/caseload-breakdown.ts [same dataset flags as bench/run.ts] [--iterations N]`
// Where one GET /caseload spends its time: the same steps the route takes, run one request at a
// time in this process and timed stage by stage. The load figures in bench/run.ts say how fast;
// this says why. Not a substitute for them: no HTTP, no concurrency, no Fastify hooks.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { CASELOAD_PAGE, myCaseloadPage } from '../src/caseload/routes.ts';
import { SessionStore } from '../src/platform/auth/sessions.ts';
import { CallerData, type CallerTransaction } from '../src/platform/db/caller-data.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { navigationFor } from '../src/platform/http/navigation.ts';
import { fingerprintAssets } from '../src/platform/views/assets.ts';
import { createTemplateEnvironment } from '../src/platform/views/render.ts';
import { createDataset } from './dataset.ts';
import { parseBenchOptions } from './options.ts';

const STAGES = ['session lookup', 'begin + set_config + commit', 'caseload select', 'access_log insert', 'map + render'] as const;
type Stage = (typeof STAGES)[number];

const { values, tokens } = parseArgs({ args: process.argv.slice(2), options: { iterations: { type: 'string' } }, strict: false, tokens: true });
const iterations = Number(values.iterations ?? 30);
const passOn = tokens.filter((token) => !(token.kind === 'option' && token.name === 'iterations')).flatMap((token) => {
  if (token.kind === 'option') return token.value === undefined ? [token.rawName] : [token.rawName, token.value];
  return token.kind === 'positional' ? [token.value] : [];
});
const options = parseBenchOptions(passOn, process.env);
if (!options) throw new Error('See bench/options.ts for the dataset flags, plus --iterations N');

const dataset = await createDataset({ youngPeople: options.youngPeople, linkWorkers: options.linkWorkers, assets: options.assets }, options.databaseUrl);
const database = await openDatabase({ databaseUrl: dataset.serverEnv.DATABASE_URL, dataDir: dataset.serverEnv.DATA_DIR });
try {
  const db = database.db as Kysely<Database>;
  const email = options.workerEmail ?? dataset.linkWorkerEmails[0]!;
  const worker = await db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.org_id').select(['u.id', 'u.org_id', 'u.name', 'o.name as org']).where('u.email', '=', email).executeTakeFirstOrThrow();
  const sessions = new SessionStore(db, { idleMinutes: 30, maxHours: 12 });
  const token = await sessions.create(worker.id, worker.org_id, false);
  const templates = createTemplateEnvironment(fingerprintAssets(), false);
  const timings = new Map<Stage, number[]>(STAGES.map((stage) => [stage, []]));
  let rowsShown = 0;

  const oneRequest = async (record: boolean) => {
    const spent = new Map<Stage, number>();
    const timed = async <T>(stage: Stage, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        spent.set(stage, (spent.get(stage) ?? 0) + performance.now() - started);
      }
    };
    const account = await timed('session lookup', () => sessions.load(token));
    if (!account) throw new Error('The session did not load');
    const data = new CallerData(db, { userId: account.userId, orgId: account.orgId, role: account.role, clientAddress: '127.0.0.1' });
    const runStarted = performance.now();
    const page = await data.run(async (tx) => {
      // The route's own queries, with the select inside readPersonal timed apart from its audit insert.
      const timedTx = Object.create(tx) as CallerTransaction;
      timedTx.readPersonal = async (read, query) => {
        let selectMs = 0;
        const started = performance.now();
        const rows = await tx.readPersonal(read, async (inner) => {
          const rows = await timed('caseload select', () => query(inner));
          selectMs = spent.get('caseload select')!;
          return rows;
        });
        spent.set('access_log insert', performance.now() - started - selectMs);
        return rows;
      };
      return myCaseloadPage(timedTx, account.userId);
    });
    const inside = (spent.get('caseload select') ?? 0) + (spent.get('access_log insert') ?? 0);
    spent.set('begin + set_config + commit', performance.now() - runStarted - inside);
    rowsShown = page.people.length;
    await timed('map + render', async () =>
      templates.render(CASELOAD_PAGE, {
        account,
        navigation: navigationFor(account.role, '/caseload'),
        accountItems: [{ text: `${account.name}, ${account.organisationName}`, icon: true }],
        cspNonce: 'nonce',
        csrfToken: () => 'token',
        ...page,
      }),
    );
    if (record) for (const [stage, ms] of spent) timings.get(stage)!.push(ms);
  };

  for (let i = 0; i < 5; i++) await oneRequest(false);
  for (let i = 0; i < iterations; i++) await oneRequest(true);

  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const medians = STAGES.map((stage) => percentile([...timings.get(stage)!].sort((a, b) => a - b), 0.5));
  const total = medians.reduce((sum, ms) => sum + ms, 0);
  console.log(`${dataset.engine}; ${rowsShown} young people on the caseload; ${iterations} sequential requests`);
  console.log(`${'stage'.padEnd(30)} ${'median ms'.padStart(10)} ${'p90 ms'.padStart(8)} ${'share'.padStart(6)}`);
  STAGES.forEach((stage, index) => {
    const sorted = [...timings.get(stage)!].sort((a, b) => a - b);
    console.log(`${stage.padEnd(30)} ${medians[index]!.toFixed(2).padStart(10)} ${percentile(sorted, 0.9).toFixed(2).padStart(8)} ${`${((100 * medians[index]!) / total).toFixed(0)}%`.padStart(6)}`);
  });
  console.log(`${'sum of medians'.padEnd(30)} ${total.toFixed(2).padStart(10)}`);
} finally {
  await database.close();
  await dataset.remove();
}
