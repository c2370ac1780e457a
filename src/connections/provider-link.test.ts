import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { createServiceRow } from '../../test/support/directory.ts';
import { agree, dateFields, providerLinkIn, refer, suggest } from '../../test/support/connections.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** A connection referred by email, with the provider's link, for a young person who agreed to share their first name. */
async function referredByEmail() {
  const org = await t.newOrganisation();
  const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Tamsin', familyName: 'Okonkwo' });
  const provider = `art-${randomBytes(4).toString('hex')}@art-club.example`;
  const serviceId = await createServiceRow(t.database, org.id, { name: 'Art club', categories: ['creative'], email: provider });
  const worker = new TestAgent(t.app);
  await worker.signIn(org.linkWorker);
  const connectionId = await suggest(worker, t.database, person.id, serviceId);
  await agree(worker, person.id, connectionId, ['first_name']);
  await refer(worker, person.id, connectionId, 'email');
  const { path } = await providerLinkIn(t.database, provider);
  return { connectionId, path, providerAgent: new TestAgent(t.app) };
}

const connection = (id: string) =>
  t.database.db.selectFrom('connections').select(['status', 'first_attended_on', 'provider_confirmed_on', 'stopped_on', 'stop_reason', 'response_expires_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the provider’s link after accepting', () => {
  test('keeps working: the provider records the first attendance, then that they still come, then that they stopped', async () => {
    const { connectionId, path, providerAgent } = await referredByEmail();
    assert.equal((await providerAgent.submit(path, { answer: 'accepted' })).status, 303);
    const accepted = await connection(connectionId);
    assert.ok(accepted.response_expires_at!.getTime() > Date.now() + 80 * 86_400_000, 'accepting keeps the link for weeks');

    const next = await providerAgent.get(path);
    assert.equal(next.status, 200);
    assert.doesNotMatch(pageText(next.body), /This link has been used/);
    assert.match(pageText(next.body), /How Tamsin is getting on at Art club/);

    const noDate = await providerAgent.submit(path, { step: 'first_attended' });
    assert.equal(noDate.status, 400);
    assert.match(pageText(noDate.body), /There is a problem Enter the date/);

    assert.equal((await providerAgent.submit(path, { step: 'first_attended', ...dateFields('onDate', '2026-03-14') })).status, 303);
    assert.deepEqual({ ...(await connection(connectionId)), response_expires_at: undefined }, {
      status: 'attending', first_attended_on: '2026-03-14', provider_confirmed_on: null, stopped_on: null, stop_reason: null, response_expires_at: undefined,
    });

    const attending = pageText((await providerAgent.get(path)).body);
    assert.match(attending, /Tamsin first came on 14 March 2026/);
    assert.equal((await providerAgent.submit(path, { step: 'still_attending' })).status, 303);
    assert.ok((await connection(connectionId)).provider_confirmed_on, 'still coming, as of today');

    const noReason = await providerAgent.submit(path, { step: 'stopped', ...dateFields('onDate', '2026-04-18') });
    assert.equal(noReason.status, 400);
    assert.match(pageText(noReason.body), /Select why they stopped/);
    assert.equal((await providerAgent.submit(path, { step: 'stopped', ...dateFields('onDate', '2026-04-18'), stopReason: 'moved_on' })).status, 303);
    const stopped = await connection(connectionId);
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.stopped_on, '2026-04-18');
    assert.equal(stopped.stop_reason, 'moved_on');

    // Nothing more to ask: the link thanks them and no longer shows the young person's name.
    const done = await providerAgent.get(path);
    assert.equal(done.status, 200);
    assert.doesNotMatch(pageText(done.body), /Tamsin/);
    assert.doesNotMatch(done.body, /name="step"/);
    const log = await t.database.db.selectFrom('access_log').select('actor_role').where('record_id', '=', connectionId).where('actor_role', '=', 'provider').execute();
    assert.equal(log.length, 4, 'each of the provider’s changes is logged as theirs');
  });

  test('a declined referral closes the link; an expired one is refused', async () => {
    const declined = await referredByEmail();
    await declined.providerAgent.submit(declined.path, { answer: 'declined' });
    const afterDecline = await declined.providerAgent.get(declined.path);
    assert.doesNotMatch(pageText(afterDecline.body), /Tamsin/);
    assert.doesNotMatch(afterDecline.body, /name="step"/);

    const accepted = await referredByEmail();
    await accepted.providerAgent.submit(accepted.path, { answer: 'accepted' });
    await t.database.db.updateTable('connections').set({ response_expires_at: new Date(Date.now() - 60_000) }).where('id', '=', accepted.connectionId).execute();
    assert.equal((await accepted.providerAgent.get(accepted.path)).status, 410);
    assert.equal((await connection(accepted.connectionId)).status, 'accepted');
  });
});
