import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SupportSessionStatus } from '../platform/db/schema.ts';
import { missedInARow, sessionUsage } from './policy.ts';

const on = (day: string, status: SupportSessionStatus, home_visit_approval: string | null = null) => ({ starts_at: new Date(`${day}T10:00:00Z`), status, home_visit_approval });

describe('missedInARow', () => {
  test('counts the did-not-attends since the last session they came to', () => {
    assert.equal(missedInARow([]), 0);
    assert.equal(missedInARow([on('2026-01-05', 'attended')]), 0);
    assert.equal(missedInARow([on('2026-01-05', 'did_not_attend'), on('2026-01-12', 'attended'), on('2026-01-19', 'did_not_attend'), on('2026-01-26', 'did_not_attend')]), 2);
  });

  test('goes by date, not by the order given', () => {
    assert.equal(missedInARow([on('2026-01-26', 'did_not_attend'), on('2026-01-12', 'did_not_attend'), on('2026-01-19', 'attended')]), 1);
  });

  test('cancelled and booked sessions neither break nor add to a run', () => {
    assert.equal(missedInARow([on('2026-01-05', 'did_not_attend'), on('2026-01-12', 'cancelled'), on('2026-01-19', 'did_not_attend'), on('2026-01-26', 'scheduled')]), 2);
  });
});

describe('sessionUsage', () => {
  const episode = { opened_on: '2026-01-01', sessions_allowed: 6, weeks_allowed: 12 };

  test('counts sessions they came to and whole weeks since the episode opened', () => {
    const usage = sessionUsage(episode, [on('2026-01-05', 'attended'), on('2026-01-12', 'did_not_attend'), on('2026-01-19', 'cancelled'), on('2026-01-26', 'scheduled')], '2026-01-20');
    assert.deepEqual(usage, { sessionsUsed: 1, sessionsAllowed: 6, sessionsBooked: 1, weeksUsed: 2, weeksAllowed: 12, sessionsLevel: 'within', weeksLevel: 'within', level: 'within' });
  });

  test('a home visit a manager turned down is not counted as booked', () => {
    assert.equal(sessionUsage(episode, [on('2026-01-26', 'scheduled', 'declined'), on('2026-01-27', 'scheduled', 'requested')], '2026-01-20').sessionsBooked, 1);
  });

  test('warns near the limit, at it and over it, taking the more pressing of sessions and weeks', () => {
    const attended = (count: number) => Array.from({ length: count }, (_, index) => on(`2026-01-${String(index + 2).padStart(2, '0')}`, 'attended'));
    assert.equal(sessionUsage(episode, attended(5), '2026-01-10').level, 'near');
    assert.equal(sessionUsage(episode, attended(6), '2026-01-10').sessionsLevel, 'reached');
    assert.equal(sessionUsage(episode, attended(7), '2026-01-10').level, 'over');
    const tenWeeksOn = sessionUsage(episode, attended(1), '2026-03-12');
    assert.equal(tenWeeksOn.weeksUsed, 10);
    assert.equal(tenWeeksOn.weeksLevel, 'near');
    assert.equal(tenWeeksOn.level, 'near');
    assert.equal(sessionUsage(episode, [], '2026-03-26').weeksLevel, 'reached');
    assert.equal(sessionUsage(episode, [], '2026-04-02').level, 'over');
  });

  test('an episode opened today has used no weeks, and a clock set before it opened never goes below zero', () => {
    assert.equal(sessionUsage(episode, [], '2026-01-01').weeksUsed, 0);
    assert.equal(sessionUsage(episode, [], '2025-12-20').weeksUsed, 0);
  });
});
