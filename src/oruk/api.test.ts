import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent } from '../../test/support/agent.ts';
import { CATEGORY_TAXONOMY_ID, categoryTermId } from './linkway-taxonomy.ts';
import { assertValid, assertValidPage, getJson, importFromUrl, reportText, serveFeeds, slugOf } from '../../test/support/oruk.ts';

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'examples');
const example = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));

let t: TestApp;
let feeds: Awaited<ReturnType<typeof serveFeeds>>;
before(async () => {
  t = await startTestApp();
  feeds = await serveFeeds(Object.fromEntries(readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')).map((file) => [`/${file}`, example(file)])));
  // The fake feed server is local; the app may fetch it as it would a public feed.
  t.treatAsPublic(feeds.url('/'));
});
after(async () => {
  await feeds.close();
  await t.close();
});

describe('the Open Referral UK examples, imported and served back', () => {
  let api: string;
  before(async () => {
    const org = await t.newOrganisation();
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    for (const file of readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'))) {
      const report = await importFromUrl(manager, feeds.url(`/${file}`));
      assert.equal(report.status, 200, `${file}: ${reportText(report).slice(0, 400)}`);
      assert.match(reportText(report), /Every record in the feed was imported/, `${file} imports whole`);
    }
    api = `/oruk/${await slugOf(t.database, org.id)}`;
  });

  test('the root says which version of the standard it speaks, to anyone', async () => {
    const root = await getJson(t.app, api);
    assert.equal(root.status, 200);
    assert.equal(root.body.version, '3.0');
    assert.equal(root.headers['access-control-allow-origin'], '*');
    assert.equal((await t.app.inject({ method: 'GET', url: '/oruk/openapi.json' })).json().openapi, '3.0.0');
  });

  test('services: the list and the full service match the example and the schemas', async () => {
    const list = await getJson(t.app, `${api}/services`);
    assert.equal(list.status, 200);
    assert.equal(list.headers['access-control-allow-origin'], '*');
    assertValidPage('compiled/service_list', list.body, '/services');
    assert.deepEqual(list.body.contents.map((s: { id: string }) => s.id), ['ac148810-d857-441c-9679-408f346de14b']);

    const full = await getJson(t.app, `${api}/services/ac148810-d857-441c-9679-408f346de14b`);
    assert.equal(full.status, 200);
    assert.equal(full.headers['access-control-allow-origin'], '*');
    assertValid('compiled/service', full.body, '/services/{id}');
    const original = example('service_full.json');
    for (const field of ['name', 'description', 'status', 'fees', 'minimum_age', 'maximum_age', 'assured_date', 'alert', 'last_modified']) {
      assert.deepEqual(full.body[field], original[field], field);
    }
    // Served with the service_id the nesting implied.
    const unnested = (rows: Record<string, unknown>[]) => rows.map(({ service_id: _service, ...row }) => row);
    assert.deepEqual(unnested(full.body.schedules), original.schedules);
    assert.deepEqual(unnested(full.body.cost_options), original.cost_options);
    assert.deepEqual(full.body.contacts.map((c: { name: string }) => c.name), original.contacts.map((c: { name: string }) => c.name));
    assert.deepEqual(full.body.service_areas, original.service_areas);
    assert.deepEqual(full.body.organization.organization_identifiers, original.organization.organization_identifiers);
    assert.equal(full.body.service_at_locations[0].location.addresses[0].postal_code, original.service_at_locations[0].location.addresses[0].postal_code);
    assert.ok(full.body.attributes.some((a: { taxonomy_term: { id: string } }) => a.taxonomy_term.id === original.attributes[0].taxonomy_term.id));
  });

  test('service at locations: the list and one in full are schema-valid', async () => {
    const list = await getJson(t.app, `${api}/service_at_locations`);
    assertValidPage('compiled/service_at_location_list', list.body, '/service_at_locations');
    assert.equal(list.body.total_items, 1);
    const one = await getJson(t.app, `${api}/service_at_locations/${list.body.contents[0].id}`);
    assert.equal(one.status, 200);
    assertValid('compiled/service_at_location', one.body, '/service_at_locations/{id}');
    assert.equal(one.body.service.id, 'ac148810-d857-441c-9679-408f346de14b');
  });

  test('taxonomies and terms: the imported ones and Linkway’s own', async () => {
    const taxonomies = await getJson(t.app, `${api}/taxonomies`);
    assertValidPage('taxonomy', taxonomies.body, '/taxonomies');
    const ids = taxonomies.body.contents.map((taxonomy: { id: string }) => taxonomy.id);
    assert.ok(ids.includes(CATEGORY_TAXONOMY_ID) && ids.includes(example('taxonomy.json').id));
    for (const id of [CATEGORY_TAXONOMY_ID, example('taxonomy.json').id]) {
      const one = await getJson(t.app, `${api}/taxonomies/${id}`);
      assert.equal(one.status, 200);
      assertValid('taxonomy', one.body, `/taxonomies/${id}`);
    }
    const categories = await getJson(t.app, `${api}/taxonomies/${CATEGORY_TAXONOMY_ID}`);
    assert.deepEqual(categories.body.taxonomy_terms.map((term: { term: string }) => term.term).sort(), ['creative', 'indoor', 'self_care', 'social', 'sports', 'vocational_educational']);
    const terms = await getJson(t.app, `${api}/taxonomy_terms?per_page=500`);
    assertValidPage('taxonomy_term', terms.body, '/taxonomy_terms');
    assert.ok(terms.body.contents.some((term: { id: string }) => term.id === example('taxonomy_term.json').id));
    for (const id of [example('taxonomy_term.json').id, categoryTermId('sports')]) {
      const one = await getJson(t.app, `${api}/taxonomy_terms/${id}`);
      assert.equal(one.status, 200);
      assertValid('taxonomy_term', one.body, `/taxonomy_terms/${id}`);
    }
  });

  test('unknown ids and schemes answer 404 as JSON, with the CORS header', async () => {
    for (const url of [`${api}/services/00000000-0000-4000-8000-000000000000`, `${api}/services/not-a-uuid`, '/oruk/no-such-scheme/services']) {
      const missing = await getJson(t.app, url);
      assert.equal(missing.status, 404, url);
      assert.equal(missing.headers['access-control-allow-origin'], '*');
    }
  });
});
