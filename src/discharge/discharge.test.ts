import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText, type Page } from '../../test/support/agent.ts';
import { createAllocatedReferral } from '../../test/support/contact.ts';
import { giveConsent } from '../../test/support/consent.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const ANSWERS = { reason: 'goals_met', closingSummary: 'Joined the Tuesday climbing club & goes on her own now', finalMeasuresNote: '' };

/** Fills in the discharge form, then confirms on the check-your-answers page. */
async function discharge(agent: TestAgent, youngPersonId: string, answers: Record<string, string> = ANSWERS): Promise<{ check: Page; done: Page }> {
  const path = `/young-people/${youngPersonId}/discharge`;
  const check = await agent.submit(path, answers);
  assert.equal(check.status, 200, 'the check page shows');
  const done = await agent.submitPage(check, path, {}, `${path}/confirm`);
  return { check, done };
}

const outboxOf = (referralId: string) => t.database.db.selectFrom('outbox_messages').selectAll().where('referral_id', '=', referralId).execute();

describe('discharge', () => {
  test('with consent to share with the referrer, support ends and the referrer is told in plain words', async () => {
    const org = await t.newOrganisation();
    const { person, referral } = await createAllocatedReferral(t.database, org, { givenName: 'Kezia', familyName: 'Armitage' });
    await giveConsent(t.database, org.id, person.id);
    const worker = await t.signedIn(org.linkWorker);
    const { check, done } = await discharge(worker, person.id);
    const checkText = pageText(check.body);
    assert.match(checkText, /Check before ending support Reason Goals met Closing summary Joined the Tuesday climbing club & goes on her own now/);
    assert.match(checkText, /The referrer will be told that support has ended and why, in plain words\. No notes are shared\./);
    assert.equal(done.status, 303);
    assert.equal(done.location, `/young-people/${person.id}/discharge?notice=discharged&referrer=told`);

    const page = pageText((await worker.get(done.location!)).body);
    assert.match(page, /Support ended The episode of support is closed\. The referrer has been told that support has ended\./);
    assert.match(page, /Episodes of support .* to .* Started .* Ended .* Reason Goals met Closing summary Joined the Tuesday climbing club/);
    assert.doesNotMatch(page, /Why is support ending\?/, 'no form once support has ended');

    const episode = await t.database.db.selectFrom('episodes').selectAll().where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.ok(episode.closed_on);
    assert.equal(episode.discharge_reason, 'goals_met');
    assert.equal(episode.closing_summary, ANSWERS.closingSummary);
    assert.equal(episode.discharged_by, org.linkWorker.id);
    const stage = await t.database.db.selectFrom('young_people').select('stage').where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(stage.stage, 'closed');
    const row = await t.database.db.selectFrom('referrals').select(['status', 'closed_reason']).where('id', '=', referral.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'closed', closed_reason: 'discharged' });
    const events = await t.database.db.selectFrom('referral_events').select(['kind', 'summary', 'actor_user_id']).where('referral_id', '=', referral.id).orderBy('at').execute();
    assert.deepEqual(events.at(-1), { kind: 'discharged', summary: 'Support ended: goals met', actor_user_id: org.linkWorker.id });

    const [message, ...others] = await outboxOf(referral.id);
    assert.equal(others.length, 0);
    assert.equal(message!.to_address, 'referrer@example.test');
    assert.equal(message!.subject, `Referral ${referral.reference}: support has ended`);
    assert.match(message!.body, /Our support for the young person you referred has now ended: they reached the goals they set with their link worker\./);
    assert.doesNotMatch(message!.body, /Kezia|Armitage|climbing/, 'no name and no notes');

    const audit = await t.database.db.selectFrom('access_log').select(['action', 'record_type']).where('young_person_id', '=', person.id).where('action', '=', 'update').execute();
    assert.ok(audit.some((entry) => entry.record_type === 'episodes'));
    const history = await t.database.db.selectFrom('record_history').select('new_value').where('record_id', '=', episode.id).where('field', '=', 'discharge_reason').execute();
    assert.deepEqual(history.map((entry) => entry.new_value).filter(Boolean), ['goals_met']);
  });

  const withheld = [
    { what: 'no consent at all', consent: undefined },
    { what: 'consent without sharing with the referrer', consent: { share_with_referrer: false, share_with_gp: true } },
    { what: 'withdrawn consent', consent: { withdrawn_on: '2026-02-01', withdrawal_note: 'Changed their mind' } },
    { what: 'no consent to the service', consent: { to_service: false } },
  ];
  for (const { what, consent } of withheld) {
    test(`with ${what}, nothing is sent to the referrer and the worker is told why`, async () => {
      const org = await t.newOrganisation();
      const { person, referral } = await createAllocatedReferral(t.database, org);
      if (consent) await giveConsent(t.database, org.id, person.id, consent);
      const worker = await t.signedIn(org.linkWorker);
      const { check, done } = await discharge(worker, person.id);
      assert.match(pageText(check.body), /No message will be sent: they did not agree to share information with the referrer\./);
      assert.equal(done.location, `/young-people/${person.id}/discharge?notice=discharged&referrer=no-consent`);
      assert.match(pageText((await worker.get(done.location!)).body), /No message sent: they did not agree to share information with the referrer\./);
      assert.equal((await outboxOf(referral.id)).length, 0);
      const row = await t.database.db.selectFrom('referrals').select('status').where('id', '=', referral.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'closed', 'the referral closes all the same');
    });
  }

  test('a later consent record replaces an earlier one: withdrawing sharing by a new record stops the message', async () => {
    const org = await t.newOrganisation();
    const { person, referral } = await createAllocatedReferral(t.database, org);
    await giveConsent(t.database, org.id, person.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await giveConsent(t.database, org.id, person.id, { share_with_referrer: false });
    const { done } = await discharge(await t.signedIn(org.linkWorker), person.id);
    assert.match(done.location!, /referrer=no-consent/);
    assert.equal((await outboxOf(referral.id)).length, 0);
  });

  test('a referrer who did not ask for updates is not written to, even with consent', async () => {
    const org = await t.newOrganisation();
    const { person, referral } = await createAllocatedReferral(t.database, org, { wantsUpdates: false });
    await giveConsent(t.database, org.id, person.id);
    const { done } = await discharge(await t.signedIn(org.linkWorker), person.id);
    assert.match(done.location!, /referrer=no-updates/);
    assert.equal((await outboxOf(referral.id)).length, 0);
  });

  test('mistakes get clear messages and what was typed stays; changing answers keeps them too', async () => {
    const org = await t.newOrganisation();
    const { person } = await createAllocatedReferral(t.database, org);
    const worker = await t.signedIn(org.linkWorker);
    const path = `/young-people/${person.id}/discharge`;
    const empty = await worker.submit(path, {});
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Select why support is ending Enter a closing summary/);

    const other = await worker.submit(path, { reason: 'other', closingSummary: 'Family moved & stayed in touch by text' });
    assert.equal(other.status, 400);
    assert.match(pageText(other.body), /There is a problem Enter why support is ending/);
    assert.match(other.body, /href="#reasonOther"/);
    assert.match(other.body, /value="other" checked/);
    assert.match(other.body, /Family moved &amp; stayed in touch by text/);

    const check = await worker.submit(path, { reason: 'other', reasonOther: 'Joined the army cadets', closingSummary: 'Going well' });
    assert.match(pageText(check.body), /Reason Other: Joined the army cadets/);
    const back = await worker.submitPage(check, path, {}, `${path}/change`);
    assert.equal(back.status, 200);
    assert.match(back.body, /value="Joined the army cadets"/);
    assert.match(back.body, /Going well/);
    const stillOpen = await t.database.db.selectFrom('episodes').select('closed_on').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(stillOpen.closed_on, null, 'nothing changes before confirming');
  });

  test('the final measures prompt lists active goals and asks for ratings not taken in the last 14 days', async () => {
    const org = await t.newOrganisation();
    const { person } = await createAllocatedReferral(t.database, org);
    const episode = await t.database.db.selectFrom('episodes').select('id').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    const plan = await t.database.db
      .insertInto('plans')
      .values({ org_id: org.id, young_person_id: person.id, episode_id: episode.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const goal = (position: number, wording: string, status: 'active' | 'achieved' = 'active') =>
      t.database.db.insertInto('goals').values({ org_id: org.id, young_person_id: person.id, plan_id: plan.id, position, wording, status }).returning('id').executeTakeFirstOrThrow();
    const recent = await goal(1, 'Feel OK going to a group');
    await goal(2, 'Sleep better');
    await goal(3, 'Already done', 'achieved');
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    await t.database.db
      .insertInto('goal_ratings')
      .values({ org_id: org.id, young_person_id: person.id, goal_id: recent.id, rating: 7, rated_on: daysAgo(3), rated_by: 'with_link_worker' })
      .execute();

    const page = pageText((await (await t.signedIn(org.linkWorker)).get(`/young-people/${person.id}/discharge`)).body);
    assert.match(page, /Feel OK going to a group Last rated .* Final rating Rated recently/);
    assert.match(page, /Sleep better Last rated Not rated yet Final rating Rate before discharge/);
    assert.doesNotMatch(page, /Already done/);
    assert.match(page, /1 goal has not been rated in the last 14 days\..*Rate their goals on the plan page/);
  });

  test('a link worker not allocated gets 404 and a commissioner is turned away', async () => {
    const org = await t.newOrganisation();
    const { person } = await createAllocatedReferral(t.database, org);
    const other = await t.signedIn(org.otherLinkWorker);
    assert.equal((await other.get(`/young-people/${person.id}/discharge`)).status, 404);
    const theirs = await createAllocatedReferral(t.database, org, { allocatedTo: org.otherLinkWorker.id });
    const form = await other.get(`/young-people/${theirs.person.id}/discharge`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    assert.equal((await other.post(`/young-people/${person.id}/discharge`, { _csrf: csrf, ...ANSWERS })).status, 404);
    assert.equal((await other.post(`/young-people/${person.id}/discharge/confirm`, { _csrf: csrf, ...ANSWERS })).status, 404);
    const episode = await t.database.db.selectFrom('episodes').select('closed_on').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(episode.closed_on, null);
    assert.ok([403, 404].includes((await (await t.signedIn(org.commissioner)).get(`/young-people/${person.id}/discharge`)).status));
  });
});
