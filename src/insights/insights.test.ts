import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import type { TestOrganisation } from '../../test/support/fixtures.ts';
import { createReferralRow } from '../../test/support/contact.ts';
import type { DeclineCategory } from '../platform/db/tables/referrals.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const DAY = 86_400_000;

/** Noon on a Monday at least five weeks ago, so working days from it are known. */
function aMondayWeeksAgo(): Date {
  const day = new Date(Date.now() - 35 * DAY);
  day.setUTCHours(12, 0, 0, 0);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() - 1);
  return day;
}

/** A known set of referrals: each line says what the tables should count. */
async function knownReferrals(org: TestOrganisation) {
  const monday = aMondayWeeksAgo();
  const plusDays = (days: number) => new Date(monday.getTime() + days * DAY);
  const crisisLine = await t.database.db.selectFrom('redirect_services').select('id').where('org_id', '=', org.id).where('name', 'like', 'NHS 111%').executeTakeFirstOrThrow();
  const add = (options: Parameters<typeof createReferralRow>[2]) => createReferralRow(t.database, org.id, { submittedAt: monday, ...options });
  const declinedFor = async (category: DeclineCategory | null, options: Parameters<typeof createReferralRow>[2]) => {
    const { id } = await add({ ...options, status: 'declined' });
    await t.database.db.updateTable('referrals').set({ decline_category: category }).where('id', '=', id).execute();
  };
  // Northside High School: 4 referrals, 2 accepted (first contact after 2 and 4 working days), 1 declined.
  await add({ referrerOrganisation: 'Northside High School', status: 'accepted', firstContactAt: plusDays(2) });
  await add({ referrerOrganisation: ' northside high school', status: 'closed', firstContactAt: plusDays(4) });
  await declinedFor('needs_clinical_mental_health', { referrerOrganisation: 'Northside High School', redirectServiceId: crisisLine.id });
  await add({ referrerOrganisation: 'Northside High School', status: 'new' });
  // Elm Surgery: 3 referrals, 1 accepted without contact yet, 2 declined: one outside the age range, one from before categories.
  await declinedFor('outside_age_or_area', { referrerOrganisation: 'Elm Surgery' });
  await declinedFor(null, { referrerOrganisation: 'Elm Surgery' });
  await add({ referrerOrganisation: 'Elm Surgery', status: 'accepted' });
  // A parent (first contact the next working day) and a young person referring themselves.
  await add({ route: 'parent_carer', status: 'accepted', firstContactAt: plusDays(1) });
  await declinedFor('needs_clinical_mental_health', { route: 'parent_carer' });
  await add({ route: 'self', status: 'new' });
  // Eight months ago: in the last 12 months, not the last 6.
  await add({ referrerOrganisation: 'Old Road Academy', status: 'accepted', submittedAt: new Date(Date.now() - 240 * DAY) });
}

const row = (...cells: string[]) => new RegExp(cells.join(' ').replaceAll('(', '\\(').replaceAll(')', '\\)'));
const HEADINGS = ['Referrals', 'Accepted', 'Declined', 'Acceptance rate', 'Why declined, most common first', 'Median time to first contact'];
const cells = (first: string, label: string, values: string[]) => [`${first} ${label}`, ...values.map((value, index) => `${HEADINGS[index]} ${value}`)];

describe('referrer insight', () => {
  test('counts referrals, acceptance and decline reasons by category, by referring organisation and by route', async () => {
    const org = await t.newOrganisation();
    await knownReferrals(org);
    const elsewhere = await t.newOrganisation();
    await createReferralRow(t.database, elsewhere.id, { referrerOrganisation: 'Northside High School', status: 'declined' });
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const accessesBefore = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();

    const response = await manager.get('/insights');
    assert.equal(response.status, 200);
    const page = pageText(response.body);
    assert.match(page, /11 referrals were made in the last 12 months/);
    const clinical = 'Needs a clinical mental health service';
    assert.match(page, row(...cells('Referred by', 'Northside High School', ['4', '2', '1', '67%', `${clinical}: 1`, '3 working days'])));
    assert.match(page, row(...cells('Referred by', 'Elm Surgery', ['3', '1', '2', '33%', 'Not recorded: 1; Outside our age range or area: 1', 'No first contacts yet'])));
    assert.match(page, row(...cells('Referred by', 'Parents and carers', ['2', '1', '1', '50%', `${clinical}: 1`, '1 working day'])));
    assert.match(page, row(...cells('Referred by', 'Young people referring themselves', ['1', '0', '0', 'No decisions yet', 'None', 'No first contacts yet'])));
    assert.match(page, row(...cells('Referred by', 'Old Road Academy', ['1', '1', '0', '100%', 'None', 'No first contacts yet'])));
    assert.match(page, row(...cells('Route', 'Professionals', ['8', '4', '3', '57%', `${clinical}: 1; Not recorded: 1; Outside our age range or area: 1`, '3 working days'])));
    // Across every route, most common first; the other organisation's decline is not counted.
    assert.match(page, /Declined referrals by main reason, last 12 months/);
    const category = (label: string, count: number) => `Main reason ${label} Declined ${count}`;
    assert.match(page, row(category(clinical, 2), category('Outside our age range or area', 1), category('Not recorded', 1)));
    assert.match(page, row(category('Something else', 0)));
    assert.match(page, /Referrals by referring organisation, last 12 months/);
    assert.match(page, /Referrals by route, last 12 months/);
    assert.doesNotMatch(page, /Person[0-9a-f]{8}/i, 'no young person’s name');

    const accessesAfter = await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.equal(Number(accessesAfter.n), Number(accessesBefore.n), 'counts only: no record of personal data was read');
  });

  test('the period filter narrows the count, and anything else shows the last 12 months', async () => {
    const org = await t.newOrganisation();
    await knownReferrals(org);
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const sixMonths = pageText((await manager.get('/insights?months=6')).body);
    assert.match(sixMonths, /10 referrals were made in the last 6 months/);
    assert.doesNotMatch(sixMonths, /Old Road Academy/);
    assert.match(sixMonths, row(...cells('Route', 'Professionals', ['7', '3', '3', '50%'])));
    assert.match((await manager.get('/insights?months=6')).body, /<option value="6" selected>/);
    assert.match(pageText((await manager.get('/insights?months=99')).body), /11 referrals were made in the last 12 months/);
    const quiet = new TestAgent(t.app);
    await quiet.signIn((await t.newOrganisation()).manager);
    assert.match(pageText((await quiet.get('/insights?months=3')).body), /No referrals were made in the last 3 months\./);
  });

  test('managers find it in the navigation; link workers and commissioners get 404', async () => {
    const org = await t.newOrganisation();
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.match((await manager.get('/dashboard')).body, /href="\/insights"[^>]*>\s*Referrer insight/);
    for (const user of [org.linkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      assert.equal((await agent.get('/insights')).status, 404, user.role);
    }
  });
});
