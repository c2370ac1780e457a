import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDueForAnonymising, ordinal, policyInWords, retainUntil, yearsAfter } from './retention-policy.ts';

const POLICY = { yearsAfterDischarge: 8, untilAge: 25 };

describe('retain until', () => {
  test('years after discharge wins when it is later than the until-age birthday', () => {
    // Discharged at 20: eight years on (28) is later than the 25th birthday.
    assert.equal(retainUntil('2000-06-15', '2020-03-10', POLICY), '2028-03-10');
  });

  test('the until-age birthday wins when it is later than the years after discharge', () => {
    // Discharged at 13: eight years on they are 21, so the record is kept to their 25th birthday.
    assert.equal(retainUntil('2005-09-01', '2018-11-20', POLICY), '2030-09-01');
  });

  test("each scheme's own numbers are used", () => {
    assert.equal(retainUntil('2005-09-01', '2018-11-20', { yearsAfterDischarge: 15, untilAge: 21 }), '2033-11-20');
  });

  test('a 29 February birthday is reached on 1 March in a year without one', () => {
    assert.equal(yearsAfter('2008-02-29', 25), '2033-03-01');
    assert.equal(yearsAfter('2008-02-29', 24), '2032-02-29', 'a leap year keeps the day');
    assert.equal(retainUntil('2008-02-29', '2020-01-01', POLICY), '2033-03-01');
  });

  test('a discharge on 29 February counts its years to 1 March', () => {
    assert.equal(retainUntil('1990-01-01', '2024-02-29', POLICY), '2032-02-29');
    assert.equal(retainUntil('1990-01-01', '2024-02-29', { yearsAfterDischarge: 7, untilAge: 25 }), '2031-03-01');
  });

  test('due only on the days after the last day kept', () => {
    assert.equal(isDueForAnonymising('2028-03-10', '2000-06-15', '2020-03-10', POLICY), false, 'the last day kept');
    assert.equal(isDueForAnonymising('2028-03-11', '2000-06-15', '2020-03-10', POLICY), true);
    assert.equal(isDueForAnonymising('2029-01-01', '2005-09-01', '2018-11-20', POLICY), false, 'past eight years, before the 25th birthday');
  });

  test('the policy reads as a phrase', () => {
    assert.deepEqual([1, 2, 3, 11, 12, 13, 21, 22, 25, 101].map(ordinal), ['1st', '2nd', '3rd', '11th', '12th', '13th', '21st', '22nd', '25th', '101st']);
    assert.equal(policyInWords({ yearsAfterDischarge: 1, untilAge: 21 }), '1 year after support ends, or until their 21st birthday if that is later');
  });
});
