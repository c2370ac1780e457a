import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createAllocatedReferral } from '../../test/support/contact.ts';
import { createReferral } from '../../test/support/triage.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('someone known who is referred again after discharge starts a second episode on the same record', async () => {
  const org = await t.newOrganisation();
  const { person, referral: first } = await createAllocatedReferral(t.database, org, { givenName: 'Ola', familyName: 'Berg' });
  const worker = new TestAgent(t.app);
  await worker.signIn(org.linkWorker);
  const path = `/young-people/${person.id}/discharge`;
  const check = await worker.submit(path, { reason: 'moved_on_to_community_support', closingSummary: 'Goes to the youth club every week' });
  assert.equal((await worker.submitPage(check, path, {}, `${path}/confirm`)).status, 303);

  const again = await createReferral(t.database, org.id, { givenName: 'Ola', familyName: 'Berg' });
  const manager = new TestAgent(t.app);
  await manager.signIn(org.manager);
  const accepted = await manager.submit(`/referrals/${again.id}`, { youngPerson: person.id }, `/referrals/${again.id}/accept`);
  assert.equal(accepted.status, 303);

  const episodes = await t.database.db
    .selectFrom('episodes')
    .select(['referral_id', 'closed_on', 'discharge_reason'])
    .where('young_person_id', '=', person.id)
    .orderBy('created_at')
    .execute();
  assert.equal(episodes.length, 2);
  assert.ok(episodes[0]!.closed_on, 'the first episode stays closed');
  assert.equal(episodes[0]!.discharge_reason, 'moved_on_to_community_support');
  assert.deepEqual(episodes[1], { referral_id: again.id, closed_on: null, discharge_reason: null });
  const firstReferral = await t.database.db.selectFrom('referrals').select('status').where('id', '=', first.id).executeTakeFirstOrThrow();
  assert.equal(firstReferral.status, 'closed');

  const history = pageText((await manager.get(path)).body);
  assert.match(history, /Why is support ending\?/, 'the new episode can be ended in its turn');
  assert.match(history, /Episodes of support Current episode: since .*\. .* to .* Reason Moved on to community support Closing summary Goes to the youth club every week/);
});
