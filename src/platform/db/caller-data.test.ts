import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createYoungPerson, type TestOrganisation } from '../../../test/support/fixtures.ts';
import { CallerData, youngPersonRow } from './caller-data.ts';

let t: TestApp;
let org: TestOrganisation;
before(async () => {
  t = await startTestApp();
  org = await t.newOrganisation();
});
after(() => t.close());

const asManager = () => new CallerData(t.database.db, { userId: org.manager.id, orgId: org.id, role: 'manager', clientAddress: null });
const logged = (personId: string) =>
  t.database.db.selectFrom('access_log').select('action').where('young_person_id', '=', personId).where('actor_user_id', '=', org.manager.id).execute();

test('a change cannot be used to read around the access log: its handle can only insert, update and delete', async () => {
  const person = await createYoungPerson(t.database, org.id, { givenName: 'Noor' });
  await asManager().run((tx) =>
    tx.changePersonal(async (db) => {
      // @ts-expect-error the change handle has no select
      assert.equal(db.selectFrom, undefined);
      // Nor can raw SQL run through it: sql`…`.execute(db) needs an executor.
      assert.equal('getExecutor' in db, false);
      await db.updateTable('young_people').set({ preferred_name: 'Nooree' }).where('id', '=', person.id).execute();
    }),
  );
  assert.deepEqual((await logged(person.id)).map((row) => row.action), ['update'], 'the change itself is logged by the trigger');
});

test('a read through readPersonal sees the row and is logged', async () => {
  const person = await createYoungPerson(t.database, org.id, { givenName: 'Idris' });
  const rows = await asManager().run((tx) =>
    tx.readPersonal({ action: 'view', recordType: 'young_people', identify: youngPersonRow }, (db) => db.selectFrom('young_people').select(['id', 'given_name']).where('id', '=', person.id).execute()),
  );
  assert.deepEqual(rows, [{ id: person.id, given_name: 'Idris' }]);
  assert.deepEqual((await logged(person.id)).map((row) => row.action), ['view']);
});
