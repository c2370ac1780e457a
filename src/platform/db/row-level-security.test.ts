import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createYoungPerson, type TestOrganisation, type TestUser } from '../../../test/support/fixtures.ts';
import { CallerData, youngPersonRow } from './caller-data.ts';

// These tests go around the application's own filters on purpose: each query below "forgets" its
// tenant or allocation filter, and the database must still refuse to show or change the rows.
let t: TestApp;
let orgA: TestOrganisation;
let orgB: TestOrganisation;
before(async () => {
  t = await startTestApp();
  orgA = await t.newOrganisation();
  orgB = await t.newOrganisation();
});
after(() => t.close());

function as(user: TestUser, org: TestOrganisation) {
  return new CallerData(t.database.db, { userId: user.id, orgId: org.id, role: user.role, clientAddress: '127.0.0.1' });
}

const everyone = { action: 'list', recordType: 'young_people', identify: youngPersonRow } as const;

test('a query with no tenant filter sees only its own organisation', async () => {
  const theirs = await createYoungPerson(t.database, orgB.id, { allocatedTo: orgB.linkWorker.id });
  const users = await as(orgA.manager, orgA).run((tx) => tx.db.selectFrom('users').select(['org_id']).execute());
  assert.ok(users.length >= 5);
  assert.ok(users.every((user) => user.org_id === orgA.id));
  const people = await as(orgA.manager, orgA).run((tx) => tx.readPersonal(everyone, (db) => db.selectFrom('young_people').select('id').execute()));
  assert.ok(!people.some((person) => person.id === theirs.id));
  const byId = await as(orgA.admin, orgA).run((tx) =>
    tx.readPersonal(everyone, (db) => db.selectFrom('young_people').select('id').where('id', '=', theirs.id).execute()),
  );
  assert.deepEqual(byId, [], 'not even by its exact id');
});

test('changes to another organisation’s rows touch nothing, and rows cannot be planted there', async () => {
  const theirs = await createYoungPerson(t.database, orgB.id, { givenName: 'Untouched' });
  await as(orgA.manager, orgA).run((tx) => tx.changePersonal((db) => db.updateTable('young_people').set({ given_name: 'Changed' }).execute()));
  const after = await t.database.db.selectFrom('young_people').select('given_name').where('id', '=', theirs.id).executeTakeFirstOrThrow();
  assert.equal(after.given_name, 'Untouched');
  await assert.rejects(
    as(orgA.manager, orgA).run((tx) =>
      tx.changePersonal((db) =>
        db.insertInto('young_people').values({ org_id: orgB.id, given_name: 'Planted', family_name: 'Row', date_of_birth: '2010-01-01' }).execute(),
      ),
    ),
    /row-level security/,
  );
});

test('a link worker’s unfiltered query returns only the young people allocated to them', async () => {
  const mine = await createYoungPerson(t.database, orgA.id, { allocatedTo: orgA.linkWorker.id });
  const notMine = await createYoungPerson(t.database, orgA.id, { allocatedTo: orgA.otherLinkWorker.id });
  const seen = await as(orgA.linkWorker, orgA).run((tx) => tx.readPersonal(everyone, (db) => db.selectFrom('young_people').select('id').execute()));
  const ids = seen.map((row) => row.id);
  assert.ok(ids.includes(mine.id));
  assert.ok(!ids.includes(notMine.id));
});

test('a commissioner’s query returns no young person at all', async () => {
  await createYoungPerson(t.database, orgA.id, { allocatedTo: orgA.linkWorker.id });
  const seen = await as(orgA.commissioner, orgA).run((tx) => tx.readPersonal(everyone, (db) => db.selectFrom('young_people').select('id').execute()));
  assert.deepEqual(seen, []);
});

test('the audit trail is append-only for the application', async () => {
  await assert.rejects(
    as(orgA.manager, orgA).run((tx) => tx.db.deleteFrom('access_log').execute()),
    /permission denied/,
  );
  await assert.rejects(
    as(orgA.manager, orgA).run((tx) => tx.db.updateTable('record_history').set({ new_value: 'rewritten' }).execute()),
    /permission denied/,
  );
});
