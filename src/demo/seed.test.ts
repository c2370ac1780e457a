import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { seedDemoIfEmpty } from './seed.ts';

test('the demo scheme is seeded into an empty database only', async () => {
  const database = await openTestDatabase();
  try {
    const demo = await seedDemoIfEmpty(database, { linkWorkers: 3, youngPeople: 60, assets: 40 });
    assert.ok(demo);
    assert.deepEqual(demo.logins.map((login) => login.role).sort(), ['admin', 'commissioner', 'link_worker', 'link_worker', 'link_worker', 'manager']);
    const counts = await sql<{ people: number; assets: number; stages: number; sessions: number }>`
      select (select count(*) from young_people) as people,
             (select count(*) from directory_services) as assets,
             (select count(distinct stage) from young_people) as stages,
             (select count(*) from support_sessions) as sessions`.execute(database.db);
    const row = counts.rows[0]!;
    assert.equal(Number(row.people), 60);
    assert.equal(Number(row.assets), 40);
    assert.ok(Number(row.stages) >= 4, 'young people are at varied stages');
    assert.ok(Number(row.sessions) > 0);
    assert.equal(await seedDemoIfEmpty(database), null, 'a second start does not seed again');
  } finally {
    await database.close();
  }
});
