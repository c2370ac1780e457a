import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { categoryTermId } from './linkway-taxonomy.ts';
import { kindOf } from './feed.ts';
import { assertValidExport, importFile, importFromUrl, reportText, serveFeeds } from '../../test/support/oruk.ts';

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'examples');
const SERVICE = JSON.parse(readFileSync(path.join(EXAMPLES, 'service_full.json'), 'utf8'));
const ORGANIZATION = { id: '2b0f4e5c-6f0e-4f57-9d57-3a3a1c0b7e11', name: 'Riverside Youth Trust', description: 'Youth work by the river.' };
const service = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, name, status: 'active', organization: ORGANIZATION, ...extra });
const ID = (n: number) => `6a1c2d3e-4f50-4a6b-8c7d-${String(n).padStart(12, '0')}`;

let t: TestApp;
let feeds: Awaited<ReturnType<typeof serveFeeds>>;
before(async () => {
  t = await startTestApp();
  feeds = await serveFeeds({
    '/mixed': [
      service(ID(1), 'Canoe club'),
      { id: ID(2), name: 'No status' , organization: ORGANIZATION },
      { ...service(ID(3), 'Bad id'), id: 'not-a-uuid' },
      { id: ID(4), name: 'Orphan', status: 'active', organization_id: ID(99) },
      'just a string',
    ],
    '/fatal': [service(ID(5), 'Kayak club'), service(ID(6), 'Sailing club', { cost_options: [{ id: ID(7), amount: 1e12 }] })],
    '/paged': { total_items: 2, total_pages: 2, page_number: 1, size: 1, first_page: true, last_page: false, empty: false, contents: [service(ID(8), 'Page one club')] },
    '/paged?page=2': { total_items: 2, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true, empty: false, contents: [service(ID(9), 'Page two club')] },
    '/service': SERVICE,
    '/renamed': { ...SERVICE, name: 'Community Counselling (renamed)' },
  });
  // The fake feed server is local; the app may fetch it as it would a public feed.
  t.treatAsPublic(feeds.url('/'));
});
after(async () => {
  await feeds.close();
  await t.close();
});

const servicesOf = (orgId: string) => t.database.db.selectFrom('directory_services').selectAll().where('org_id', '=', orgId).orderBy('name').execute();

describe('importing an Open Referral UK feed', () => {
  test('imports the valid records and lists the rest with the reasons', async () => {
    const org = await t.newOrganisation();
    const report = await importFromUrl(await t.signedIn(org.manager), feeds.url('/mixed'));
    assert.equal(report.status, 200);
    const text = reportText(report);
    assert.match(text, /4 records were left out/);
    assert.match(text, /must have required property 'status'/);
    assert.match(text, /id must match format "uuid"/);
    assert.match(text, /organization 6a1c2d3e-4f50-4a6b-8c7d-000000000099 is neither in the feed nor the directory/);
    assert.match(text, /record 5 is not a JSON object/);
    assert.deepEqual((await servicesOf(org.id)).map((s) => [s.name, s.public]), [['Canoe club', true]]);
  });

  test('saves nothing when the database refuses any part of the feed', async () => {
    const org = await t.newOrganisation();
    const page = await importFromUrl(await t.signedIn(org.manager), feeds.url('/fatal'));
    assert.equal(page.status, 400);
    assert.match(pageText(page.body), /There is a problem .*The import stopped and nothing was saved: a number in the feed is too large/);
    assert.deepEqual(await servicesOf(org.id), []);
    assert.deepEqual(await t.database.db.selectFrom('directory_organizations').select('id').where('org_id', '=', org.id).execute(), []);
  });

  test('updates by id, keeping what the scheme added, and each scheme keeps its own copy', async () => {
    const first = await t.newOrganisation();
    const second = await t.newOrganisation();
    const manager = await t.signedIn(first.manager);
    await importFromUrl(manager, feeds.url('/service'), false);
    await t.database.db.updateTable('directory_services').set({ waiting_weeks: 3, categories: ['social'] }).where('org_id', '=', first.id).execute();
    await importFromUrl(await t.signedIn(second.manager), feeds.url('/service'));

    assert.equal((await importFromUrl(manager, feeds.url('/renamed'))).status, 200);
    const [updated] = await servicesOf(first.id);
    assert.deepEqual([updated?.id, updated?.name, updated?.waiting_weeks, updated?.categories, updated?.public], [SERVICE.id, 'Community Counselling (renamed)', 3, ['social'], false]);
    assert.equal((await servicesOf(first.id)).length, 1);
    const [theirs] = await servicesOf(second.id);
    assert.deepEqual([theirs?.id, theirs?.name, theirs?.public], [SERVICE.id, 'Community Counselling', true]);
  });

  test('follows an ORUK API’s pages, and takes an uploaded file', async () => {
    const org = await t.newOrganisation();
    const manager = await t.signedIn(org.manager);
    assert.equal((await importFromUrl(manager, feeds.url('/paged'))).status, 200);
    const uploaded = await importFile(t.app, manager, JSON.stringify([service(ID(10), 'Uploaded club')]));
    assert.equal(uploaded.status, 200, pageText(uploaded.body).slice(0, 300));
    assert.deepEqual((await servicesOf(org.id)).map((s) => s.name), ['Page one club', 'Page two club', 'Uploaded club']);
    const notJson = await importFile(t.app, manager, '{ not json');
    assert.equal(notJson.status, 400);
    assert.match(pageText(notJson.body), /The file is not valid JSON/);
  });

  test('says plainly when the feed cannot be fetched, keeping the address typed', async () => {
    const org = await t.newOrganisation();
    const page = await importFromUrl(await t.signedIn(org.manager), feeds.url('/nowhere'));
    assert.equal(page.status, 400);
    assert.match(pageText(page.body), /There is a problem .*The feed answered with an error \(status 404\)/);
    assert.ok(page.body.includes(feeds.url('/nowhere')));
    const empty = await importFromUrl(await t.signedIn(org.manager), '');
    assert.match(pageText(empty.body), /Enter the web address of a feed or choose a JSON file/);
  });

  test('only admins and managers may import or export', async () => {
    const org = await t.newOrganisation();
    for (const who of ['linkWorker', 'commissioner'] as const) {
      const agent = await t.signedIn(org[who]);
      assert.equal((await agent.get('/directory/import')).status, 404, who);
      assert.equal((await agent.get('/directory/export.json')).status, 404, who);
    }
    for (const who of ['admin', 'manager'] as const) {
      const agent = await t.signedIn(org[who]);
      assert.equal((await agent.get('/directory/import')).status, 200, who);
      assert.equal((await agent.get('/directory/export.json')).status, 200, who);
    }
  });
});

describe('exporting the directory', () => {
  test('as schema-valid ORUK JSON without private notes, which another scheme can import whole', async () => {
    const org = await t.newOrganisation();
    const manager = await t.signedIn(org.manager);
    await importFromUrl(manager, feeds.url('/service'), false);
    await t.database.db.updateTable('directory_services').set({ categories: ['creative', 'social'], needs: ['loneliness'] }).where('org_id', '=', org.id).execute();
    await t.database.db.insertInto('directory_private_notes').values({ org_id: org.id, service_id: SERVICE.id, note: 'PRIVATE: the lead is lovely' }).execute();

    const exported = await manager.get('/directory/export.json');
    assert.equal(exported.status, 200);
    assert.match(String(exported.headers['content-disposition']), /attachment/);
    assert.doesNotMatch(exported.body, /PRIVATE/);
    const records = JSON.parse(exported.body);
    assertValidExport(records, 'the export');
    const services = records.filter((record: Record<string, unknown>) => kindOf(record) === 'service');
    assert.equal(services.length, 1, 'services the scheme has not published are exported too');
    assert.ok(services[0].attributes.some((a: { taxonomy_term_id: string }) => a.taxonomy_term_id === categoryTermId('creative')));

    const other = await t.newOrganisation();
    const imported = await importFile(t.app, await t.signedIn(other.manager), exported.body);
    assert.match(reportText(imported), /Every record in the feed was imported/);
    const [copy] = await servicesOf(other.id);
    assert.deepEqual([copy?.name, copy?.categories, copy?.needs], [SERVICE.name, ['creative', 'social'], ['loneliness']]);
  });
});
