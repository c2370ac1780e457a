import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addWorkingDays, firstContactAgainstTarget, firstWorkingDayFrom, longDate, nextAttempt, scheduledOffset, ukCalendarDate, workingDaysBetween } from './working-days.ts';

// 2 June 2025 is a Monday.
const policy = { attempts: 3, windowWorkingDays: 10 };

describe('working days', () => {
  test('count Monday to Friday only', () => {
    assert.equal(workingDaysBetween('2025-06-06', '2025-06-09'), 1, 'Friday to Monday');
    assert.equal(workingDaysBetween('2025-06-02', '2025-06-16'), 10, 'two weeks');
    assert.equal(addWorkingDays('2025-06-06', 1), '2025-06-09');
    assert.equal(firstWorkingDayFrom('2025-06-07'), '2025-06-09', 'a Saturday starts on the Monday');
    assert.equal(firstWorkingDayFrom('2025-06-04'), '2025-06-04');
  });

  test('dates are UK dates, whatever the server’s time zone', () => {
    assert.equal(ukCalendarDate(new Date('2025-06-01T23:30:00Z')), '2025-06-02', 'half past midnight in summer time');
    assert.equal(ukCalendarDate(new Date('2025-01-31T23:30:00Z')), '2025-01-31', 'winter');
    assert.equal(longDate('2025-06-10'), 'Tuesday 10 June 2025');
  });
});

describe('when the next attempt is due', () => {
  test('attempts are spread evenly over the window, the first on the day the clock starts', () => {
    assert.deepEqual([1, 2, 3].map((n) => scheduledOffset(n, policy)), [0, 5, 10]);
    assert.deepEqual([1, 2, 3, 4].map((n) => scheduledOffset(n, { attempts: 4, windowWorkingDays: 10 })), [0, 3, 7, 10]);
    assert.equal(scheduledOffset(1, { attempts: 1, windowWorkingDays: 10 }), 0);
  });

  test('follows the schedule and says whether it is due or overdue', () => {
    const start = { policy, startedOn: '2025-06-02' };
    assert.deepEqual(nextAttempt({ ...start, attemptsMade: 0, today: '2025-06-02' }), { number: 1, of: 3, dueOn: '2025-06-02', status: 'due_today', workingDaysLate: 0 });
    assert.deepEqual(nextAttempt({ ...start, attemptsMade: 1, lastAttemptOn: '2025-06-02', today: '2025-06-03' }), {
      number: 2,
      of: 3,
      dueOn: '2025-06-09',
      status: 'not_due_yet',
      workingDaysLate: 0,
    });
    assert.deepEqual(nextAttempt({ ...start, attemptsMade: 2, lastAttemptOn: '2025-06-09', today: '2025-06-18' }), {
      number: 3,
      of: 3,
      dueOn: '2025-06-16',
      status: 'overdue',
      workingDaysLate: 2,
    });
    assert.equal(nextAttempt({ ...start, attemptsMade: 3, lastAttemptOn: '2025-06-16', today: '2025-06-16' }), undefined, 'no attempts left');
  });

  test('a late attempt pushes the next one to at least the following working day', () => {
    const next = nextAttempt({ policy, startedOn: '2025-06-02', attemptsMade: 1, lastAttemptOn: '2025-06-10', today: '2025-06-10' });
    assert.equal(next?.dueOn, '2025-06-11');
    assert.equal(next?.status, 'not_due_yet');
  });

  test('a clock started at the weekend counts from the Monday', () => {
    const next = nextAttempt({ policy, startedOn: '2025-06-07', attemptsMade: 0, today: '2025-06-07' });
    assert.equal(next?.dueOn, '2025-06-09');
    assert.equal(next?.status, 'not_due_yet');
  });
});

describe('first contact against the target', () => {
  test('met within the target, missed by the working days over it', () => {
    assert.deepEqual(firstContactAgainstTarget('2025-06-02', '2025-06-06', 5), { workingDays: 4, targetWorkingDays: 5, met: true, missedBy: 0 });
    assert.deepEqual(firstContactAgainstTarget('2025-06-02', '2025-06-09', 5), { workingDays: 5, targetWorkingDays: 5, met: true, missedBy: 0 });
    assert.deepEqual(firstContactAgainstTarget('2025-06-02', '2025-06-11', 5), { workingDays: 7, targetWorkingDays: 5, met: false, missedBy: 2 });
  });
});
