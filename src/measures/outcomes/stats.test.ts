import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSmallNumber, meanChangeWithInterval, percentage, summariseChanges } from './stats.ts';

const close = (actual: number | undefined, expected: number, message?: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 0.0005, `${message ?? ''} expected ${expected}, got ${actual}`);

describe('outcome statistics', () => {
  test('mean change and its 95% confidence interval, worked by hand', () => {
    // Changes 2, 4, 1, 3, 5: mean 3; squared deviations 1+1+4+0+4 = 10, variance 10/4 = 2.5,
    // sd 1.5811; standard error 1.5811/√5 = 0.7071; t(0.975, 4) = 2.7764; margin 1.9632.
    const summary = summariseChanges([2, 4, 1, 3, 5])!;
    assert.equal(summary.pairs, 5);
    close(summary.mean, 3);
    close(summary.standardDeviation!, 1.5811);
    const change = meanChangeWithInterval(summary);
    close(change.interval?.lower, 1.0368, 'lower');
    close(change.interval?.upper, 4.9632, 'upper');
  });

  test('a large sample comes close to the normal 1.96', () => {
    const change = meanChangeWithInterval({ pairs: 10_000, mean: 0, standardDeviation: 100 });
    close(change.interval?.upper, 1.9602);
  });

  test('one pair has a mean but no interval; no pairs has no summary', () => {
    assert.deepEqual(meanChangeWithInterval(summariseChanges([-2])!), { pairs: 1, mean: -2 });
    assert.equal(summariseChanges([]), undefined);
  });

  test('shares are whole percentages; small numbers are flagged', () => {
    assert.equal(percentage(2, 3), 67);
    assert.equal(percentage(0, 0), undefined);
    assert.equal(isSmallNumber(0), false);
    assert.equal(isSmallNumber(4), true);
    assert.equal(isSmallNumber(5), false);
  });
});
