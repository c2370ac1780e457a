import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import type { TestAgent } from '../../test/support/agent.ts';
import { categoryTermId } from './linkway-taxonomy.ts';
import { assertValidExport, getJson, importFile, reportText, slugOf } from '../../test/support/oruk.ts';

const ID = (n: number) => `8c3e4f50-6172-4c8d-9eaf-${String(n).padStart(12, '0')}`;
const LAST_MODIFIED = '2025-03-04T05:06:07.000Z';
const term = (n: number, name: string, extra: Record<string, unknown> = {}) => ({ id: ID(n), name, description: `${name} activities`, ...extra });
const ORGANIZATION = { id: ID(1), name: 'Riverside Youth Trust', description: 'Youth work by the river.', website: 'https://riverside.example.org' };

/** A feed with what a directory holds besides services: vocabularies, unused terms, an organisation with no services yet. */
const FEED = [
  { id: ID(10), name: 'Activities', description: 'What happens there', version: '2', taxonomy_terms: [term(11, 'Canoeing', { taxonomy: 'Activities' }), term(12, 'Climbing')] },
  { id: ID(20), name: 'Settings', description: 'Where it happens', uri: 'https://vocab.example.org/settings', taxonomy_terms: [term(21, 'Outdoors')] },
  term(30, 'Water sports', { taxonomy: 'Local', parent_id: ID(11) }),
  { id: ID(40), name: 'Hillside Scouts', description: 'Scouting on the hill.', website: 'https://hillside.example.org', services: [] },
  {
    id: ID(50),
    name: 'Canoe club',
    description: 'Paddling on the river.',
    status: 'active',
    minimum_age: 10.5,
    maximum_age: 17.5,
    last_modified: LAST_MODIFIED,
    organization: ORGANIZATION,
    service_at_locations: [
      {
        id: ID(51),
        location: { id: ID(52), location_type: 'physical', name: 'Boathouse', addresses: [{ id: ID(53), address_1: '1 River Lane', city: 'Leeds', state_province: 'West Yorkshire', postal_code: 'LS6 3AB', country: 'GB', address_type: 'physical' }] },
      },
    ],
    schedules: [
      { id: ID(54), service_at_location_id: ID(51), freq: 'WEEKLY', byday: 'TU', opens_at: '17:00:00', closes_at: '19:00:00', description: 'Tuesdays at the boathouse' },
      { id: ID(55), freq: 'MONTHLY', bymonthday: '1', description: 'First of the month, anywhere on the river' },
    ],
    contacts: [{ id: ID(56), name: 'Sam', title: 'Coach', phones: [{ id: ID(57), number: '0113 496 0000', description: 'Evenings' }] }],
    cost_options: [{ id: ID(58), amount: 5, currency: 'GBP', amount_description: 'per session' }],
    attributes: [
      { id: ID(59), taxonomy_term_id: ID(11), taxonomy_term: term(11, 'Canoeing', { taxonomy: 'Activities', taxonomy_id: ID(10) }) },
      { id: ID(60), taxonomy_term_id: categoryTermId('sports') },
    ],
  },
  { id: ID(70), name: 'نادي الشباب — Youth club', status: 'inactive', organization: ORGANIZATION, last_modified: LAST_MODIFIED },
];

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function schemeWith(feed: unknown): Promise<{ orgId: string; manager: TestAgent }> {
  const org = await t.newOrganisation();
  const manager = await t.signedIn(org.manager);
  const report = await importFile(t.app, manager, JSON.stringify(feed));
  assert.match(reportText(report), /Every record in the feed was imported/, reportText(report).slice(0, 600));
  return { orgId: org.id, manager };
}

async function exportOf(manager: TestAgent): Promise<{ body: string; records: Record<string, any>[] }> {
  const exported = await manager.get('/directory/export.json');
  assert.equal(exported.status, 200);
  const records = JSON.parse(exported.body);
  assertValidExport(records, 'the export');
  return { body: exported.body, records };
}

const idsOf = (records: { id?: unknown }[]) => records.map((record) => String(record.id)).sort();

describe('exporting the directory and importing it again', () => {
  test('holds the taxonomies, unused terms and organisations, and imports into another scheme identically', async () => {
    const first = await schemeWith(FEED);
    const exported = await exportOf(first.manager);
    assert.deepEqual(idsOf(exported.records), idsOf(FEED));
    const activities = exported.records.find((record) => record.id === ID(10))!;
    assert.deepEqual(idsOf(activities.taxonomy_terms), [ID(11), ID(12)]);

    const second = await schemeWith(JSON.parse(exported.body));
    assert.deepEqual((await exportOf(second.manager)).records, exported.records);

    // Every term the second scheme serves belongs to a taxonomy it serves.
    const api = `/oruk/${await slugOf(t.database, second.orgId)}`;
    const terms = await getJson(t.app, `${api}/taxonomy_terms?per_page=500`);
    for (const served of terms.body.contents.filter((candidate: { taxonomy_id?: string }) => candidate.taxonomy_id)) {
      assert.equal((await getJson(t.app, `${api}/taxonomies/${served.taxonomy_id}`)).status, 200, `taxonomy of ${served.name}`);
    }
  });

  test('re-importing its own export changes nothing, not even when each service was last modified', async () => {
    const scheme = await schemeWith(FEED);
    const lastModified = () => t.database.db.selectFrom('directory_services').select(['id', 'last_modified']).where('org_id', '=', scheme.orgId).orderBy('id').execute();
    assert.deepEqual((await lastModified()).map((row) => row.last_modified.toISOString()), [LAST_MODIFIED, LAST_MODIFIED]);
    const before = await exportOf(scheme.manager);
    const report = await importFile(t.app, scheme.manager, before.body);
    assert.match(reportText(report), /Every record in the feed was imported/);
    assert.deepEqual((await lastModified()).map((row) => row.last_modified.toISOString()), [LAST_MODIFIED, LAST_MODIFIED]);
    assert.deepEqual((await exportOf(scheme.manager)).records, before.records);
  });

  test('a schedule at one of the service’s locations stays attached to it', async () => {
    const scheme = await schemeWith(FEED);
    const schedules = await t.database.db.selectFrom('directory_schedules').select(['id', 'service_id', 'service_at_location_id']).where('org_id', '=', scheme.orgId).orderBy('id').execute();
    assert.deepEqual(schedules, [
      { id: ID(54), service_id: ID(50), service_at_location_id: ID(51) },
      { id: ID(55), service_id: ID(50), service_at_location_id: null },
    ]);
    const served = (await exportOf(scheme.manager)).records.find((record) => record.id === ID(50))!;
    assert.equal(served.schedules.find((schedule: { id: string }) => schedule.id === ID(54)).service_at_location_id, ID(51));
  });
});
