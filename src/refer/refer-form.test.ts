import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { answersFor, birthdayFields, fillReferral, referralByReference, schemeSlug, sendReferral } from '../../test/support/refer.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function newScheme() {
  const org = await t.newOrganisation();
  return { org, slug: await schemeSlug(t.database, org.id) };
}

describe('the start of the referral form', () => {
  test('the start page lists every scheme, each leading to its own form, and no one needs to sign in', async () => {
    const { org, slug } = await newScheme();
    const other = await newScheme();
    const agent = new TestAgent(t.app);
    const list = await agent.get('/refer');
    assert.equal(list.status, 200);
    assert.match(list.body, new RegExp(`<a href="/refer/${slug}">${org.name}</a>`));
    assert.match(list.body, new RegExp(`<a href="/refer/${other.slug}">${other.org.name}</a>`));
    const start = await agent.get(`/refer/${slug}`);
    assert.equal(start.status, 200);
    assert.match(pageText(start.body), /young people aged 13 to 25/);
    assert.equal((await agent.get('/refer/no-such-scheme')).status, 404);
  });

  test('a step without a started referral goes back to the start page', async () => {
    const { slug } = await newScheme();
    assert.equal((await new TestAgent(t.app).get(`/refer/${slug}/contact`)).location, `/refer/${slug}`);
  });
});

describe('each referral route', () => {
  test('a professional refers: their details and wish for updates are kept with the referral', async () => {
    const { org, slug } = await newScheme();
    const { reference } = await sendReferral(t.app, slug, answersFor('professional'));
    const referral = await referralByReference(t.database, org.id, reference);
    assert.equal(referral.route, 'professional');
    assert.equal(referral.referrer_type, 'gp');
    assert.equal(referral.referrer_name, 'Dr Ada Ring');
    assert.equal(referral.referrer_email, 'ada.ring@example.test');
    assert.equal(referral.referrer_wants_updates, true);
    assert.equal(referral.given_name, 'Jordan');
    assert.equal(referral.postcode, 'LS6 2AB');
    assert.deepEqual(referral.needs, ['loneliness', 'anxiety']);
    assert.equal(referral.eligible, true);
    assert.match(referral.eligibility_note ?? '', /Aged 15/);
    const answers = referral.answers as Record<string, unknown>;
    assert.equal(answers.whatMatters, 'Drawing and being outdoors');
    assert.deepEqual(answers.agreement, { knowsAboutReferral: 'yes', agreesToReferral: 'yes' });
    assert.equal(answers.school, 'Park High School');
    assert.equal(answers.gpPractice, 'Hillside Surgery');
    assert.match(reference, /^LW-[A-HJ-NP-Z2-9]{8}$/);
    const events = await t.database.db.selectFrom('referral_events').select(['kind', 'summary']).where('referral_id', '=', referral.id).execute();
    assert.deepEqual(events, [{ kind: 'received', summary: 'Referral received' }]);
  });

  test('a parent or carer refers: asked who they are, not where they work', async () => {
    const { org, slug } = await newScheme();
    const agent = new TestAgent(t.app);
    const check = await fillReferral(agent, slug, answersFor('parent_carer'));
    assert.match(pageText(check.body), /Relationship Parent/);
    assert.doesNotMatch(check.body, /\/referrer\?change=1/);
    const posted = await agent.submitPage(check, `/refer/${slug}/check`, {});
    const reference = /LW-[A-Z2-9]{8}/.exec((await agent.get(posted.location!)).body)![0];
    const referral = await referralByReference(t.database, org.id, reference);
    assert.equal(referral.route, 'parent_carer');
    assert.equal(referral.referrer_name, 'Sam Quillfeather');
    assert.equal(referral.referrer_type, null);
    assert.deepEqual((referral.answers as { parentCarer: unknown }).parentCarer, { relationship: 'Parent' });
  });

  test('a young person refers themselves: spoken to as "you", never asked about agreement, and their own email gets updates', async () => {
    const { org, slug } = await newScheme();
    const agent = new TestAgent(t.app);
    await agent.submit(`/refer/${slug}`, {});
    await agent.submit(`/refer/${slug}/who`, { route: 'self' });
    const aboutYou = await agent.get(`/refer/${slug}/young-person`);
    assert.match(pageText(aboutYou.body), /About you/);
    const check = await fillReferralFrom(agent, slug);
    assert.doesNotMatch(check.body, /\/agreement\?change=1/, 'no agreement question for a self-referral');
    assert.match(pageText(check.body), /Email updates Yes/);
    const posted = await agent.submitPage(check, `/refer/${slug}/check`, {});
    const reference = /LW-[A-Z2-9]{8}/.exec((await agent.get(posted.location!)).body)![0];
    const referral = await referralByReference(t.database, org.id, reference);
    assert.equal(referral.route, 'self');
    assert.equal(referral.referrer_email, 'jo@example.test');
    assert.equal(referral.referrer_wants_updates, true);
    assert.deepEqual((referral.answers as { agreement: unknown }).agreement, { knowsAboutReferral: 'yes', agreesToReferral: 'yes', selfReferral: true });
  });
});

async function fillReferralFrom(agent: TestAgent, slug: string) {
  const answers = answersFor('self');
  delete answers.who;
  let location = `/refer/${slug}/young-person`;
  for (const [step, fields] of Object.entries(answers)) {
    assert.equal(location, `/refer/${slug}/${step}`);
    location = (await agent.submit(location, fields)).location!;
  }
  return agent.get(location);
}

describe('checking what was typed', () => {
  test('a mistake is explained above the form and beside the field, and everything typed stays', async () => {
    const { slug } = await newScheme();
    const agent = new TestAgent(t.app);
    await agent.submit(`/refer/${slug}`, {});
    await agent.submit(`/refer/${slug}/who`, { route: 'professional' });
    const page = await agent.submit(`/refer/${slug}/young-person`, { givenName: 'Jordan', familyName: '', preferredName: 'Jo', 'dateOfBirth[day]': '31', 'dateOfBirth[month]': '2', 'dateOfBirth[year]': '2010' });
    assert.equal(page.status, 400);
    const text = pageText(page.body);
    assert.match(text, /There is a problem Enter their last name Date of birth must be a real date/);
    assert.match(page.body, /href="#familyName"/);
    assert.match(page.body, /href="#dateOfBirth-day"/);
    assert.match(page.body, /id="givenName"[^>]*value="Jordan"/);
    assert.match(page.body, /id="preferredName"[^>]*value="Jo"/);
    assert.match(page.body, /id="dateOfBirth-day"[^>]*value="31"/);
  });

  test('every text has a limit with a clear message, and odd input is refused kindly, never with an error page', async () => {
    const { slug } = await newScheme();
    const agent = new TestAgent(t.app);
    await agent.submit(`/refer/${slug}`, {});
    await agent.submit(`/refer/${slug}/who`, { route: 'professional' });
    const long = await agent.submit(`/refer/${slug}/young-person`, { givenName: 'x'.repeat(101), familyName: 'Q', ...birthdayFields(15) });
    assert.equal(long.status, 400);
    assert.match(pageText(long.body), /First name must be 100 characters or fewer/);
    const repeated = await agent.submit(`/refer/${slug}/young-person`, { givenName: ['A', 'B'], familyName: 'Q', ...birthdayFields(15), 'dateOfBirth[year]': ['2010', '2011'] });
    assert.ok([303, 400].includes(repeated.status), `repeated fields answered ${repeated.status}`);
    const needs = await agent.submit(`/refer/${slug}/who`, { route: 'professional' });
    assert.equal(needs.status, 303);
    const huge = await agent.submit(`/refer/${slug}/young-person`, { givenName: 'x'.repeat(300 * 1024) });
    assert.equal(huge.status, 413);
  });

  test('a route the scheme has closed is not offered, and is refused if posted anyway', async () => {
    const { org, slug } = await newScheme();
    await t.database.db.updateTable('scheme_settings').set({ open_routes: ['professional', 'parent_carer'] }).where('org_id', '=', org.id).execute();
    const agent = new TestAgent(t.app);
    await agent.submit(`/refer/${slug}`, {});
    const who = await agent.get(`/refer/${slug}/who`);
    assert.doesNotMatch(who.body, /value="self"/);
    const posted = await agent.submitPage(who, `/refer/${slug}/who`, { route: 'self' });
    assert.equal(posted.status, 400);
    assert.match(pageText(posted.body), /Choose who is making this referral/);
  });
});

describe('going back and changing answers', () => {
  test('the back link and the draft keep every answer; a change from check answers returns there', async () => {
    const { slug } = await newScheme();
    const agent = new TestAgent(t.app);
    const check = await fillReferral(agent, slug, answersFor('professional'));
    assert.match(check.body, new RegExp(`href="/refer/${slug}/school\\?change=1"`));
    const school = await agent.get(`/refer/${slug}/school?change=1`);
    assert.match(school.body, /value="Park High School"/, 'the saved answer is shown');
    assert.match(school.body, new RegExp(`href="/refer/${slug}/check"`), 'back goes to check answers');
    const changed = await agent.submitPage(school, `/refer/${slug}/school?change=1`, { school: 'Riverside College' });
    assert.equal(changed.location, `/refer/${slug}/check`);
    assert.match(pageText((await agent.get(changed.location)).body), /School or college Riverside College/);
    const gp = await agent.get(`/refer/${slug}/gp`);
    assert.match(gp.body, new RegExp(`href="/refer/${slug}/school"`), 'back goes to the step before');
    assert.match(gp.body, /value="Hillside Surgery"/);
  });

  test('changing who is referring asks the new route’s questions, then returns to check answers', async () => {
    const { slug } = await newScheme();
    const agent = new TestAgent(t.app);
    await fillReferral(agent, slug, answersFor('self'));
    const changed = await agent.submit(`/refer/${slug}/who?change=1`, { route: 'professional' });
    assert.equal(changed.location, `/refer/${slug}/check`);
    const check = await agent.get(changed.location);
    assert.equal(check.location, `/refer/${slug}/agreement?change=1`);
    const agreed = await agent.submit(check.location!, { knowsAboutReferral: 'yes', agreesToReferral: 'not_asked' });
    assert.equal((await agent.get(agreed.location!)).location, `/refer/${slug}/referrer?change=1`);
  });

  test('steps cannot be skipped by typing their address', async () => {
    const { slug } = await newScheme();
    const agent = new TestAgent(t.app);
    await agent.submit(`/refer/${slug}`, {});
    await agent.submit(`/refer/${slug}/who`, { route: 'professional' });
    assert.equal((await agent.get(`/refer/${slug}/risk`)).location, `/refer/${slug}/young-person`);
    assert.equal((await agent.get(`/refer/${slug}/check`)).location, `/refer/${slug}/young-person?change=1`);
  });
});

describe('outside the age range', () => {
  test('the referral stops at a kind page with the services that can help instead, and cannot be sent', async () => {
    const { org, slug } = await newScheme();
    await t.database.db.updateTable('redirect_services').set({ for_outside_age: true }).where('org_id', '=', org.id).where('name', 'like', 'NHS 111%').execute();
    await t.database.db
      .insertInto('redirect_services')
      .values({ org_id: org.id, name: 'Little Steps', when_to_use: 'For children under 13.', how_to_refer: 'form', form_file_name: 'little steps.pdf', form_content_type: 'application/pdf', form_file: Buffer.from('%PDF-1.4 test'), for_outside_age: true })
      .execute();
    const agent = new TestAgent(t.app);
    await agent.submit(`/refer/${slug}`, {});
    await agent.submit(`/refer/${slug}/who`, { route: 'parent_carer' });
    const tooYoung = await agent.submit(`/refer/${slug}/young-person`, { givenName: 'Pip', familyName: 'Small', ...birthdayFields(9) });
    assert.equal(tooYoung.location, `/refer/${slug}/not-eligible`);
    const stop = await agent.get(tooYoung.location!);
    const text = pageText(stop.body);
    assert.match(text, /supports young people aged 13 to 25, and the young person is younger than 13/);
    assert.match(text, /NHS 111, option 2/);
    assert.match(text, /Little Steps For children under 13/);
    assert.doesNotMatch(text, /children’s services front door/, 'only services marked for outside the age range');
    const formHref = /href="(\/refer\/[^"]+\/form)"/.exec(stop.body)?.[1];
    assert.ok(formHref);
    const download = await agent.get(formHref);
    assert.equal(download.status, 200);
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="little steps.pdf"/);
    assert.equal(download.body, '%PDF-1.4 test');
    assert.equal((await agent.get(`/refer/${slug}/contact`)).location, `/refer/${slug}/not-eligible`);
    assert.equal((await agent.get(`/refer/${slug}/check`)).location, `/refer/${slug}/not-eligible`);
    const count = await t.database.db.selectFrom('referrals').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('the young person’s answers are deleted at the refusal, and the page says exactly what is kept', async () => {
    const { org, slug } = await newScheme();
    const agent = new TestAgent(t.app);
    await agent.submit(`/refer/${slug}`, {});
    await agent.submit(`/refer/${slug}/who`, { route: 'parent_carer' });
    await agent.submit(`/refer/${slug}/young-person`, { givenName: 'Pip', familyName: 'Small', ...birthdayFields(9) });
    assert.deepEqual(await draftAnswers(org.id), [{ who: { route: 'parent_carer' }, outsideAge: 'under' }]);
    const text = pageText((await agent.get(`/refer/${slug}/not-eligible`)).body);
    assert.match(text, /We deleted the young person’s details and any other answers as soon as we saw the age/);
    assert.match(text, /For up to 24 hours we keep only who was filling in the form and that it stopped at the age question/);
    assert.doesNotMatch(text, /Pip/);
    // Entering the details again starts from the young person's page, with nothing filled in.
    const again = await agent.get(`/refer/${slug}/young-person`);
    assert.equal(again.status, 200);
    assert.doesNotMatch(again.body, /Small/);
    const within = await agent.submit(`/refer/${slug}/young-person`, { givenName: 'Pip', familyName: 'Small', ...birthdayFields(14) });
    assert.equal(within.location, `/refer/${slug}/contact`);
  });

  test('with no redirect service marked, too young and too old each get their own advice and the crisis lines', async () => {
    const { slug } = await newScheme();
    const pages: Record<number, string> = {};
    for (const age of [12, 26]) {
      const agent = new TestAgent(t.app);
      await agent.submit(`/refer/${slug}`, {});
      await agent.submit(`/refer/${slug}/who`, { route: 'self' });
      const refused = await agent.submit(`/refer/${slug}/young-person`, { givenName: 'Pip', familyName: 'Small', ...birthdayFields(age) });
      pages[age] = pageText((await agent.get(refused.location!)).body);
    }
    assert.match(pages[12]!, /you are younger than 13/);
    assert.match(pages[12]!, /school nurse/);
    assert.match(pages[26]!, /you are older than 25/);
    assert.match(pages[26]!, /NHS Talking Therapies/);
    for (const text of Object.values(pages)) {
      assert.match(text, /call 999/);
      assert.match(text, /text SHOUT to 85258/);
      assert.doesNotMatch(text, /services below/);
    }
  });

  test('a draft that falls outside a range the scheme has since narrowed is emptied when the refusal is shown', async () => {
    const { org, slug } = await newScheme();
    const agent = new TestAgent(t.app);
    await fillReferral(agent, slug, answersFor('professional'));
    await t.database.db.updateTable('scheme_settings').set({ minimum_age: 16 }).where('org_id', '=', org.id).execute();
    assert.equal((await agent.get(`/refer/${slug}/check`)).location, `/refer/${slug}/not-eligible`);
    assert.match(pageText((await agent.get(`/refer/${slug}/not-eligible`)).body), /younger than 16/);
    assert.deepEqual(await draftAnswers(org.id), [{ who: { route: 'professional' }, outsideAge: 'under' }]);
  });
});

describe('the access log of a referral in progress', () => {
  test('each read and change of the draft and the received event is logged, without copying their text into the history', async () => {
    const { org, slug } = await newScheme();
    const { reference } = await sendReferral(t.app, slug, answersFor('professional'));
    const referral = await referralByReference(t.database, org.id, reference);
    const logged = await t.database.db
      .selectFrom('access_log')
      .select(['record_type', 'action', 'actor_role', 'actor_user_id', 'record_id'])
      .where('org_id', '=', org.id)
      .where('record_type', 'in', ['referral_drafts', 'referral_events'])
      .execute();
    const [draft] = await t.database.db.selectFrom('referral_drafts').select('id').where('org_id', '=', org.id).execute();
    const draftActions = new Set(logged.filter((row) => row.record_type === 'referral_drafts' && row.record_id === draft?.id).map((row) => row.action));
    assert.deepEqual([...draftActions].sort(), ['insert', 'update', 'view']);
    assert.ok(logged.every((row) => row.actor_role === 'public' && row.actor_user_id === null), 'logged as the member of the public who typed it');
    const [event] = await t.database.db.selectFrom('referral_events').select('id').where('referral_id', '=', referral.id).execute();
    assert.ok(logged.some((row) => row.record_type === 'referral_events' && row.action === 'insert' && row.record_id === event?.id));
    const history = await t.database.db.selectFrom('record_history').select('record_type').distinct().where('org_id', '=', org.id).execute();
    assert.deepEqual(history.map((row) => row.record_type), ['referrals'], 'the referral itself keeps its field history; the draft and event do not');
  });
});
async function draftAnswers(orgId: string) {
  const rows = await t.database.db.selectFrom('referral_drafts').select('answers').where('org_id', '=', orgId).execute();
  return rows.map((row) => row.answers);
}
