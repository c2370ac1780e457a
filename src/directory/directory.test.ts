import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createServiceRow, daysAgo } from '../../test/support/directory.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const serviceRow = (id: string) => t.database.db.selectFrom('directory_services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** The services a page lists, by the names on their cards or rows, in page order. */
const listed = (html: string) => [...html.matchAll(/href="\/directory\/services\/[0-9a-f-]{36}"[^>]*>\s*([^<]+?)\s*</g)].map((match) => match[1]);

describe('searching the directory', () => {
  test('full-text search and each filter narrow the list; other schemes’ services never appear', async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    await createServiceRow(t.database, org.id, { name: 'Saturday football', description: 'Five-a-side football for beginners.', categories: ['sports'], needs: ['physical_activity'], minimumAge: 11, maximumAge: 16 });
    await createServiceRow(t.database, org.id, { name: 'Art space', description: 'Painting and drawing.', categories: ['creative'], needs: ['low_mood'], cost: 'paid' });
    await createServiceRow(t.database, org.id, { name: 'Drop-in cafe', description: 'Come and chat.', categories: ['social'], needs: ['loneliness'], takingReferrals: false, lastCheckedAt: daysAgo(200) });
    await createServiceRow(t.database, other.id, { name: 'Other scheme football', description: 'Football.', categories: ['sports'] });
    const worker = await t.signedIn(org.linkWorker);

    assert.deepEqual(listed((await worker.get('/directory')).body), ['Art space', 'Drop-in cafe', 'Saturday football']);
    assert.deepEqual(listed((await worker.get('/directory?q=football')).body), ['Saturday football']);
    assert.deepEqual(listed((await worker.get('/directory?category=creative')).body), ['Art space']);
    assert.deepEqual(listed((await worker.get('/directory?need=loneliness')).body), ['Drop-in cafe']);
    assert.deepEqual(listed((await worker.get('/directory?age=18')).body), ['Art space', 'Drop-in cafe']);
    assert.deepEqual(listed((await worker.get('/directory?free=yes')).body), ['Drop-in cafe', 'Saturday football']);
    assert.deepEqual(listed((await worker.get('/directory?open=yes')).body), ['Art space', 'Saturday football']);
    assert.deepEqual(listed((await worker.get('/directory?stale=yes')).body), ['Drop-in cafe']);
    const none = await worker.get('/directory?q=trampolining');
    assert.match(pageText(none.body), /No services found .* Record a gap in local services/);
    assert.match(pageText((await worker.get('/directory')).body), /Drop-in cafe .* Stale Not taking people now/);
  });

  test('results are paged', async () => {
    const org = await t.newOrganisation();
    for (let i = 1; i <= 21; i++) await createServiceRow(t.database, org.id, { name: `Club ${String(i).padStart(2, '0')}` });
    const worker = await t.signedIn(org.linkWorker);
    const first = await worker.get('/directory');
    assert.equal(listed(first.body).length, 20);
    assert.match(first.body, /href="\/directory\?page=2"/);
    assert.deepEqual(listed((await worker.get('/directory?page=2')).body), ['Club 21']);
  });

  test('commissioners cannot use the directory, and a service of another scheme is not found', async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    const theirs = await createServiceRow(t.database, other.id, { name: 'Their club' });
    assert.equal((await (await t.signedIn(org.commissioner)).get('/directory')).status, 404);
    const worker = await t.signedIn(org.linkWorker);
    assert.equal((await worker.get(`/directory/services/${theirs}`)).status, 404);
    assert.equal((await worker.get(`/directory/services/${theirs}/edit`)).status, 404);
    assert.equal((await worker.get('/directory/services/not-an-id')).status, 404);
    assert.equal((await worker.get('/directory')).status, 200, 'link workers use the directory');
    const theirWorker = await t.signedIn(other.linkWorker);
    assert.equal((await theirWorker.get(`/directory/services/${theirs}`)).status, 200, 'their own scheme sees it');
    assert.equal((await theirWorker.get(`/directory/services/${theirs}/edit`)).status, 200);
  });
});

describe('a service and its freshness', () => {
  test('the page shows who checked it last; stale entries are flagged; "Mark as checked" puts it right', async () => {
    const org = await t.newOrganisation();
    const id = await createServiceRow(t.database, org.id, { name: 'Climbing wall', lastCheckedAt: daysAgo(120) });
    const worker = await t.signedIn(org.linkWorker);
    const stale = pageText((await worker.get(`/directory/services/${id}`)).body);
    assert.match(stale, /Climbing wall Stale/);
    assert.match(stale, /Entries should be checked every 90 days/);

    const checked = await worker.submit(`/directory/services/${id}`, {}, `/directory/services/${id}/check`);
    assert.equal(checked.status, 303);
    const page = pageText((await worker.get(checked.location!)).body);
    assert.match(page, new RegExp(`Last checked \\d{1,2} \\w+ \\d{4} by ${org.linkWorker.name}`));
    assert.doesNotMatch(page, /Stale/);
    assert.equal((await serviceRow(id)).last_checked_by, org.linkWorker.id);
    const checks = await t.database.db.selectFrom('directory_checks').selectAll().where('service_id', '=', id).execute();
    assert.equal(checks.length, 1);
    assert.equal(checks[0]!.by_provider, false);
  });

  test('the re-check queue lists stale entries oldest first, and managers set the limit', async () => {
    const org = await t.newOrganisation();
    await createServiceRow(t.database, org.id, { name: 'Fresh', lastCheckedAt: daysAgo(5) });
    await createServiceRow(t.database, org.id, { name: 'Old', lastCheckedAt: daysAgo(100) });
    await createServiceRow(t.database, org.id, { name: 'Older', lastCheckedAt: daysAgo(300) });
    await createServiceRow(t.database, org.id, { name: 'Never', lastCheckedAt: null });
    const worker = await t.signedIn(org.linkWorker);
    const queue = await worker.get('/directory/recheck');
    assert.deepEqual(listed(queue.body), ['Never', 'Older', 'Old']);
    assert.doesNotMatch(queue.body, /Days before an entry becomes stale/);

    const manager = await t.signedIn(org.manager);
    const wrong = await manager.submit('/directory/recheck', { days: '3' }, '/directory/recheck/limit');
    assert.equal(wrong.status, 400);
    assert.match(pageText(wrong.body), /There is a problem Entries must be allowed at least 7 days/);
    assert.match(wrong.body, /value="3"/);
    const saved = await manager.submit('/directory/recheck', { days: '200' }, '/directory/recheck/limit');
    assert.equal(saved.status, 303);
    assert.deepEqual(listed((await manager.get('/directory/recheck')).body), ['Never', 'Older']);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await worker.get('/directory/services/new')).body)![1]!;
    assert.equal((await worker.post('/directory/recheck/limit', { days: '30', _csrf: csrf })).status, 404);
  });

  test('link workers add and change services; mistakes are explained and what was typed stays', async () => {
    const org = await t.newOrganisation();
    const worker = await t.signedIn(org.linkWorker);
    const missing = await worker.submit('/directory/services/new', { organizationName: 'Northside Trust', name: '' });
    assert.equal(missing.status, 400);
    assert.match(pageText(missing.body), /There is a problem Enter the name of the service or activity Describe what happens there Select at least one category/);
    assert.match(missing.body, /value="Northside Trust"/);
    const inconsistent = await worker.submit('/directory/services/new', {
      organizationName: 'Northside Trust', name: 'Boxing club', description: 'Boxing.', categories: 'sports', cost: 'paid', costPounds: 'lots',
      minimumAge: '16', maximumAge: '12', referralMethod: 'email', takingReferrals: 'yes',
    });
    assert.equal(inconsistent.status, 400);
    const text = pageText(inconsistent.body);
    assert.match(text, /Oldest age must be the same as or more than the youngest age/);
    assert.match(text, /Enter the cost in pounds, like 3.50/);
    assert.match(text, /Enter the email address referrals go to/);
    assert.match(inconsistent.body, /value="sports" checked/);

    const fields = {
      organizationName: 'Northside Trust', name: 'Boxing club', description: 'Non-contact boxing fitness.', categories: ['sports', 'social'], needs: ['anger'],
      minimumAge: '13', maximumAge: '19', cost: 'paid', costPounds: '2.50', costNote: 'per session', referralMethod: 'signpost', takingReferrals: 'yes',
      waitingWeeks: '2', scheduleText: 'Thursdays 5pm to 6pm', postcode: 'ls6 2ab', contactEmail: 'coach@boxing.example', public: 'yes',
    };
    const added = await worker.submit('/directory/services/new', fields);
    assert.equal(added.status, 303);
    const page = pageText((await worker.get(added.location!)).body);
    assert.match(page, /Service added/);
    assert.match(page, /Northside Trust Boxing club/);
    assert.match(page, /£2.50 per session/);
    assert.match(page, /Thursdays 5pm to 6pm/);
    assert.match(page, /LS6 2AB/);
    assert.match(page, new RegExp(`Last checked .* by ${org.linkWorker.name}`));

    const id = added.location!.split('/')[3]!.split('?')[0]!;
    const edit = await worker.get(`/directory/services/${id}/edit`);
    assert.match(edit.body, /value="Boxing club"/);
    assert.match(edit.body, /value="sports" checked/);
    const changed = await worker.submitPage(edit, `/directory/services/${id}/edit`, { ...fields, name: 'Boxing fitness', takingReferrals: 'no', postcode: 'LS6 2AB' });
    assert.equal(changed.status, 303);
    const row = await serviceRow(id);
    assert.equal(row.name, 'Boxing fitness');
    assert.equal(row.taking_referrals, false);
    assert.equal(row.cost_pence, 250);
    assert.equal((await t.database.db.selectFrom('directory_locations').select('id').where('org_id', '=', org.id).execute()).length, 1);
  });
});

describe('link workers’ private notes', () => {
  test('staff add notes; they are never on the provider’s page', async () => {
    const org = await t.newOrganisation();
    const id = await createServiceRow(t.database, org.id, { name: 'Youth theatre' });
    const worker = await t.signedIn(org.linkWorker);
    const empty = await worker.submit(`/directory/services/${id}`, { note: ' ' }, `/directory/services/${id}/notes`);
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Write your note/);
    const added = await worker.submit(`/directory/services/${id}`, { note: 'Ask for Jo: she meets newcomers at the door.' }, `/directory/services/${id}/notes`);
    assert.equal(added.status, 303);
    assert.match(pageText((await worker.get(`/directory/services/${id}`)).body), /Ask for Jo: she meets newcomers at the door\. .*, \d{1,2} \w+ \d{4}/);

    const linkPage = await worker.submit(`/directory/services/${id}`, {}, `/directory/services/${id}/provider-link`);
    const token = /\/provider\/([A-Za-z0-9_-]{43})/.exec(linkPage.body)![1]!;
    const provider = await new TestAgent(t.app).get(`/provider/${token}`);
    assert.equal(provider.status, 200);
    assert.match(pageText(provider.body), /Update Youth theatre/);
    assert.doesNotMatch(provider.body, /Ask for Jo/);
  });
});

describe('provider self-update through a private link', () => {
  test('the provider updates waiting time, availability and schedule, and it counts as a check', async () => {
    const org = await t.newOrganisation();
    const id = await createServiceRow(t.database, org.id, { name: 'Girls’ football', email: 'coach@football.example', lastCheckedAt: daysAgo(200), waitingWeeks: 6 });
    const worker = await t.signedIn(org.linkWorker);
    const linkPage = await worker.submit(`/directory/services/${id}`, { sendEmail: 'yes' }, `/directory/services/${id}/provider-link`);
    assert.equal(linkPage.status, 200);
    assert.equal(linkPage.headers['cache-control'], 'no-store');
    assert.match(pageText(linkPage.body), /We have emailed this link to coach@football.example/);
    const token = /\/provider\/([A-Za-z0-9_-]{43})/.exec(linkPage.body)![1]!;
    const stored = await t.database.db.selectFrom('directory_provider_links').selectAll().where('service_id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    const email = await t.database.db.selectFrom('outbox_messages').selectAll().where('org_id', '=', org.id).where('to_address', '=', 'coach@football.example').executeTakeFirstOrThrow();
    assert.match(email.body, new RegExp(`/provider/${token}`));

    const provider = new TestAgent(t.app);
    const form = await provider.get(`/provider/${token}`);
    assert.match(form.body, /name="waitingWeeks"[^>]*value="6"/);
    const bad = await provider.submitPage(form, `/provider/${token}`, { waitingWeeks: 'soon', takingReferrals: 'yes' });
    assert.equal(bad.status, 400);
    assert.match(pageText(bad.body), /There is a problem Waiting time must be a number/);
    assert.match(bad.body, /value="soon"/);
    const done = await provider.submitPage(form, `/provider/${token}`, { waitingWeeks: '0', takingReferrals: 'no', scheduleText: 'Mondays 4pm to 5pm' });
    assert.equal(done.status, 303);
    assert.match(pageText((await provider.get(done.location!)).body), /Thank you. Your listing is up to date/);

    const row = await serviceRow(id);
    assert.equal(row.waiting_weeks, 0);
    assert.equal(row.taking_referrals, false);
    assert.equal(row.last_checked_by, null);
    assert.ok(row.last_checked_at! > daysAgo(1));
    const page = pageText((await worker.get(`/directory/services/${id}`)).body);
    assert.match(page, /Last checked \d{1,2} \w+ \d{4} by the provider/);
    assert.match(page, /Mondays 4pm to 5pm/);
    assert.doesNotMatch(page, /Stale/);
  });

  test('expired, replaced and stopped links are refused kindly; unknown links are too', async () => {
    const org = await t.newOrganisation();
    const id = await createServiceRow(t.database, org.id, { name: 'Chess club' });
    const worker = await t.signedIn(org.linkWorker);
    const tokenFrom = (body: string) => /\/provider\/([A-Za-z0-9_-]{43})/.exec(body)![1]!;
    const first = tokenFrom((await worker.submit(`/directory/services/${id}`, {}, `/directory/services/${id}/provider-link`)).body);
    const second = tokenFrom((await worker.submit(`/directory/services/${id}`, {}, `/directory/services/${id}/provider-link`)).body);
    const provider = new TestAgent(t.app);
    const replaced = await provider.get(`/provider/${first}`);
    assert.equal(replaced.status, 410);
    assert.match(pageText(replaced.body), new RegExp(`This link no longer works .* contact ${org.name} and ask for a new link`));
    assert.doesNotMatch(replaced.body, /Chess club/);

    const form = await provider.get(`/provider/${second}`);
    await t.database.db.updateTable('directory_provider_links').set({ expires_at: daysAgo(1) }).where('service_id', '=', id).execute();
    assert.equal((await provider.get(`/provider/${second}`)).status, 410);
    const lateSubmit = await provider.submitPage(form, `/provider/${second}`, { waitingWeeks: '1', takingReferrals: 'yes' });
    assert.equal(lateSubmit.status, 410);
    assert.equal((await serviceRow(id)).waiting_weeks, null);

    const third = tokenFrom((await worker.submit(`/directory/services/${id}`, {}, `/directory/services/${id}/provider-link`)).body);
    assert.equal((await provider.get(`/provider/${third}`)).status, 200);
    assert.equal((await worker.submit(`/directory/services/${id}`, {}, `/directory/services/${id}/provider-link/stop`)).status, 303);
    assert.equal((await provider.get(`/provider/${third}`)).status, 410);
    assert.equal((await provider.get(`/provider/${'x'.repeat(43)}`)).status, 410);
  });
});

describe('gaps in local services', () => {
  test('link workers record gaps; managers see them counted by need and area', async () => {
    const org = await t.newOrganisation();
    const worker = await t.signedIn(org.linkWorker);
    const bad = await worker.submit('/directory/gaps/new?need=anxiety', { need: 'anxiety', area: 'Leeds', age: 'x' });
    assert.equal(bad.status, 400);
    assert.match(pageText(bad.body), /There is a problem Enter the first half of a postcode, like LS6 Age must be a number/);
    assert.match(bad.body, /value="Leeds"/);
    for (const gap of [
      { need: 'anxiety', area: 'ls6 2ab', age: '15', note: '' },
      { need: 'anxiety', area: 'LS6', age: '17', note: 'No small-group anxiety support near here.' },
      { need: 'bereavement', area: 'LS9', age: '', note: '' },
    ]) {
      const saved = await worker.submit('/directory/gaps/new', gap);
      assert.equal(saved.status, 303);
    }
    assert.equal((await worker.get('/directory/gaps')).status, 404);
    const report = pageText((await (await t.signedIn(org.manager)).get('/directory/gaps')).body);
    assert.match(report, /3 gaps have been recorded/);
    assert.match(report, /Anxiety or worry Area LS6 Gaps 2 Ages 15 to 17 .* Bereavement or loss Area LS9 Gaps 1 Ages Not recorded/);
    assert.match(report, /No small-group anxiety support near here/);
    const other = await t.newOrganisation();
    assert.match(pageText((await (await t.signedIn(other.manager)).get('/directory/gaps')).body), /No gaps have been recorded yet/);
  });
});
