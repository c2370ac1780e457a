import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { csrfFrom, overviewAfter, signedInAdmin } from '../../test/support/scheme-settings.ts';

// Streetlight rules and redirect services are tested in their own files.

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const settingsRow = (orgId: string) => t.database.db.selectFrom('scheme_settings').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();

describe('the overview', () => {
  test('shows every setting in a card with a Change link', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const overview = await admin.get('/settings');
    assert.equal(overview.status, 200);
    const text = pageText(overview.body);
    assert.match(text, /Referral routes Change \(Referral routes\) Who can refer A professional .* A parent or carer, on behalf of a young person A young person, for themselves/);
    assert.match(text, /Ages 13 to 25/);
    assert.match(text, /Inclusion criteria Not set yet/);
    assert.match(text, /Contact attempts 3 attempts over 10 working days First contact within 5 working days/);
    assert.match(text, /Streetlight rules Change \(Streetlight rules\) Red Is the young person at immediate risk .* Yes/);
    assert.match(text, /Green Every answer with no rule/);
    assert.match(text, /Redirect services Change \(Redirect services\) Local authority children’s services front door Web page: https:\/\/www\.gov\.uk/);
    for (const path of ['referral-routes', 'age-range', 'identity', 'criteria', 'public-form-text', 'contact-policy', 'streetlight', 'redirect-services']) {
      assert.match(overview.body, new RegExp(`href="/settings/${path}"`), path);
    }
    assert.match(overview.body, /href="\/settings" aria-current="page">(<[^>]+>)?Scheme settings/, 'admins reach it from the navigation');
  });

  test('only admins can reach scheme settings: everyone else is told the pages do not exist', async () => {
    const org = await t.newOrganisation();
    const paths = ['/settings', '/settings/referral-routes', '/settings/age-range', '/settings/criteria', '/settings/public-form-text', '/settings/contact-policy'];
    for (const user of [org.manager, org.linkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      for (const path of paths) assert.equal((await agent.get(path)).status, 404, `${user.role} GET ${path}`);
      const csrf = csrfFrom(await agent.get('/sign-out'));
      const posted = await agent.post('/settings/age-range', { _csrf: csrf, minimumAge: '0', maximumAge: '120', outsideAgeMessage: 'Sneaky' });
      assert.equal(posted.status, 404, `${user.role} POST`);
    }
    assert.equal((await settingsRow(org.id)).minimum_age, 13);
    assert.equal((await new TestAgent(t.app).get('/settings')).location, '/sign-in', 'signed-out visitors are sent to sign in');
  });
});

describe('saving each setting', () => {
  test('NHS identity: the header carries the scheme’s name, and the NHS logo only once the scheme says it is an NHS organisation', async () => {
    const org = await t.newOrganisation();
    const slug = (await t.database.db.selectFrom('organisations').select('slug').where('id', '=', org.id).executeTakeFirstOrThrow()).slug;
    const header = (body: string) => /<header[^>]*class="([^"]*)"[\s\S]*?<\/header>/.exec(body)!;
    const publicStart = () => new TestAgent(t.app).get(`/refer/${slug}`);
    const admin = await signedInAdmin(t.app, org);
    for (const body of [(await publicStart()).body, (await admin.get('/settings')).body]) {
      const [markup, classes] = header(body);
      assert.match(classes!, /app-header--not-nhs/, 'the NHS logo is hidden');
      assert.match(markup, new RegExp(`aria-label="${org.name} home"`));
      assert.doesNotMatch(markup, />\s*Linkway\s*</, 'the scheme’s name, not Linkway');
    }
    assert.match(pageText((await admin.get('/settings')).body), /Run by an NHS organisation No: pages show the scheme’s name only/);
    const refused = await admin.submit('/settings/identity', {});
    assert.equal(refused.status, 400);
    assert.match(pageText(refused.body), /Select whether the scheme is run by an NHS organisation/);
    const done = await admin.submit('/settings/identity', { isNhsOrganisation: 'yes' });
    assert.equal(done.location, '/settings?notice=identity');
    assert.equal((await settingsRow(org.id)).is_nhs_organisation, true);
    assert.doesNotMatch(header((await publicStart()).body)[1]!, /app-header--not-nhs/, 'an NHS scheme keeps the NHS logo');
    assert.doesNotMatch(header((await admin.get('/settings')).body)[1]!, /app-header--not-nhs/);
  });

  test('referral routes: the ticked routes are saved and shown', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const done = await admin.submit('/settings/referral-routes', { openRoutes: ['self', 'professional'] });
    const text = await overviewAfter(admin, done);
    assert.match(text, /Referral routes saved\./);
    assert.match(text, /Who can refer A professional .* A young person, for themselves Age range/);
    assert.doesNotMatch(text, /A parent or carer, on behalf/);
    assert.deepEqual((await settingsRow(org.id)).open_routes, ['professional', 'self'], 'kept in the form’s order');
    const form = await admin.get('/settings/referral-routes');
    assert.match(form.body, /value="professional" checked/);
    assert.doesNotMatch(form.body, /value="parent_carer" checked/);
  });

  test('referral routes: at least one must stay open', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const refused = await admin.submit('/settings/referral-routes', {});
    assert.equal(refused.status, 400);
    assert.match(pageText(refused.body), /There is a problem Select at least one way to refer\. At least one route must stay open/);
    assert.match(refused.body, /href="#openRoutes"/);
    const made_up = await admin.submit('/settings/referral-routes', { openRoutes: 'carrier_pigeon' });
    assert.equal(made_up.status, 400);
    assert.equal((await settingsRow(org.id)).open_routes.length, 3, 'nothing changed');
  });

  test('age range and message: saved, and a minimum above the maximum is refused with what was typed kept', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const message = 'We support young people aged 11 to 18.\nThese services may help.';
    const done = await admin.submit('/settings/age-range', { minimumAge: ' 11 ', maximumAge: '18', outsideAgeMessage: message });
    const text = await overviewAfter(admin, done);
    assert.match(text, /Age range saved\. .*Ages 11 to 18 Message to people outside it We support young people aged 11 to 18\. These services may help\./);
    const row = await settingsRow(org.id);
    assert.deepEqual([row.minimum_age, row.maximum_age, row.outside_age_message], [11, 18, message]);

    const backwards = await admin.submit('/settings/age-range', { minimumAge: '19', maximumAge: '16', outsideAgeMessage: 'Kept as typed' });
    assert.equal(backwards.status, 400);
    assert.match(pageText(backwards.body), /There is a problem Maximum age must be the same as or higher than the minimum age/);
    assert.match(backwards.body, /value="19"/);
    assert.match(backwards.body, /value="16"/);
    assert.match(backwards.body, />Kept as typed<\/textarea>/);

    for (const typed of ['121', '-1', '12.5', 'ten']) {
      const wrong = await admin.submit('/settings/age-range', { minimumAge: typed, maximumAge: '25', outsideAgeMessage: 'x' });
      assert.equal(wrong.status, 400, typed);
      assert.match(pageText(wrong.body), /Minimum age must be a whole number from 0 to 120/);
      assert.match(wrong.body, new RegExp(`value="${typed}"`));
    }
    const empty = await admin.submit('/settings/age-range', { minimumAge: '', maximumAge: '', outsideAgeMessage: '' });
    assert.match(pageText(empty.body), /There is a problem Enter the minimum age Enter the maximum age Enter the message for people outside the age range/);
    const same = await admin.submit('/settings/age-range', { minimumAge: '16', maximumAge: '16', outsideAgeMessage: 'Only 16.' });
    assert.equal(same.status, 303, 'one age only is allowed');
  });

  test('inclusion and exclusion criteria: saved and shown; too long is refused with the limit', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const done = await admin.submit('/settings/criteria', { inclusionCriteria: 'Aged 13 to 25\r\nFeeling lonely or low', exclusionCriteria: '' });
    const text = await overviewAfter(admin, done);
    assert.match(text, /Inclusion and exclusion criteria saved\..*Inclusion criteria Aged 13 to 25 Feeling lonely or low Exclusion criteria Not set yet/);
    assert.equal((await settingsRow(org.id)).inclusion_criteria, 'Aged 13 to 25\nFeeling lonely or low', 'line breaks kept as one character');
    assert.match((await admin.get('/settings')).body, /Aged 13 to 25<br \/>\s*Feeling lonely or low/, 'line breaks shown');

    const tooLong = await admin.submit('/settings/criteria', { inclusionCriteria: 'a'.repeat(2001), exclusionCriteria: 'Kept' });
    assert.equal(tooLong.status, 400);
    assert.match(pageText(tooLong.body), /Who we can help must be 2000 characters or fewer/);
    assert.match(tooLong.body, />Kept<\/textarea>/);
    assert.match(tooLong.body, /data-maxlength="2000"/, 'the design system’s character count is used');
    // A browser sends each line break as two characters; the count the person saw was one each.
    const atLimit = await admin.submit('/settings/criteria', { inclusionCriteria: `${'a'.repeat(999)}\r\n${'b'.repeat(1000)}`, exclusionCriteria: '' });
    assert.equal(atLimit.status, 303);
    const empty = await admin.submit('/settings/criteria', { inclusionCriteria: '   ', exclusionCriteria: '' });
    assert.match(pageText(empty.body), /Enter who the scheme can help/);
  });

  test('privacy notice and what happens next: saved and shown', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const done = await admin.submit('/settings/public-form-text', { privacyNotice: 'We keep it safe.', whatHappensNext: 'We reply in 3 working days.' });
    const text = await overviewAfter(admin, done);
    assert.match(text, /Text on the referral form saved\..*Privacy notice We keep it safe\. What happens next We reply in 3 working days\./);
    const empty = await admin.submit('/settings/public-form-text', { privacyNotice: '', whatHappensNext: 'Typed' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter the privacy notice/);
    assert.match(empty.body, />Typed<\/textarea>/);
  });

  test('contact policy: saved and shown, with whole numbers in range only', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const done = await admin.submit('/settings/contact-policy', { contactAttempts: '4', contactWindowWorkingDays: '15', firstContactTargetWorkingDays: '3' });
    const text = await overviewAfter(admin, done);
    assert.match(text, /Contact policy saved\..*Contact attempts 4 attempts over 15 working days First contact within 3 working days/);
    const row = await settingsRow(org.id);
    assert.deepEqual([row.contact_attempts, row.contact_window_working_days, row.first_contact_target_working_days], [4, 15, 3]);

    const wrong = await admin.submit('/settings/contact-policy', { contactAttempts: '11', contactWindowWorkingDays: '0', firstContactTargetWorkingDays: '61' });
    assert.equal(wrong.status, 400);
    assert.match(
      pageText(wrong.body),
      /Number of attempts must be a whole number from 1 to 10 Working days for contact attempts must be a whole number from 1 to 60 First contact target must be a whole number from 1 to 60/,
    );
    assert.match(wrong.body, /value="11"/);
    assert.equal((await settingsRow(org.id)).contact_attempts, 4, 'nothing changed');
  });

  test('settings belong to the admin’s own scheme only', async () => {
    const org = await t.newOrganisation();
    const elsewhere = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    await admin.submit('/settings/contact-policy', { contactAttempts: '7', contactWindowWorkingDays: '20', firstContactTargetWorkingDays: '2' });
    assert.equal((await settingsRow(org.id)).contact_attempts, 7);
    assert.equal((await settingsRow(elsewhere.id)).contact_attempts, 3);
  });
});
