import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../platform/testing/test-app.ts';
import { pageText } from '../platform/testing/agent.ts';
import { assertValid, assertValidPage, getJson, importFile, slugOf } from './testing.ts';

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
