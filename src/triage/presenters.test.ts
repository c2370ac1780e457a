import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { seedDemoScheme } from '../demo/seed.ts';
import { eligibility, startOfUkDay } from './presenters.ts';
import { ukCalendarDate } from '../domain/working-days.ts';

test('eligibility checks the age against the scheme’s range, inclusive', () => {
  const today = new Date('2026-06-01T12:00:00Z');
  assert.deepEqual(eligibility('2013-06-01', { minimum_age: 13, maximum_age: 25 }, today), { age: 13, withinAge: true, text: 'Age 13: within 13 to 25' });
  assert.equal(eligibility('2013-06-02', { minimum_age: 13, maximum_age: 25 }, today).withinAge, false);
  assert.equal(eligibility('2000-06-02', { minimum_age: 13, maximum_age: 25 }, today).text, 'Age 25: within 13 to 25');
});

test('"today" starts at UK midnight, in winter and in summer time', () => {
  assert.equal(startOfUkDay(new Date('2026-01-15T09:00:00Z')).toISOString(), '2026-01-15T00:00:00.000Z');
  assert.equal(startOfUkDay(new Date('2026-07-15T09:00:00Z')).toISOString(), '2026-07-14T23:00:00.000Z');
  assert.equal(startOfUkDay(new Date('2026-07-15T23:30:00Z')).toISOString(), '2026-07-15T23:00:00.000Z', 'already the 16th in the UK');
  assert.equal(ukCalendarDate(new Date('2026-07-15T23:30:00Z')), '2026-07-16');
});

test('the demo has referrals behind its young people, and new ones in the inbox: one red and two amber', async () => {
  const database = await openTestDatabase();
  try {
    await seedDemoScheme(database, 'Demo for triage', { linkWorkers: 3, youngPeople: 30, assets: 0 }, 'triage-demo.test');
    const people = await database.db.selectFrom('young_people').select('id').where('stage', '<>', 'new_referral').execute();
    const linked = await database.db.selectFrom('referrals').select('young_person_id').where('young_person_id', 'is not', null).execute();
    assert.equal(linked.length, people.length, 'every young person past triage came from a referral');
    const inbox = await database.db.selectFrom('referrals').select(['rating', 'status', 'red_acknowledged_at']).where('young_person_id', 'is', null).where('status', '=', 'new').execute();
    assert.equal(inbox.filter((row) => row.rating === 'red').length, 1);
    assert.ok(inbox.filter((row) => row.rating === 'amber').length >= 2);
    const events = await database.db.selectFrom('referral_events').select('snomed_code').where('kind', '=', 'accepted').execute();
    assert.equal(events.length, people.length);
    assert.ok(events.every((event) => event.snomed_code === '871731000000106'));
  } finally {
    await database.close();
  }
});
