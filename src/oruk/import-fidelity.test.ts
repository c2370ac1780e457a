import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { assertValid, assertValidPage, getJson, importFile, reportText, slugOf } from '../../test/support/oruk.ts';

const ID = (n: number) => `7b2d3e4f-5061-4b7c-8d9e-${String(n).padStart(12, '0')}`;
const ORGANIZATION = { id: ID(1), name: 'مركز الشباب', description: 'Youth centre' };
const service = (n: number, name: string, extra: Record<string, unknown> = {}) => ({ id: ID(n), name, status: 'active', organization: ORGANIZATION, ...extra });

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function importedScheme(feed: unknown[]) {
  const org = await t.newOrganisation();
  const manager = await t.signedIn(org.manager);
  const report = await importFile(t.app, manager, JSON.stringify(feed), true);
  assert.equal(report.status, 200, pageText(report.body).slice(0, 400));
  return { org, manager, report, api: `/oruk/${await slugOf(t.database, org.id)}` };
}

describe('ages as the standard types them, numbers', () => {
  test('fractional ages are kept exactly and filter by their exact value', async () => {
    const { manager, api } = await importedScheme([
      service(2, 'Ten and a half up', { minimum_age: 10.5, maximum_age: 17.5 }),
      service(3, 'Eleven to sixteen', { minimum_age: 11, maximum_age: 16 }),
      service(4, 'Ten to eighteen', { minimum_age: 10, maximum_age: 18 }),
    ]);
    const full = await getJson(t.app, `${api}/services/${ID(2)}`);
    assertValid('compiled/service', full.body, 'the service');
    assert.deepEqual([full.body.minimum_age, full.body.maximum_age], [10.5, 17.5]);

    const names = async (query: string) => {
      const answer = await getJson(t.app, `${api}/services?${query}`);
      assert.equal(answer.status, 200, query);
      assertValidPage('compiled/service_list', answer.body, query);
      return answer.body.contents.map((s: { name: string }) => s.name).sort();
    };
    assert.deepEqual(await names('minimum_age=10.5'), ['Eleven to sixteen', 'Ten and a half up']);
    assert.deepEqual(await names('maximum_age=17.5'), ['Eleven to sixteen', 'Ten and a half up']);
    assert.deepEqual(await names('minimum_age=10.75&maximum_age=17'), ['Eleven to sixteen']);

    // Staff searching for a 10-year-old are not offered the service that starts at ten and a half.
    const search = pageText((await manager.get('/directory?age=10')).body);
    assert.match(search, /Ten to eighteen/);
    assert.doesNotMatch(search, /Ten and a half up/);
  });
});

describe('what an import keeps, and what it says it did not', () => {
  test('keeps contacts’ phones and cost options’ currency, and lists per kind what was not kept and why', async () => {
    const { report, manager } = await importedScheme([
      service(10, 'Drop-in', {
        metadata: [{ id: ID(11), resource_id: ID(10), resource_type: 'service', last_action_date: '2025-01-01', last_action_type: 'create', field_name: 'name', previous_value: '', replacement_value: 'Drop-in', updated_by: 'someone' }],
        contacts: [{ id: ID(12), name: 'Ana', phones: [{ id: ID(13), number: '0113 496 0001', description: 'Weekdays', extension: 12, type: 'voice' }] }],
        cost_options: [{ id: ID(14), amount: 3.5, currency: 'GBP' }],
        schedules: [{ id: ID(15), service_at_location_id: ID(99), byday: 'MO', freq: 'WEEKLY' }],
        service_at_locations: [{ id: ID(16), location: { id: ID(17), location_type: 'physical', name: 'Hall', attributes: [{ id: ID(18), taxonomy_term_id: ID(19) }] } }],
      }),
    ]);
    const text = reportText(report);
    assert.match(text, /Every record in the feed was imported/);
    assert.match(text, /What was not kept/);
    assert.match(text, /Phone extension 1 Linkway keeps a phone’s number, description and languages only/);
    assert.match(text, /Phone type 1 Linkway keeps a phone’s number, description and languages only/);
    assert.match(text, /Service metadata 1 Linkway keeps its own record of changes, not another system’s/);
    assert.match(text, /Location attributes 1 Linkway links taxonomy terms to services only/);
    assert.match(text, /Schedule service_at_location_id 1 it names none of the service’s own locations/);
    assert.doesNotMatch(text, /Phone number|Cost option currency|Contact phones/);

    const exported = JSON.parse((await manager.get('/directory/export.json')).body);
    const [served] = exported.filter((record: { id: string }) => record.id === ID(10));
    assert.deepEqual(served.contacts[0].phones, [{ id: ID(13), contact_id: ID(12), number: '0113 496 0001', description: 'Weekdays' }]);
    assertValid('phone', served.contacts[0].phones[0], 'the phone');
    assert.deepEqual([served.cost_options[0].amount, served.cost_options[0].currency], [3.5, 'GBP']);
  });

  test('a feed Linkway keeps whole says nothing was left out', async () => {
    const { report } = await importedScheme([service(20, 'Plain club', { contacts: [{ id: ID(21), name: 'Kai', phones: [{ id: ID(22), number: '0113 496 0002' }] }] })]);
    assert.match(reportText(report), /Every record in the feed was imported/);
    assert.doesNotMatch(reportText(report), /What was not kept/);
  });
});
