import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../test/support/fixtures.ts';
import { emailText, useTestAppWithSmtp, type AppSmtpServer } from '../../test/support/smtp.ts';
import { createReferral, daysAgo } from '../../test/support/triage.ts';
import { ukCalendarDate } from '../domain/working-days.ts';

async function signedInManager(org: TestOrganisation): Promise<TestAgent> {
  const manager = new TestAgent(t.app);
  await manager.signIn(org.manager);
  return manager;
}

async function outboxFor(referralId: string) {
  return t.database.db.selectFrom('outbox_messages').select(['to_address', 'subject', 'body']).where('referral_id', '=', referralId).execute();
}

// One app for the file, with a real SMTP server: decisions email referrers after they commit.
let smtp: AppSmtpServer;
let t: TestApp;
useTestAppWithSmtp((app, server) => {
  t = app;
  smtp = server;
});

describe('accepting', () => {
  test('creates the young person, records the SNOMED event and emails the referrer kindly, without the name', async () => {
    const org = await t.newOrganisation();
    const submitted = daysAgo(3);
    const referral = await createReferral(t.database, org.id, {
      givenName: 'Kasia',
      familyName: 'Nowak',
      submittedAt: submitted,
      answers: { pronouns: 'she/her', contact: { phone: '07700 900456', email: '', address: '', postcode: 'LS6 2AB', safeTo: ['text'] } },
    });
    const manager = await signedInManager(org);
    const accepted = await manager.submit(`/referrals/${referral.id}`, {}, `/referrals/${referral.id}/accept`);
    assert.equal(accepted.status, 303);
    assert.equal(accepted.location, `/referrals/${referral.id}?notice=accepted`);
    assert.match(pageText((await manager.get(accepted.location!)).body), /Referral accepted\. They are now waiting for a link worker\..*Accepted on/);

    const row = await t.database.db.selectFrom('referrals').select(['status', 'decided_at', 'young_person_id']).where('id', '=', referral.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'accepted');
    assert.ok(row.decided_at);
    assert.ok(row.young_person_id);
    const person = await t.database.db.selectFrom('young_people').selectAll().where('id', '=', row.young_person_id).executeTakeFirstOrThrow();
    assert.equal(person.given_name, 'Kasia');
    assert.equal(person.family_name, 'Nowak');
    assert.equal(person.stage, 'waiting_for_allocation');
    assert.equal(person.allocated_worker_id, null);
    assert.equal(person.referred_on, ukCalendarDate(submitted));
    assert.equal(person.pronouns, 'she/her');
    assert.equal(person.phone, '07700 900456');

    const events = await t.database.db.selectFrom('referral_events').selectAll().where('referral_id', '=', referral.id).execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.kind, 'accepted');
    assert.equal(events[0]!.snomed_code, '871731000000106');
    assert.equal(events[0]!.young_person_id, person.id);
    assert.equal(events[0]!.actor_user_id, org.manager.id);

    await smtp.sent();
    const email = smtp.received.find((received) => received.raw.includes(referral.reference));
    assert.ok(email, 'the referrer is emailed');
    assert.deepEqual(email!.to, ['referrer@example.test']);
    assert.match(email!.raw, new RegExp(`Subject: Referral ${referral.reference}: accepted`));
    const body = emailText(email!.raw);
    assert.match(body, new RegExp(`reference ${referral.reference}`));
    assert.match(body, /we can help/);
    assert.match(body, /use the private link we sent you/);
    assert.doesNotMatch(body, /Kasia|Nowak/);
    assert.doesNotMatch(body, /https?:\/\//, 'the tracking link is not sent again');
  });
});

describe('deciding', () => {

  test('linking someone still in support keeps their support as it is and records no new episode', async () => {
    const org = await t.newOrganisation();
    const known = await createYoungPerson(t.database, org.id, { givenName: 'Ola', familyName: 'Berg', allocatedTo: org.linkWorker.id });
    const referral = await createReferral(t.database, org.id, { givenName: 'Ola', familyName: 'Berg' });
    const manager = await signedInManager(org);
    const linked = await manager.submit(`/referrals/${referral.id}`, { youngPerson: known.id }, `/referrals/${referral.id}/accept`);
    assert.equal(linked.status, 303);
    const person = await t.database.db.selectFrom('young_people').select(['stage', 'allocated_worker_id']).where('id', '=', known.id).executeTakeFirstOrThrow();
    assert.deepEqual(person, { stage: 'in_support', allocated_worker_id: org.linkWorker.id });
    const event = await t.database.db.selectFrom('referral_events').select(['kind', 'snomed_code']).where('referral_id', '=', referral.id).executeTakeFirstOrThrow();
    assert.deepEqual(event, { kind: 'accepted', snomed_code: null });
  });

  test('a referral already decided is not decided again', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, { wantsUpdates: false });
    const manager = await signedInManager(org);
    const page = await manager.get(`/referrals/${referral.id}`);
    assert.equal((await manager.submitPage(page, `/referrals/${referral.id}`, {}, `/referrals/${referral.id}/accept`)).status, 303);
    const again = await manager.submitPage(page, `/referrals/${referral.id}`, {}, `/referrals/${referral.id}/accept`);
    assert.equal(again.location, `/referrals/${referral.id}?notice=already-decided`);
    const people = await t.database.db.selectFrom('young_people').select('id').where('org_id', '=', org.id).execute();
    assert.equal(people.length, 1);
    assert.deepEqual(await outboxFor(referral.id), [], 'the referrer did not ask for updates');
    assert.doesNotMatch(pageText((await manager.get(`/referrals/${referral.id}`)).body), /Decide/, 'no decision forms once decided');
  });

  test('discuss marks it amber for the allocation meeting', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, { givenName: 'Tariq', familyName: 'Bello' });
    const manager = await signedInManager(org);
    const discussed = await manager.submit(`/referrals/${referral.id}`, {}, `/referrals/${referral.id}/discuss`);
    assert.equal(discussed.location, `/referrals/${referral.id}?notice=discuss`);
    const row = await t.database.db.selectFrom('referrals').select('status').where('id', '=', referral.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'discuss');
    assert.match(pageText((await manager.get('/allocation')).body), /Tariq Bello .* Green To discuss/);
    assert.match(pageText((await manager.get('/triage')).body), /Tariq Bello/, 'still in the inbox until decided');
  });

  test('declining needs a category, a reason and a choice, keeps what was typed on a mistake, and tells the referrer why and where to go instead, without the name', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, { givenName: 'Zofia', familyName: 'Marsh', risk: { safeguarding: 'yes' } });
    const services = await t.database.db.selectFrom('redirect_services').select(['id', 'name', 'link_url']).where('org_id', '=', org.id).orderBy('name').execute();
    const childrensServices = services.find((service) => service.name.startsWith('Local authority'))!;
    const manager = await signedInManager(org);

    const form = await manager.get(`/referrals/${referral.id}/decline`);
    assert.equal(form.status, 200);
    assert.match(pageText(form.body), /Where could the young person go instead\? .*Local authority children’s services front door .*None of these/);
    assert.match(pageText(form.body), /What is the main reason\? .*Needs a clinical mental health service .*Something else/);
    const draft = 'Children’s services need to lead.';
    const mistakes = await manager.submitPage(form, `/referrals/${referral.id}/decline`, { reason: draft });
    assert.equal(mistakes.status, 400);
    const text = pageText(mistakes.body);
    assert.match(text, /There is a problem Select the main reason the referral is not right for us Select where the young person could go instead/);
    assert.ok(mistakes.body.includes(`${draft}</textarea>`), 'keeps the reason typed');
    const noReason = await manager.submitPage(mistakes, `/referrals/${referral.id}/decline`, { category: 'active_safeguarding', reason: '  ' });
    assert.equal(noReason.status, 400);
    assert.match(pageText(noReason.body), /There is a problem Enter why the referral is not right for us/);
    assert.match(noReason.body, /value="active_safeguarding" checked/, 'keeps the category chosen');

    const reason = 'There is an open safeguarding concern, so children’s services need to lead for now.';
    const declined = await manager.submitPage(noReason, `/referrals/${referral.id}/decline`, { category: 'active_safeguarding', reason, redirectService: childrensServices.id });
    assert.equal(declined.location, `/referrals/${referral.id}?notice=declined`);
    assert.match(pageText((await manager.get(declined.location!)).body), /Declined on .* \(Needs children’s services first \(safeguarding\)\)/);
    const row = await t.database.db.selectFrom('referrals').select(['status', 'decline_reason', 'decline_category', 'redirect_service_id', 'decided_at']).where('id', '=', referral.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'declined');
    assert.equal(row.decline_reason, reason);
    assert.equal(row.decline_category, 'active_safeguarding');
    assert.equal(row.redirect_service_id, childrensServices.id);
    assert.ok(row.decided_at);
    const event = await t.database.db.selectFrom('referral_events').select(['kind', 'snomed_code']).where('referral_id', '=', referral.id).executeTakeFirstOrThrow();
    assert.deepEqual(event, { kind: 'declined', snomed_code: null });

    const [message] = await outboxFor(referral.id);
    assert.equal(message!.to_address, 'referrer@example.test');
    assert.match(message!.subject, new RegExp(`Referral ${referral.reference}: we are not the right service`));
    assert.ok(message!.body.includes(reason), 'says why');
    assert.match(message!.body, /Where they could go instead: Local authority children’s services front door/);
    assert.ok(message!.body.includes(`Use their referral page: ${childrensServices.link_url}`), 'says how to refer there');
    assert.doesNotMatch(message!.body, /Zofia|Marsh/);
    assert.doesNotMatch(pageText((await manager.get('/triage')).body), /Zofia Marsh/);
  });

  test('a redirect service that uses a form points the referrer to the tracking page for it', async () => {
    const org = await t.newOrganisation();
    const service = await t.database.db
      .insertInto('redirect_services')
      .values({ org_id: org.id, name: 'Youth drug and alcohol service', when_to_use: 'When substance use is the main worry.', how_to_refer: 'form', form_file_name: 'referral.pdf' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const referral = await createReferral(t.database, org.id, { risk: { substance_use: 'yes' } });
    const manager = await signedInManager(org);
    await manager.submit(`/referrals/${referral.id}/decline`, { category: 'better_served_elsewhere', reason: 'A specialist service fits better.', redirectService: service.id });
    const [message] = await outboxFor(referral.id);
    assert.match(message!.body, /Youth drug and alcohol service/);
    assert.match(message!.body, /They use a referral form\. You can download it from the tracking page for this referral\./);
  });
});

describe('red referrals on the dashboard', () => {

  test('every red referral stays until a manager acknowledges it, then shows as acknowledged today', async () => {
    const org = await t.newOrganisation();
    const red = await createReferral(t.database, org.id, { givenName: 'Remy', familyName: 'Stone', risk: { risk_to_life: 'yes' } });
    const accepted = await createReferral(t.database, org.id, { givenName: 'Ines', familyName: 'Vale', risk: { safeguarding: 'yes' }, status: 'accepted' });
    const oldAcknowledged = await createReferral(t.database, org.id, { givenName: 'Otto', familyName: 'Fenn', risk: { risk_to_life: 'yes' } });
    await t.database.db.updateTable('referrals').set({ red_acknowledged_at: daysAgo(2), red_acknowledged_by: org.manager.id }).where('id', '=', oldAcknowledged.id).execute();
    await createReferral(t.database, org.id, { givenName: 'Ada', familyName: 'Amber', risk: { self_harm: 'yes' } });
    const manager = await signedInManager(org);

    const before = pageText((await manager.get('/dashboard')).body);
    assert.match(before, /Urgent: 2 red referrals need acknowledging/);
    assert.match(before, new RegExp(`Red: Remy Stone, ${red.reference} .*Red: At immediate risk`));
    assert.match(before, new RegExp(`Red: Ines Vale, ${accepted.reference}`), 'whatever its status');
    assert.doesNotMatch(before, /Otto Fenn/, 'acknowledged before today');
    assert.doesNotMatch(before, /Ada Amber/, 'amber is not an alert');

    // Visiting the referral does not acknowledge it: only the button does.
    await manager.get(`/referrals/${red.id}`);
    assert.match(pageText((await manager.get('/dashboard')).body), /Red: Remy Stone/);

    const acknowledged = await manager.submit('/dashboard', {}, `/referrals/${red.id}/acknowledge-red`);
    assert.equal(acknowledged.location, '/dashboard?notice=acknowledged');
    const row = await t.database.db.selectFrom('referrals').select(['red_acknowledged_at', 'red_acknowledged_by', 'status']).where('id', '=', red.id).executeTakeFirstOrThrow();
    assert.ok(row.red_acknowledged_at);
    assert.equal(row.red_acknowledged_by, org.manager.id);
    assert.equal(row.status, 'new', 'acknowledging is not deciding');

    const afterwards = pageText((await manager.get(acknowledged.location!)).body);
    assert.match(afterwards, /Red referral acknowledged\./);
    assert.match(afterwards, /1 red referral needs acknowledging/);
    assert.doesNotMatch(afterwards, /Red: Remy Stone/);
    assert.match(afterwards, new RegExp(`Red referrals acknowledged today .*Remy Stone Reference ${red.reference} Status Acknowledged By ${org.manager.name}`));

    const fromReferral = await manager.submit(`/referrals/${accepted.id}`, {}, `/referrals/${accepted.id}/acknowledge-red`);
    assert.equal(fromReferral.location, `/referrals/${accepted.id}?notice=acknowledged`);
    assert.match(pageText((await manager.get(fromReferral.location!)).body), new RegExp(`Red rating acknowledged by ${org.manager.name}`));
    assert.doesNotMatch(pageText((await manager.get('/dashboard')).body), /need(s)? acknowledging/);
  });
});
