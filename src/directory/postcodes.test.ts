import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalisePostcode, postcodeDistrict, postcodeSector } from './postcodes.ts';

test('postcodes are tidied and cut to sector and district', () => {
  assert.equal(normalisePostcode(' ls62ab '), 'LS6 2AB');
  assert.equal(normalisePostcode('SW1A 1AA'), 'SW1A 1AA');
  assert.equal(normalisePostcode('not a postcode'), undefined);
  assert.equal(postcodeDistrict('ls6 2ab'), 'LS6');
  assert.equal(postcodeDistrict('M1'), 'M1');
  assert.equal(postcodeDistrict('12345'), undefined);
  assert.equal(postcodeSector('LS6 2AB'), 'LS6 2');
  assert.equal(postcodeSector('LS6'), undefined);
});
