import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { RISK_QUESTIONS } from '../referrals/streetlight.ts';
import { createReferral } from '../../test/support/triage.ts';
import { answersFor, fillReferral, schemeSlug } from '../../test/support/refer.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const REWORDED = 'Has the young person talked about wanting to die, or are they in danger right now?';

describe('the risk questions’ wording', () => {
  test('an admin rewords a question as a new version; each referral shows the wording it was answered against', async () => {
    const org = await t.newOrganisation();
    const before = await createReferral(t.database, org.id, { givenName: 'Bea', familyName: 'Before' });
    const admin = new TestAgent(t.app);
    await admin.signIn(org.admin);

    const page = await admin.get('/settings/risk-questions');
    assert.equal(page.status, 200);
    assert.match(pageText(page.body), /These are Linkway’s built-in questions/);
    const empty = await admin.submitPage(page, '/settings/risk-questions', { risk_to_life: '' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter the question/);

    const saved = await admin.submitPage(page, '/settings/risk-questions', { ...RISK_QUESTIONS, risk_to_life: REWORDED });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/settings?notice=risk-questions');
    assert.match(pageText((await admin.get('/settings/risk-questions')).body), /You are changing version 1/);

    const afterwards = await createReferral(t.database, org.id, { givenName: 'Ari', familyName: 'After' });
    const stamps = await t.database.db.selectFrom('referrals').select(['id', 'risk_questions_version_id']).where('org_id', '=', org.id).execute();
    assert.equal(stamps.find((row) => row.id === before.id)!.risk_questions_version_id, null);
    assert.ok(stamps.find((row) => row.id === afterwards.id)!.risk_questions_version_id);

    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const old = pageText((await manager.get(`/referrals/${before.id}`)).body);
    assert.match(old, new RegExp(`Risk ${RISK_QUESTIONS.risk_to_life.replace(/[?]/g, '\\?')} No`));
    assert.doesNotMatch(old, /talked about wanting to die/);
    const recent = pageText((await manager.get(`/referrals/${afterwards.id}`)).body);
    assert.match(recent, new RegExp(`Risk \\(questions version 1\\) ${REWORDED.replace(/[?]/g, '\\?')} No`));
    assert.match(recent, new RegExp(RISK_QUESTIONS.self_harm.replace(/[?]/g, '\\?')), 'questions left as they were keep their wording');
  });

  test('referrers read the scheme’s wording on the form and on the check page; the referral keeps that version', async () => {
    const org = await t.newOrganisation();
    const admin = new TestAgent(t.app);
    await admin.signIn(org.admin);
    await admin.submit('/settings/risk-questions', { ...RISK_QUESTIONS, risk_to_life: REWORDED });
    const slug = await schemeSlug(t.database, org.id);
    const answers = answersFor('professional');
    const referrer = new TestAgent(t.app);
    const check = await fillReferral(referrer, slug, answers);
    assert.match(pageText(check.body), new RegExp(REWORDED.replace(/[?]/g, '\\?')));
    assert.match(pageText((await referrer.get(`/refer/${slug}/risk?change=1`)).body), new RegExp(REWORDED.replace(/[?]/g, '\\?')));
    const posted = await referrer.submitPage(check, `/refer/${slug}/check`, {});
    assert.equal(posted.location, `/refer/${slug}/sent`);
    const row = await t.database.db.selectFrom('referrals').select('risk_questions_version_id').where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.ok(row.risk_questions_version_id, 'stamped with the version the referrer read');
  });

  test('only admins change them', async () => {
    const org = await t.newOrganisation();
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.equal((await manager.get('/settings/risk-questions')).status, 404);
  });
});
