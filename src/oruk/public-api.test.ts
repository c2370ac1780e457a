import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { seedDemoDirectory, type DemoRandom } from '../demo/directory-seed.ts';
import { publicData } from '../platform/db/caller-data.ts';
import { categoryTermId, NEEDS_TAXONOMY_ID } from './linkway-taxonomy.ts';
import { assertValid, assertValidPage, getJson, slugOf } from '../../test/support/oruk.ts';

let t: TestApp;
let api: string;
let orgId: string;
before(async () => {
  t = await startTestApp();
  const org = await t.newOrganisation();
  orgId = org.id;
  // The demo's directory, twice over: one service in ten is kept off the public feed.
  const steady: DemoRandom = { next: () => 0.5, pick: (items) => items[0]!, between: (min) => min };
  await t.database.db.transaction().execute((trx) => seedDemoDirectory(trx, org.id, 40, [org.linkWorker.id], steady));
  await t.database.db.insertInto('directory_private_notes').values(
    (await t.database.db.selectFrom('directory_services').select('id').where('org_id', '=', org.id).execute()).map((service) => ({
      org_id: org.id,
      service_id: service.id,
      note: `PRIVATE-NOTE-${service.id}`,
    })),
  ).execute();
  api = `/oruk/${await slugOf(t.database, org.id)}`;
});
after(() => t.close());

const services = (where: { public: boolean }) =>
  t.database.db.selectFrom('directory_services').selectAll().where('org_id', '=', orgId).where('public', '=', where.public).execute();
const idsOf = (page: { contents: { id: string }[] }) => page.contents.map((item) => item.id).sort();

async function everyPage(path: string): Promise<{ id: string }[]> {
  const all = [];
  for (let page = 1; ; page += 1) {
    const answer = await getJson(t.app, `${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=10`);
    assert.equal(answer.status, 200);
    all.push(...answer.body.contents);
    if (answer.body.last_page) return all;
  }
}

describe('the public ORUK API of a scheme', () => {
  test('pages through only the public services', async () => {
    const published = await services({ public: true });
    const hidden = await services({ public: false });
    assert.equal(published.length, 36);
    assert.equal(hidden.length, 4);

    const third = await getJson(t.app, `${api}/services?page=4&per_page=10`);
    assertValidPage('compiled/service_list', third.body, 'page 4');
    assert.deepEqual(
      { ...third.body, contents: undefined },
      { total_items: 36, total_pages: 4, page_number: 4, size: 6, first_page: false, last_page: true, empty: false, contents: undefined },
    );
    const beyond = await getJson(t.app, `${api}/services?page=5&per_page=10`);
    assert.deepEqual([beyond.body.size, beyond.body.empty, beyond.body.last_page], [0, true, true]);

    const served = await everyPage(`${api}/services`);
    assert.deepEqual(served.map((s) => s.id).sort(), published.map((s) => s.id).sort());
  });

  test('never serves a hidden service, in lists or by id, nor link workers’ notes', async () => {
    const hidden = await services({ public: false });
    for (const service of hidden) {
      assert.equal((await getJson(t.app, `${api}/services/${service.id}`)).status, 404);
    }
    const links = await t.database.db.selectFrom('directory_service_at_locations').select('id').where('service_id', 'in', hidden.map((s) => s.id)).execute();
    for (const link of links) assert.equal((await getJson(t.app, `${api}/service_at_locations/${link.id}`)).status, 404);
    const served = await everyPage(`${api}/service_at_locations`);
    assert.equal(served.length, 36);

    const published = await services({ public: true });
    const bodies = [];
    for (const service of published.slice(0, 5)) bodies.push((await t.app.inject({ url: `${api}/services/${service.id}` })).body);
    bodies.push((await t.app.inject({ url: `${api}/services?per_page=500` })).body, (await t.app.inject({ url: `${api}/service_at_locations?per_page=500` })).body);
    for (const body of bodies) assert.doesNotMatch(body, /PRIVATE-NOTE/);
    for (const hiddenService of hidden) for (const body of bodies) assert.ok(!body.includes(hiddenService.id));
  });

  test('row-level security alone keeps hidden services, their venues and all notes from the public', async () => {
    const seen = await publicData(t.database.db, orgId, null).run(async (tx) => ({
      services: await tx.db.selectFrom('directory_services').select('public').execute(),
      locations: await tx.db.selectFrom('directory_locations').select('id').execute(),
      schedules: await tx.db.selectFrom('directory_schedules').select('id').execute(),
      notes: await tx.db.selectFrom('directory_private_notes').select('id').execute(),
    }));
    assert.deepEqual([seen.services.length, seen.services.every((s) => s.public)], [36, true]);
    assert.equal(seen.locations.length, 36);
    assert.equal(seen.schedules.length, 36);
    assert.equal(seen.notes.length, 0);
  });

  test('a full service carries its categories and needs as Linkway taxonomy terms', async () => {
    const [service] = (await services({ public: true })).filter((s) => s.name === 'Climbing taster sessions');
    const full = await getJson(t.app, `${api}/services/${service!.id}`);
    assertValid('compiled/service', full.body, 'a seeded service');
    assert.equal(full.body.fees, '£5.00 per session; ask about free places');
    const terms = full.body.attributes.map((a: { taxonomy_term: { term: string } }) => a.taxonomy_term.term).sort();
    assert.deepEqual(terms, [...service!.categories, ...service!.needs].sort());
    assert.equal(full.body.service_at_locations[0].location.addresses[0].postal_code, 'LS8 4DH');
  });

  test('filters by search, taxonomy term, taxonomy, age, day and time', async () => {
    const published = await services({ public: true });
    const expect = async (query: string, keep: (s: (typeof published)[number]) => boolean) => {
      const answer = await getJson(t.app, `${api}/services?per_page=500&${query}`);
      assert.equal(answer.status, 200, query);
      assertValidPage('compiled/service_list', answer.body, query);
      const wanted = published.filter(keep).map((s) => s.id).sort();
      assert.ok(wanted.length > 0 && wanted.length < published.length, `${query} is a real test`);
      assert.deepEqual(idsOf(answer.body), wanted, query);
    };
    await expect('search=climbing', (s) => /climbing/i.test(s.name));
    await expect(`taxonomy_term_id=${categoryTermId('sports')}`, (s) => s.categories.includes('sports'));
    await expect(`taxonomy_id=${NEEDS_TAXONOMY_ID}&minimum_age=13`, (s) => s.needs.length > 0 && s.minimum_age! >= 13);
    await expect('maximum_age=18', (s) => s.maximum_age! <= 18);

    const schedules = await t.database.db.selectFrom('directory_schedules').select(['service_id', 'byday', 'opens_at']).where('org_id', '=', orgId).execute();
    const scheduleOf = (id: string) => schedules.find((h) => h.service_id === id)!;
    await expect('day=saturday', (s) => scheduleOf(s.id).byday!.includes('SA'));
    await expect('day=TU&start_time=17:00', (s) => scheduleOf(s.id).byday!.includes('TU') && scheduleOf(s.id).opens_at! >= '17:00');
  });

  test('service at locations near a postcode the directory knows', async () => {
    const near = await getJson(t.app, `${api}/service_at_locations?postcode=ls63ab&proximity=1500&per_page=500`);
    assertValidPage('compiled/service_at_location_list', near.body, 'near LS6 3AB');
    const names = near.body.contents.map((link: { service: { name: string } }) => link.service.name);
    assert.ok(names.includes('Saturday art club') && names.includes('Board games afternoons'));
    assert.ok(!names.includes('Youth choir'), 'Chapeltown is further than 1.5km');
    const district = await getJson(t.app, `${api}/service_at_locations?postcode=LS7%209ZZ&per_page=500`);
    assert.ok(district.body.total_items > 0);
    const postcodes = await t.database.db.selectFrom('directory_locations').select(['id', 'postcode']).where('org_id', '=', orgId).execute();
    for (const link of district.body.contents) assert.match(postcodes.find((l) => l.id === link.location_id)!.postcode!, /^LS7 /);
  });

  test('minimal lists every service’s id and last change, in one answer', async () => {
    const published = await services({ public: true });
    const minimal = await getJson(t.app, `${api}/services?minimal=true`);
    assert.equal(minimal.status, 200);
    assert.ok(Array.isArray(minimal.body));
    assert.deepEqual(
      [...minimal.body].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)),
      published.map((s) => ({ id: s.id, last_modified: s.last_modified.toISOString() })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    const filtered = await getJson(t.app, `${api}/services?minimal=true&search=climbing`);
    assert.deepEqual(filtered.body.map((item: { id: string }) => item.id), published.filter((s) => /climbing/i.test(s.name)).map((s) => s.id));
  });

  test('full_service lists services in full, and format=ndjson answers every one a line each, without pages', async () => {
    const full = await getJson(t.app, `${api}/services?full_service=true&per_page=5`);
    assertValidPage('compiled/service_list', full.body, 'full services');
    full.body.contents.forEach((service: unknown, index: number) => assertValid('compiled/service', service, `full service ${index + 1}`));
    assert.ok(full.body.contents.every((service: { schedules?: unknown[]; service_at_locations?: unknown[] }) => service.schedules?.length && service.service_at_locations?.length));
    const listed = await getJson(t.app, `${api}/services?per_page=5`);
    assert.ok(listed.body.contents.every((service: { schedules?: unknown[] }) => service.schedules === undefined), 'a plain list stays one-to-one');

    const published = await services({ public: true });
    for (const [path, schema] of [['services', 'compiled/service_list'], ['service_at_locations', 'compiled/service_at_location_list']] as const) {
      const answer = await t.app.inject({ url: `${api}/${path}?format=ndjson&per_page=10` });
      assert.equal(answer.statusCode, 200, path);
      assert.match(String(answer.headers['content-type']), /^application\/x-ndjson/);
      const items = answer.body.trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(items.length, published.length, `${path}: every item, not a page`);
      items.forEach((item, index) => assertValid(schema, item, `${path} line ${index + 1}`));
    }
  });

  test('a query it cannot answer is a 400 that says why', async () => {
    for (const query of ['per_page=0', 'page=x', 'day=funday', 'taxonomy_term_id=nope', 'start_time=25:00', 'format=xml', 'minimal=perhaps']) {
      const answer = await getJson(t.app, `${api}/services?${query}`);
      assert.equal(answer.status, 400, query);
      assert.ok(answer.body.errors.length > 0);
      assert.equal(answer.headers['access-control-allow-origin'], '*');
    }
  });
});
