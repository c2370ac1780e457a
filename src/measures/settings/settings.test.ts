import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../../test/support/agent.ts';
import type { TestOrganisation } from '../../../test/support/fixtures.ts';
import { signedInAdmin } from '../../../test/support/scheme-settings.ts';
import { SWEMWBS } from '../scoring/definitions/swemwbs.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function signedIn(org: TestOrganisation, role: 'manager' | 'linkWorker' | 'commissioner'): Promise<TestAgent> {
  const agent = new TestAgent(t.app);
  await agent.signIn(org[role]);
  return agent;
}

const choiceRow = (orgId: string, key: string) =>
  t.database.db.selectFrom('scheme_measures').selectAll().where('org_id', '=', orgId).where('measure_key', '=', key).executeTakeFirst();

/** A SWEMWBS definition file as a licensed scheme would have it: the built-in with wording. */
function swemwbsFile(change: (file: Record<string, unknown>) => void = () => {}): string {
  const file: Record<string, unknown> = {
    ...SWEMWBS,
    items: SWEMWBS.items.map((item, index) => ({ ...item, text: `Licensed statement ${index + 1}` })),
  };
  change(file);
  return JSON.stringify(file);
}

describe('measure settings', () => {
  test('an admin reaches them from the scheme settings and sees the defaults', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    assert.match((await admin.get('/settings')).body, /href="\/settings\/measures"/);
    const page = pageText((await admin.get('/settings/measures')).body);
    assert.match(page, /ONS personal well-being \(ONS4\) Change when it is used .*Used Yes When At the first session, every 6 weeks and at discharge Questions 4/);
    assert.match(page, /ONS personal well-being, children’s version \(without anxiety\) .*Used No Questions 3/);
    assert.match(page, /Goal-Based Outcomes \(GBO\) .*Used Yes When At the first session, every 6 weeks and at discharge/);
    assert.match(page, /SWEMWBS\) Import the licensed questions .*Used Not available yet\. Its questions are licensed/);
    assert.match(page, /Office for National Statistics/);
    assert.match(page, /Duncan Law/);
  });

  test('choosing a measure and its moments saves them; mistakes keep what was typed', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const refused = await admin.submit('/settings/measures/ons4_children', { used: 'yes', moments: 'discharge', review: 'weeks', reviewEveryWeeks: 'six' });
    assert.equal(refused.status, 400);
    assert.match(pageText(refused.body), /There is a problem Weeks between reviews must be a whole number from 1 to 52/);
    assert.match(refused.body, /value="six"/);
    assert.match(refused.body, /value="discharge" checked/);
    const nothing = await admin.submit('/settings/measures/ons4_children', { used: 'yes', review: 'none' });
    assert.match(pageText(nothing.body), /Select at least one moment to use the measure, or choose not to use it/);
    assert.equal(await choiceRow(org.id, 'ons4_children'), undefined, 'nothing saved');

    const done = await admin.submit('/settings/measures/ons4_children', { used: 'yes', moments: ['baseline', 'discharge'], review: 'sessions', reviewEverySessions: '3', reviewEveryWeeks: 'ignored' });
    assert.equal(done.location, '/settings/measures?notice=saved');
    const row = await choiceRow(org.id, 'ons4_children');
    assert.deepEqual(
      { enabled: row?.enabled, at_baseline: row?.at_baseline, weeks: row?.review_every_weeks, sessions: row?.review_every_sessions, at_discharge: row?.at_discharge },
      { enabled: true, at_baseline: true, weeks: null, sessions: 3, at_discharge: true },
    );
    const page = pageText((await admin.get(done.location!)).body);
    assert.match(page, /Measure settings saved\./);
    assert.match(page, /without anxiety\) .*Used Yes When At the first session, every 3 sessions and at discharge/);

    await admin.submit('/settings/measures/ons4', { used: 'no', moments: 'baseline', review: 'none' });
    assert.equal((await choiceRow(org.id, 'ons4'))?.enabled, false);
    assert.match(pageText((await admin.get('/settings/measures')).body), /ONS personal well-being \(ONS4\) Change when it is used .*Used No Questions 4/);
  });

  test('SWEMWBS cannot be turned on before its questions are imported', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const form = await admin.get('/settings/measures/swemwbs');
    assert.match(pageText(form.body), /Its questions are licensed/);
    const refused = await admin.submitPage(form, '/settings/measures/swemwbs', { used: 'yes', moments: 'baseline', review: 'none' });
    assert.equal(refused.status, 400);
    assert.match(pageText(refused.body), /Short Warwick-Edinburgh Mental Wellbeing Scale \(SWEMWBS\) cannot be used until its licensed questions are imported/);
    assert.equal(await choiceRow(org.id, 'swemwbs'), undefined);
    assert.equal((await admin.get('/settings/measures/unknown_measure')).status, 404);
    assert.equal((await admin.get('/settings/measures/NOT-A-KEY')).status, 404);
  });

  test('managers may choose measures; link workers and commissioners may not', async () => {
    const org = await t.newOrganisation();
    const manager = await signedIn(org, 'manager');
    assert.equal((await manager.get('/settings/measures')).status, 200);
    assert.equal((await manager.submit('/settings/measures/gbo', { used: 'yes', moments: 'baseline', review: 'weeks', reviewEveryWeeks: '4' })).status, 303);
    assert.equal((await choiceRow(org.id, 'gbo'))?.review_every_weeks, 4);
    assert.equal((await manager.get('/settings/measures/import')).status, 404, 'only an admin imports licensed wording');
    for (const role of ['linkWorker', 'commissioner'] as const) {
      const agent = await signedIn(org, role);
      for (const path of ['/settings/measures', '/settings/measures/ons4', '/settings/measures/new', '/settings/measures/import']) {
        assert.equal((await agent.get(path)).status, 404, `${role} ${path}`);
      }
    }
  });
});

describe('importing licensed questions', () => {
  test('a valid file stores a new version with the licence, and turns SWEMWBS on', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const done = await admin.submit('/settings/measures/import', { licenceStatement: 'Registered with Warwick, number WEMWBS-1234, 2 March 2026', definitionText: swemwbsFile() });
    assert.equal(done.status, 303, pageText(done.body).slice(0, 400));
    assert.equal(done.location, '/settings/measures?notice=imported');
    const stored = await t.database.db.selectFrom('measure_definitions').selectAll().where('org_id', '=', org.id).execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.key, 'swemwbs');
    assert.equal(stored[0]!.version, 2);
    assert.equal(stored[0]!.source, 'licensed_import');
    assert.equal(stored[0]!.licence_statement, 'Registered with Warwick, number WEMWBS-1234, 2 March 2026');
    assert.equal(stored[0]!.created_by, org.admin.id);
    const definition = stored[0]!.definition as typeof SWEMWBS;
    assert.equal(definition.items[2]!.text, 'Licensed statement 3');
    assert.equal(definition.wordingRequiresLicence, undefined);
    assert.deepEqual(definition.scores, SWEMWBS.scores);
    assert.equal((await choiceRow(org.id, 'swemwbs'))?.enabled, true);
    const page = pageText((await admin.get(done.location!)).body);
    assert.match(page, /Licensed questions imported, and the measure turned on/);
    assert.match(page, /SWEMWBS\) Change when it is used .*Used Yes When At the first session, every 6 weeks and at discharge .*WEMWBS-1234, 2 March 2026 Version 2/);

    const other = await t.newOrganisation();
    const otherAdmin = await signedInAdmin(t.app, other);
    assert.match(pageText((await otherAdmin.get('/settings/measures')).body), /SWEMWBS\) Import the licensed questions/, 'another scheme is not licensed by it');
  });

  test('a file that changes scoring, options or questions is refused with a clear message', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const licenceStatement = 'Registration 42';
    const cases: [string, string, RegExp][] = [
      [
        'conversion',
        swemwbsFile((file) => {
          file.scores = [{ ...SWEMWBS.scores[0]!, conversion: { ...SWEMWBS.scores[0]!.conversion, '20': 20 } }];
        }),
        /The file changes how Short Warwick-Edinburgh Mental Wellbeing Scale \(SWEMWBS\) is scored\. Only the wording of the questions can be imported/,
      ],
      [
        'options',
        swemwbsFile((file) => {
          (file.items as { options: unknown[] }[])[1]!.options = [{ value: 0, label: 'Never' }];
        }),
        /The answer options of item_2 are not those of/,
      ],
      ['questions', swemwbsFile((file) => (file.items as unknown[]).pop()), /must have the same 7 questions/],
      ['wording', swemwbsFile((file) => ((file.items as { text: string }[])[4]!.text = '  ')), /Question item_5 has no wording/],
      ['key', swemwbsFile((file) => (file.key = 'ons4')), /no licensed measure with the key “ons4”/],
      ['not json', '{"key": "swemwbs",', /The definition file is not valid JSON/],
      ['no file', '', /Choose the definition file, or paste what is in it/],
    ];
    for (const [name, definitionText, message] of cases) {
      const refused = await admin.submit('/settings/measures/import', { licenceStatement, definitionText });
      assert.equal(refused.status, 400, name);
      assert.match(pageText(refused.body), message, name);
      assert.match(refused.body, /value="Registration 42"|>Registration 42</, `${name}: the licence typed stays`);
    }
    const noLicence = await admin.submit('/settings/measures/import', { licenceStatement: '', definitionText: swemwbsFile() });
    assert.match(pageText(noLicence.body), /Enter the scheme’s licence/);
    assert.equal((await t.database.db.selectFrom('measure_definitions').select('id').where('org_id', '=', org.id).execute()).length, 0);
  });
});
