import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { randomBytes } from 'node:crypto';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { createServiceRow } from '../../test/support/directory.ts';
import { agree, connectionsPath, dateFields, providerLinkIn, refer, stepPath, suggest } from '../../test/support/connections.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** A young person allocated to the link worker, an art club that takes email referrals, and a suggestion. */
async function suggested() {
  const org = await t.newOrganisation();
  const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Tamsin', familyName: 'Okonkwo-Reyes' });
  // An address of its own, so each test reads only its own messages from the shared outbox.
  const provider = `art-${randomBytes(4).toString('hex')}@art-club.example`;
  const serviceId = await createServiceRow(t.database, org.id, { name: 'Art club', categories: ['creative'], email: provider });
  const worker = await t.signedIn(org.linkWorker);
  const connectionId = await suggest(worker, t.database, person.id, serviceId);
  return { org, person, serviceId, worker, connectionId, provider };
}

const connectionRow = (id: string) => t.database.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const outboxTo = (to: string) => t.database.db.selectFrom('outbox_messages').selectAll().where('to_address', '=', to).execute();

describe('connections', () => {
  test('no one is referred without their agreement on record', async () => {
    const { person, worker, connectionId, provider } = await suggested();
    const form = await worker.get(stepPath(person.id, connectionId, 'refer'));
    assert.equal(form.status, 409);
    assert.match(pageText(form.body), /Record that they agree before referring them\. No one is referred without their agreement\./);

    // A post made without the page: a valid CSRF token taken from another of the record's forms.
    const agreePage = await worker.get(stepPath(person.id, connectionId, 'agree'));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(agreePage.body)?.[1];
    assert.ok(csrf);
    const posted = await worker.post(stepPath(person.id, connectionId, 'refer'), { _csrf: csrf, method: 'email' });
    assert.equal(posted.status, 409);

    const row = await connectionRow(connectionId);
    assert.equal(row.status, 'suggested');
    assert.equal(row.referred_on, null);
    assert.equal((await outboxTo(provider)).length, 0, 'nothing was sent');
  });

  test('the provider email carries only what the young person agreed to share, and records it', async () => {
    const { org, person, worker, connectionId, provider } = await suggested();
    await agree(worker, person.id, connectionId, ['first_name', 'contact'], 'Text 07700 900123 after 4pm');
    const done = await refer(worker, person.id, connectionId, 'email');
    assert.equal(done.status, 303);
    assert.equal(done.location, `${connectionsPath(person.id)}?notice=refer`);

    const [message, ...others] = await outboxTo(provider);
    assert.equal(others.length, 0);
    assert.equal(message!.subject, 'A young person referred to Art club');
    assert.match(message!.body, /First name: Tamsin/);
    assert.match(message!.body, /How to contact them: Text 07700 900123 after 4pm/);
    assert.doesNotMatch(message!.body, /Okonkwo|2010|17 May/, 'no family name or date of birth');
    assert.match(message!.body, new RegExp(org.name));

    const row = await connectionRow(connectionId);
    assert.equal(row.status, 'referred');
    assert.equal(row.referral_method, 'email');
    assert.equal(row.referred_to, provider);
    assert.equal(row.shared_first_name, 'Tamsin');
    assert.equal(row.shared_contact, 'Text 07700 900123 after 4pm');
    assert.ok(row.response_token_hash && !message!.body.includes(row.response_token_hash), 'only the hash of the link is stored');

    const page = pageText((await worker.get(done.location!)).body);
    assert.match(page, /Referral recorded\./);
    assert.match(page, /Art club Referred/);
    assert.match(page, /Shared with the provider First name \(Tamsin\) and how to contact them \(Text 07700 900123 after 4pm\)/);

    const audit = await t.database.db.selectFrom('access_log').select(['action', 'actor_user_id']).where('record_type', '=', 'connections').where('record_id', '=', connectionId).execute();
    assert.ok(audit.some((entry) => entry.action === 'insert' && entry.actor_user_id === org.linkWorker.id));
    assert.ok(audit.some((entry) => entry.action === 'update'));
    assert.ok(audit.some((entry) => entry.action === 'view'));
  });

  test('without agreement to share details, the email says nothing about them', async () => {
    const { person, worker, connectionId, provider } = await suggested();
    await agree(worker, person.id, connectionId, []);
    assert.equal((await refer(worker, person.id, connectionId, 'email')).status, 303);
    const [message] = await outboxTo(provider);
    assert.doesNotMatch(message!.body, /Tamsin|First name|How to contact/);
    assert.match(message!.body, /They have not agreed to their details being shared/);
    const row = await connectionRow(connectionId);
    assert.equal(row.shared_first_name, null);
    assert.equal(row.shared_contact, null);
  });

  test('the agreement form explains mistakes and keeps what was typed', async () => {
    const { person, worker, connectionId } = await suggested();
    const page = await worker.submit(stepPath(person.id, connectionId, 'agree'), { ...dateFields('agreedOn', '2026-02-31'), share: ['first_name', 'contact'], contactDetail: '' });
    assert.equal(page.status, 400);
    const text = pageText(page.body);
    assert.match(text, /There is a problem/);
    assert.match(text, /The date they agreed must be a real date/);
    assert.match(page.body, /name="agreedOn\[day\]" type="text"[^>]* value="31"/);
    assert.match(page.body, /value="first_name" checked/);
    const noContact = await worker.submit(stepPath(person.id, connectionId, 'agree'), { ...dateFields('agreedOn', '2026-02-27'), share: ['contact'], contactDetail: '' });
    assert.equal(noContact.status, 400);
    assert.match(pageText(noContact.body), /There is a problem Enter how the provider may contact them/);
    assert.equal((await connectionRow(connectionId)).status, 'suggested');
  });

  test('the provider accepts through the private link, once; the page shows only the first name', async () => {
    const { person, worker, connectionId, provider } = await suggested();
    await agree(worker, person.id, connectionId, ['first_name']);
    await refer(worker, person.id, connectionId, 'email');
    const { path } = await providerLinkIn(t.database, provider);

    const providerAgent = new TestAgent(t.app);
    const page = await providerAgent.get(path);
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    assert.match(text, /A referral to Art club/);
    assert.match(text, /refer Tamsin to Art club/);
    assert.doesNotMatch(text, /Okonkwo/);

    const answered = await providerAgent.submit(path, { answer: 'accepted', note: 'Come on Tuesday at 5' });
    assert.equal(answered.status, 303);
    const row = await connectionRow(connectionId);
    assert.equal(row.status, 'accepted');
    assert.equal(row.provider_note, 'Come on Tuesday at 5');
    const log = await t.database.db.selectFrom('access_log').select('actor_role').where('record_id', '=', connectionId).where('actor_role', '=', 'provider').execute();
    assert.equal(log.length, 1, 'the provider’s change is logged as theirs');

    // The link carries on: it now asks how Tamsin is getting on, and cannot answer the referral again.
    const again = await providerAgent.get(path);
    assert.equal(again.status, 200);
    assert.match(pageText(again.body), /How Tamsin is getting on at Art club/);
    assert.doesNotMatch(again.body, /value="accepted"/);
    assert.match(pageText((await worker.get(connectionsPath(person.id))).body), /Provider’s answer Accepted: Come on Tuesday at 5/);
  });

  test('a provider can decline; an expired link is refused kindly and shows nothing about the young person', async () => {
    const { person, worker, connectionId, provider } = await suggested();
    await agree(worker, person.id, connectionId, ['first_name']);
    await refer(worker, person.id, connectionId, 'email');
    const { path } = await providerLinkIn(t.database, provider);
    const providerAgent = new TestAgent(t.app);
    const empty = await providerAgent.submit(path, {});
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /Select whether you can take them/);

    await t.database.db.updateTable('connections').set({ response_expires_at: new Date(Date.now() - 60_000) }).where('id', '=', connectionId).execute();
    const expired = await providerAgent.get(path);
    assert.equal(expired.status, 410);
    assert.match(pageText(expired.body), /This link no longer works/);
    assert.doesNotMatch(pageText(expired.body), /Tamsin/);

    await t.database.db.updateTable('connections').set({ response_expires_at: new Date(Date.now() + 60_000) }).where('id', '=', connectionId).execute();
    assert.equal((await providerAgent.submit(path, { answer: 'declined' })).status, 303);
    assert.equal((await connectionRow(connectionId)).status, 'declined');
    assert.equal((await providerAgent.get('/provider-response/not-a-real-link')).status, 410);
  });

  test('first session and phased support are recorded with the date of each change', async () => {
    const { person, worker, connectionId, provider } = await suggested();
    await agree(worker, person.id, connectionId, []);
    assert.equal((await refer(worker, person.id, connectionId, 'signpost')).status, 303);
    assert.equal((await outboxTo(provider)).length, 0, 'signposting sends nothing');

    const phase = (phase: string, on: string) => worker.submit(stepPath(person.id, connectionId, 'phase'), { phase, ...dateFields('fromDate', on) });
    assert.equal((await phase('accompanied', '2026-03-10')).status, 303);
    const attended = await worker.submit(stepPath(person.id, connectionId, 'first-attended'), dateFields('attendedOn', '2026-03-10'));
    assert.equal(attended.status, 303);
    assert.equal((await phase('met_at_venue', '2026-03-17')).status, 303);
    const missing = await worker.submit(stepPath(person.id, connectionId, 'phase'), dateFields('fromDate', '2026-03-24'));
    assert.equal(missing.status, 400);
    assert.match(pageText(missing.body), /Select how they are going now/);

    const text = pageText((await worker.get(connectionsPath(person.id))).body);
    assert.match(text, /Art club Attending/);
    assert.match(text, /First session 10 March 2026/);
    assert.match(text, /How they are going Met at the venue, since 17 March 2026/);
    assert.match(text, /Earlier phases Accompanied for the whole first session from 10 March 2026/);
    const phases = await t.database.db.selectFrom('connection_phases').select(['phase', 'from_date']).where('connection_id', '=', connectionId).orderBy('from_date').execute();
    assert.deepEqual(phases, [
      { phase: 'accompanied', from_date: '2026-03-10' },
      { phase: 'met_at_venue', from_date: '2026-03-17' },
    ]);

    const stopped = await worker.submit(stepPath(person.id, connectionId, 'stop'), { reason: 'too_far', note: '', ...dateFields('stoppedOn', '2026-04-01') });
    assert.equal(stopped.status, 303);
    assert.match(pageText((await worker.get(connectionsPath(person.id))).body), /Stopped 1 April 2026: Too far to travel/);
  });

  test('after the scheme’s limit the record prompts a reminder, which re-sends with a fresh link', async () => {
    const { person, worker, connectionId, provider } = await suggested();
    await agree(worker, person.id, connectionId, ['first_name']);
    await refer(worker, person.id, connectionId, 'email');
    assert.doesNotMatch(pageText((await worker.get(connectionsPath(person.id))).body), /No answer from the provider/);
    const first = await providerLinkIn(t.database, provider);

    await t.database.db.updateTable('connections').set({ referred_on: '2026-01-05' }).where('id', '=', connectionId).execute();
    const page = await worker.get(connectionsPath(person.id));
    assert.match(pageText(page.body), /No answer from the provider since 5 January 2026/);
    const reminded = await worker.submitPage(page, connectionsPath(person.id), {}, stepPath(person.id, connectionId, 'remind'));
    assert.equal(reminded.status, 303);

    const messages = await outboxTo(provider);
    assert.equal(messages.length, 2);
    const second = await providerLinkIn(t.database, provider);
    assert.match(second.body, /This is a reminder/);
    assert.match(second.body, /First name: Tamsin/);
    assert.notEqual(second.path, first.path);
    assert.equal((await new TestAgent(t.app).get(first.path)).status, 410, 'the earlier link stops working');
    assert.equal((await new TestAgent(t.app).get(second.path)).status, 200);
    const after = pageText((await worker.get(reminded.location!)).body);
    assert.match(after, /Reminder sent to the provider\./);
    assert.doesNotMatch(after, /No answer from the provider/, 'a reminder restarts the wait');
  });

  test('managers see outcomes by category and provider, and unanswered referrals; they set the limit', async () => {
    const { org, person, worker, connectionId, serviceId } = await suggested();
    await agree(worker, person.id, connectionId, []);
    await refer(worker, person.id, connectionId, 'email');
    await t.database.db.updateTable('connections').set({ referred_on: '2026-01-05' }).where('id', '=', connectionId).execute();
    const second = await suggest(worker, t.database, person.id, serviceId);
    await worker.submit(stepPath(person.id, second, 'stop'), { reason: 'anxiety', ...dateFields('stoppedOn', '2026-02-02') });

    const manager = await t.signedIn(org.manager);
    const page = await manager.get('/connections/outcomes');
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    assert.match(text, /Referrals with no answer .* Young person Tamsin Okonkwo-Reyes Service Art club Referred 5 January 2026 Reminder sent Not yet/);
    const counts = 'Suggested 2 Agreed 1 Referred 1 Accepted 0 Declined 0 Attending now 0 Stopped 1';
    assert.ok(text.includes(`Connections by category Category Suggested Agreed Referred Accepted Declined Attending now Stopped Category Creative ${counts}`));
    assert.ok(text.includes(`Connections by provider Provider Suggested Agreed Referred Accepted Declined Attending now Stopped Provider Art club Trust ${counts}`));
    assert.match(text, /Why connections stopped Reason Stopped Reason Anxiety Stopped 1/);
    assert.match(page.body, new RegExp(`href="${connectionsPath(person.id)}"`));

    assert.equal((await worker.get('/connections/outcomes')).status, 404, 'link workers do not reach managers’ pages');
    const bad = await manager.submit('/connections/settings', { providerAnswerWorkingDays: '45' });
    assert.equal(bad.status, 400);
    assert.match(pageText(bad.body), /There is a problem Working days must be 30 or fewer/);
    assert.match(bad.body, /value="45"/);
    const saved = await manager.submit('/connections/settings', { providerAnswerWorkingDays: '30' });
    assert.equal(saved.status, 303);
    const setting = await t.database.db.selectFrom('scheme_settings').select('provider_answer_working_days').where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.equal(setting.provider_answer_working_days, 30);
  });

  test('a link worker not allocated, and a commissioner, get 404', async () => {
    const { org, person, connectionId, serviceId } = await suggested();
    const other = await t.signedIn(org.otherLinkWorker);
    assert.equal((await other.get(connectionsPath(person.id))).status, 404);
    assert.equal((await other.get(stepPath(person.id, connectionId, 'agree'))).status, 404);
    assert.equal((await other.get(`${connectionsPath(person.id)}/new?service=${serviceId}`)).status, 404);
    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get(connectionsPath(person.id))).status, 404);
    assert.equal((await commissioner.get('/connections/outcomes')).status, 404);
    const allocated = await t.signedIn(org.linkWorker);
    assert.equal((await allocated.get(connectionsPath(person.id))).status, 200, 'the allocated worker sees them');
    assert.equal((await allocated.get(stepPath(person.id, connectionId, 'agree'))).status, 200);
    assert.equal((await (await t.signedIn(org.manager)).get('/connections/outcomes')).status, 200, 'managers see outcomes');
  });
});
