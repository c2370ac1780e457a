// `npx tsx bench/directory-search.ts [--services N] [--iterations N]`
// Directory search and matching at scale: a scratch embedded database gets one scheme with N
// community services (default 20,000) across varied categories, needs, ages, costs and venues, then
// the directory's own queries run one at a time in this process, as a link worker, and are timed:
// full-text search, filtered search, the re-check queue and a young person's ranked suggestions.
// Progress goes to stderr, the report to stdout. See docs/performance.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { CallerData, type CallerTransaction } from '../src/platform/db/caller-data.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createScheme } from '../src/scheme-settings/create-scheme.ts';
import { CATEGORIES } from '../src/directory/codes.ts';
import { NEEDS } from '../src/domain/codes.ts';
import { recheckQueue, searchServices } from '../src/directory/queries.ts';
import { searchQuery } from '../src/directory/schemas.ts';
import { postcodeCentroid, suggestServices } from '../src/directory/suggestions.ts';
import type { CategoryCode } from '../src/platform/db/tables/directory.ts';

const { values } = parseArgs({ args: process.argv.slice(2), options: { services: { type: 'string' }, iterations: { type: 'string' } } });
const serviceCount = Number(values.services ?? 20_000);
const iterations = Number(values.iterations ?? 30);
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

const WORDS = ['football', 'art', 'music', 'drama', 'cooking', 'gaming', 'climbing', 'coding', 'gardening', 'boxing', 'dance', 'chess', 'photography', 'volunteering', 'youth', 'club', 'group', 'workshop', 'mentoring', 'wellbeing'];
const categoryCodes = Object.keys(CATEGORIES) as CategoryCode[];
const needCodes = Object.keys(NEEDS);
// A deterministic generator, so every run measures the same directory.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const some = <T>(list: readonly T[], most: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(list)))];

async function seedDirectory(tx: CallerTransaction, orgId: string) {
  const organization = await tx.db.insertInto('directory_organizations').values({ org_id: orgId, name: 'Bench providers' }).returning('id').executeTakeFirstOrThrow();
  for (let start = 0; start < serviceCount; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, serviceCount - start) }, (_, i) => {
      const minimum = pick([null, 11, 13, 16]);
      return {
        org_id: orgId,
        organization_id: organization.id,
        name: `${pick(WORDS)} ${pick(WORDS)} ${start + i}`,
        description: Array.from({ length: 12 }, () => pick(WORDS)).join(' '),
        categories: some(categoryCodes, 2),
        needs: some(needCodes, 3),
        minimum_age: minimum,
        maximum_age: minimum === null ? null : pick([null, 18, 25]),
        cost: random() < 0.6 ? ('free' as const) : ('paid' as const),
        waiting_weeks: random() < 0.5 ? null : Math.floor(random() * 12),
        taking_referrals: random() < 0.85,
        last_checked_at: random() < 0.05 ? null : new Date(Date.now() - random() * 400 * 86_400_000),
      };
    });
    const services = await tx.db.insertInto('directory_services').values(batch).returning('id').execute();
    const locations = await tx.db
      .insertInto('directory_locations')
      .values(services.map(() => ({ org_id: orgId, postcode: `LS${1 + Math.floor(random() * 28)} ${Math.floor(random() * 10)}AB`, latitude: 53.7 + random() * 0.2, longitude: -1.65 + random() * 0.3 })))
      .returning('id')
      .execute();
    await tx.db.insertInto('directory_service_at_locations').values(services.map((service, i) => ({ org_id: orgId, service_id: service.id, location_id: locations[i]!.id }))).execute();
  }
}

function summarise(label: string, timings: number[], rows: number) {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `${label.padEnd(44)} ${at(0.5).toFixed(1).padStart(8)} ${at(0.9).toFixed(1).padStart(8)} ${String(rows).padStart(6)}`;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'linkway-directory-bench-'));
const handle = await openDatabase({ dataDir });
try {
  progress('migrating a scratch database');
  await migrate(handle);
  const orgId = await createScheme(handle.db, 'Bench Youth Link', 'bench-youth-link');
  const worker = await handle.db
    .insertInto('users')
    .values({ org_id: orgId, email: 'worker@bench.test', name: 'Bench worker', role: 'link_worker' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const data = new CallerData(handle.db, { userId: worker.id, orgId, role: 'link_worker', clientAddress: null });
  const seeding = performance.now();
  progress(`seeding ${serviceCount} services`);
  await data.run((tx) => seedDirectory(tx, orgId));
  await sql`analyze`.execute(handle.db);
  progress(`seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const profile = { interests: ['sports', 'creative'], needs: ['low_mood', 'loneliness'], age: 15, barriers: ['cost', 'travel'] };
  const cases: [string, (tx: CallerTransaction) => Promise<number>][] = [
    ['search: no words, first page', async (tx) => (await searchServices(tx, searchQuery.parse({}), 90)).services.length],
    ['search: "football club"', async (tx) => (await searchServices(tx, searchQuery.parse({ q: 'football club' }), 90)).services.length],
    ['search: "music" + sports + low mood + age 15', async (tx) => (await searchServices(tx, searchQuery.parse({ q: 'music', category: 'sports', need: 'low_mood', age: '15' }), 90)).services.length],
    ['search: free + taking people + stale, page 3', async (tx) => (await searchServices(tx, searchQuery.parse({ free: 'yes', open: 'yes', stale: 'yes', page: '3' }), 90)).services.length],
    ['re-check queue, first page', async (tx) => (await recheckQueue(tx, 90, 1)).services.length],
    ['suggestions (centroid + shortlist + rank)', async (tx) => {
      const home = await postcodeCentroid(tx, 'LS6 2AB');
      return (await suggestServices(tx, { ...profile, home }, 90)).length;
    }],
  ];
  const report = [`Linkway directory search benchmark: ${serviceCount} services, PGlite (embedded), ${iterations} sequential runs each after 3 warm-ups`, `${'query'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'rows'.padStart(6)}`];
  for (const [label, run] of cases) {
    const timings: number[] = [];
    let rows = 0;
    for (let i = 0; i < iterations + 3; i++) {
      const started = performance.now();
      rows = await data.run(run);
      if (i >= 3) timings.push(performance.now() - started);
    }
    report.push(summarise(label, timings, rows));
  }
  process.stdout.write(`${report.join('\n')}\n`);
} finally {
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
}
