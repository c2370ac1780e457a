import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchReasons, rankMatches, reasonsText, type Described } from './matching.ts';

const person = (overrides: Partial<Described>): Described => ({
  given_name: 'Maya',
  family_name: 'Osei',
  date_of_birth: '2011-04-02',
  postcode: 'LS6 2AB',
  phone: null,
  email: null,
  ...overrides,
});

describe('ranking possible matches', () => {
  test('the same name, date of birth and postcode comes before a different child at the same address', () => {
    const referral = person({});
    const sibling = { ...person({ given_name: 'Zara', family_name: 'Kent' }), id: 'sibling' };
    const exact = { ...person({ postcode: 'ls62ab' }), id: 'exact' };
    const ranked = rankMatches(referral, [sibling, exact]);
    assert.deepEqual(ranked.map((match) => match.row.id), ['exact', 'sibling']);
    assert.equal(reasonsText(ranked[0]!.reasons), 'Same name, Same date of birth, Same postcode');
    assert.equal(reasonsText(ranked[1]!.reasons), 'Same date of birth, Same postcode');
  });

  test('names ignore case; phone numbers ignore spacing; email ignores case', () => {
    const reasons = matchReasons(
      person({ phone: '07700 900123', email: 'Maya@Example.test', postcode: null }),
      person({ given_name: 'MAYA', family_name: 'osei', phone: '07700900123', email: 'maya@example.test', postcode: null }),
    );
    assert.deepEqual(reasons, ['name', 'date_of_birth', 'contact']);
  });

  test('one shared name says which; nothing empty ever counts as the same', () => {
    assert.deepEqual(matchReasons(person({ postcode: null }), person({ family_name: 'Brown', postcode: null })), ['first_name', 'date_of_birth']);
    assert.deepEqual(matchReasons(person({ postcode: null }), person({ given_name: 'Ama', postcode: null })), ['last_name', 'date_of_birth']);
    assert.deepEqual(matchReasons(person({ postcode: null, phone: '' }), person({ given_name: 'Ama', family_name: 'Kent', postcode: null, phone: '' })), ['date_of_birth']);
  });

  test('equally strong matches keep the order they came in', () => {
    const first = { ...person({ given_name: 'Ama' }), id: 'first' };
    const second = { ...person({ given_name: 'Efua' }), id: 'second' };
    assert.deepEqual(rankMatches(person({}), [first, second]).map((match) => match.row.id), ['first', 'second']);
  });
});
