import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { measuresDue, type DueFacts, type ScheduledMeasure } from './due.ts';

const TODAY = '2026-03-11';
const every6Weeks = { atBaseline: true, reviewEveryWeeks: 6, reviewEverySessions: null, atDischarge: true };
const ons4: ScheduledMeasure = { key: 'ons4', enabled: true, schedule: every6Weeks };
const gbo: ScheduledMeasure = { key: 'gbo', enabled: true, schedule: every6Weeks };

function facts(overrides: Partial<DueFacts> = {}): DueFacts {
  return { measures: [ons4], episode: { openedOn: '2026-01-05' }, attendedSessions: ['2026-03-09'], recorded: [], activeGoals: 0, today: TODAY, ...overrides };
}

const due = (overrides: Partial<DueFacts> = {}) => measuresDue(facts(overrides)).map(({ key, moment, dueSince, overdue }) => `${key} ${moment} ${dueSince}${overdue ? ' overdue' : ''}`);

describe('what measures are due', () => {
  describe('baseline', () => {
    test('from the first session attended, not before', () => {
      assert.deepEqual(due({ attendedSessions: [] }), []);
      assert.deepEqual(due({ attendedSessions: ['2026-03-10', '2026-03-09'] }), ['ons4 baseline 2026-03-09']);
    });

    test('overdue a week after that session', () => {
      assert.deepEqual(due({ attendedSessions: ['2026-03-05'] }), ['ons4 baseline 2026-03-05']);
      assert.deepEqual(due({ attendedSessions: ['2026-03-04'] }), ['ons4 baseline 2026-03-04 overdue']);
    });

    test('done once answers or "not collected, because …" are recorded', () => {
      assert.deepEqual(due({ recorded: [{ key: 'ons4', completedOn: '2026-03-09', moment: 'baseline' }] }), []);
      assert.deepEqual(due({ recorded: [{ key: 'ons4', completedOn: '2026-03-09', moment: 'other' }] }), [], 'a "not collected" record is kept with whatever moment it was for');
    });

    test('still due when the only answers are from an earlier episode or another measure', () => {
      const recorded = [
        { key: 'ons4', completedOn: '2025-06-01', moment: 'baseline' as const },
        { key: 'gbo', completedOn: '2026-03-09', moment: 'baseline' as const },
      ];
      assert.deepEqual(due({ recorded }), ['ons4 baseline 2026-03-09']);
    });

    test('not from a session booked for later', () => {
      assert.deepEqual(due({ attendedSessions: ['2026-03-12'] }), []);
    });
  });

  describe('review', () => {
    test('every N weeks since the last thing recorded', () => {
      const recorded = (completedOn: string) => [{ key: 'ons4', completedOn, moment: 'baseline' as const }];
      assert.deepEqual(due({ recorded: recorded('2026-01-29') }), []);
      assert.deepEqual(due({ recorded: recorded('2026-01-28') }), ['ons4 review 2026-03-11']);
      assert.deepEqual(due({ recorded: recorded('2026-01-20') }), ['ons4 review 2026-03-03 overdue']);
    });

    test('every N attended sessions since the last thing recorded, counting sessions after that day', () => {
      const measures = [{ ...ons4, schedule: { ...every6Weeks, reviewEveryWeeks: null, reviewEverySessions: 3 } }];
      const recorded = [{ key: 'ons4', completedOn: '2026-02-16', moment: 'baseline' as const }];
      assert.deepEqual(due({ measures, recorded, attendedSessions: ['2026-02-16', '2026-02-23', '2026-03-02'] }), []);
      assert.deepEqual(due({ measures, recorded, attendedSessions: ['2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09'] }), ['ons4 review 2026-03-09']);
    });

    test('whichever of weeks and sessions comes first', () => {
      const measures = [{ ...ons4, schedule: { ...every6Weeks, reviewEverySessions: 2 } }];
      const recorded = [{ key: 'ons4', completedOn: '2026-02-23', moment: 'baseline' as const }];
      assert.deepEqual(due({ measures, recorded, attendedSessions: ['2026-02-23', '2026-03-02', '2026-03-09'] }), ['ons4 review 2026-03-09']);
      assert.deepEqual(due({ measures, recorded: [{ ...recorded[0]!, completedOn: '2026-01-26' }], attendedSessions: ['2026-01-26', '2026-03-09'] }), [
        'ons4 review 2026-03-09',
      ]);
    });

    test('from the first session when the scheme takes no baseline', () => {
      const measures = [{ ...ons4, schedule: { ...every6Weeks, atBaseline: false } }];
      assert.deepEqual(due({ measures, attendedSessions: ['2026-01-28'] }), ['ons4 review 2026-03-11']);
      assert.deepEqual(due({ measures, attendedSessions: ['2026-02-01'] }), []);
    });

    test('never, when the scheme sets no review interval', () => {
      const measures = [{ ...ons4, schedule: { ...every6Weeks, reviewEveryWeeks: null } }];
      assert.deepEqual(due({ measures, recorded: [{ key: 'ons4', completedOn: '2026-01-10', moment: 'baseline' }], attendedSessions: ['2026-01-10'] }), []);
    });
  });

  describe('discharge', () => {
    test('only when support is ending, for measures the scheme takes at discharge', () => {
      const measures = [ons4, { ...gbo, schedule: { ...every6Weeks, atDischarge: false } }];
      const recorded = [{ key: 'ons4', completedOn: '2026-03-02', moment: 'review' as const }];
      assert.deepEqual(due({ measures, recorded, activeGoals: 1 }), ['gbo baseline 2026-03-09']);
      assert.deepEqual(due({ measures, recorded, activeGoals: 1, discharging: true }), ['ons4 discharge 2026-03-11']);
    });

    test('done by answers for discharge, or any given at or after the last session', () => {
      assert.deepEqual(due({ discharging: true, recorded: [{ key: 'ons4', completedOn: '2026-03-09', moment: 'review' }] }), []);
      assert.deepEqual(due({ discharging: true, recorded: [{ key: 'ons4', completedOn: '2026-02-01', moment: 'discharge' }] }), []);
    });

    test('not for someone who never came to a session', () => {
      assert.deepEqual(due({ discharging: true, attendedSessions: [] }), []);
    });
  });

  test('never for a measure the scheme does not use, or one that cannot be used yet', () => {
    assert.deepEqual(due({ measures: [{ ...ons4, enabled: false }] }), []);
    assert.deepEqual(due({ measures: [{ key: 'swemwbs', enabled: false, schedule: every6Weeks }], discharging: true }), []);
  });

  test('goal ratings only once the plan has a goal to rate', () => {
    assert.deepEqual(due({ measures: [gbo] }), []);
    assert.deepEqual(due({ measures: [gbo], activeGoals: 2 }), ['gbo baseline 2026-03-09']);
  });

  test('nothing without an open episode', () => {
    assert.deepEqual(due({ episode: null }), []);
  });
});
