import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catchmentFlags, postcodeDistrict } from './catchment-check.ts';

const COVERS = { included_areas: ['LS6', 'LS7'], included_gp_practices: ['Ash Tree Surgery'], included_schools: ['Park High School'] };
const NOTHING = { included_areas: [], included_gp_practices: [], included_schools: [] };

describe('checking a referral against the places the scheme covers', () => {
  test('postcode districts from full, unspaced or partial postcodes', () => {
    assert.equal(postcodeDistrict('LS6 2AB'), 'LS6');
    assert.equal(postcodeDistrict('ls62ab'), 'LS6');
    assert.equal(postcodeDistrict('SW1A 1AA'), 'SW1A');
    assert.equal(postcodeDistrict('LS6'), 'LS6');
    assert.equal(postcodeDistrict(null), null);
  });

  test('inside every list: nothing to flag; names ignore case', () => {
    assert.deepEqual(catchmentFlags({ postcode: 'ls7 3hb', answers: { gpPractice: 'ash tree surgery', school: 'PARK HIGH SCHOOL' } }, COVERS), []);
  });

  test('outside: each is flagged, saying what', () => {
    assert.deepEqual(catchmentFlags({ postcode: 'LS9 8AA', answers: { gpPractice: 'Elm Tree Surgery', school: 'Northside High School' } }, COVERS), [
      'Postcode area LS9 is not one the scheme covers',
      'Elm Tree Surgery is not a GP practice the scheme works with',
      'Northside High School is not a school or college the scheme works with',
    ]);
  });

  test('not given is unknown, not outside; empty lists check nothing', () => {
    assert.deepEqual(catchmentFlags({ postcode: null, answers: {} }, COVERS), [
      'No postcode given, so the area cannot be checked',
      'No GP practice given, so it cannot be checked',
      'No school or college given, so it cannot be checked',
    ]);
    assert.deepEqual(catchmentFlags({ postcode: 'LS9 8AA', answers: { school: 'Anywhere' } }, NOTHING), []);
  });
});
