import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPublicAddress } from './public-address.ts';

describe('public addresses', () => {
  test('ordinary internet addresses are public', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) assert.equal(isPublicAddress(address), true, address);
  });

  test('loopback, private, link-local, unspecified and other special addresses are not', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '192.0.2.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
      'not an address',
    ]) {
      assert.equal(isPublicAddress(address), false, address);
    }
  });
});
