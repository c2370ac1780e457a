import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freePosition, goalMovement, isOverdue } from './progress.ts';

describe('goal movement', () => {
  test('is nothing before the first rating', () => {
    assert.equal(goalMovement([]), undefined);
  });

  test('a single rating is the baseline, with no movement yet', () => {
    assert.deepEqual(goalMovement([{ rating: 3 }]), { first: 3, latest: 3, change: 0, summary: 'Rated once so far' });
  });

  test('runs from the first rating to the latest, whatever happened between', () => {
    assert.deepEqual(goalMovement([{ rating: 2 }, { rating: 8 }, { rating: 5 }]), { first: 2, latest: 5, change: 3, summary: 'Up 3 points' });
    assert.equal(goalMovement([{ rating: 6 }, { rating: 5 }])?.summary, 'Down 1 point');
    assert.equal(goalMovement([{ rating: 4 }, { rating: 4 }])?.summary, 'No change');
    assert.equal(goalMovement([{ rating: 0 }, { rating: 1 }])?.summary, 'Up 1 point');
  });
});

describe('overdue actions', () => {
  const today = '2026-03-10';
  test('an action due before today and not done is overdue', () => {
    assert.equal(isOverdue({ due_on: '2026-03-09', done_on: null }, today), true);
  });
  test('due today, due later, done, or with no date is not', () => {
    assert.equal(isOverdue({ due_on: today, done_on: null }, today), false);
    assert.equal(isOverdue({ due_on: '2026-04-01', done_on: null }, today), false);
    assert.equal(isOverdue({ due_on: '2026-03-01', done_on: '2026-03-05' }, today), false);
    assert.equal(isOverdue({ due_on: null, done_on: null }, today), false);
  });
});

describe('goal positions', () => {
  const goal = (id: string, position: number, status: 'active' | 'achieved' | 'stopped' = 'active') => ({ id, position, status });

  test('a new goal takes the lowest place not being worked on', () => {
    assert.equal(freePosition([]), 1);
    assert.equal(freePosition([goal('a', 1), goal('b', 3)]), 2);
    assert.equal(freePosition([goal('a', 1, 'achieved'), goal('b', 2)]), 1);
  });

  test('there is no place once three goals are being worked on', () => {
    assert.equal(freePosition([goal('a', 1), goal('b', 2), goal('c', 3)]), undefined);
  });

  test('a goal taken up again keeps its place when free, or moves to a free one', () => {
    assert.equal(freePosition([goal('a', 1, 'stopped'), goal('b', 2)], goal('a', 1, 'stopped')), 1);
    assert.equal(freePosition([goal('a', 1, 'stopped'), goal('b', 1), goal('c', 2)], goal('a', 1, 'stopped')), 3);
    assert.equal(freePosition([goal('a', 1, 'stopped'), goal('b', 1), goal('c', 2), goal('d', 3)], goal('a', 1, 'stopped')), undefined);
  });
});
