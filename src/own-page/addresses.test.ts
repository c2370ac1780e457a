import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeHash, newSignInCode, normalisePhone, signInAddress } from './addresses.ts';

test('an email address is recognised and compared in lower case', () => {
  assert.deepEqual(signInAddress('  Riley.M@Example.TEST '), { channel: 'email', value: 'riley.m@example.test' });
  assert.equal(signInAddress('riley@'), undefined);
  assert.equal(signInAddress('riley @example.test'), undefined);
});

test('a UK mobile number is recognised however it is written, other numbers are not', () => {
  for (const typed of ['07700 900123', '+44 7700 900123', '+44 (0)7700 900123', '0044 7700-900123', '(07700) 900 123']) {
    assert.deepEqual(signInAddress(typed), { channel: 'text', value: '07700900123' }, typed);
  }
  assert.equal(signInAddress('0113 496 0000'), undefined, 'a landline cannot receive a text');
  assert.equal(signInAddress('07700 90012'), undefined, 'too short');
  assert.equal(normalisePhone('+44 (0)7700 900123'), '07700900123');
});

test('codes are six digits, leading zeros kept, and hashed with the asking browser’s token', () => {
  for (let i = 0; i < 200; i += 1) assert.match(newSignInCode(), /^\d{6}$/);
  assert.notEqual(codeHash('browser-a', '012345'), codeHash('browser-b', '012345'));
  assert.equal(codeHash('browser-a', '012345'), codeHash('browser-a', '012345'));
});
