import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startupMessage } from './startup-message.ts';

test('start-up prints the public referral form’s address, with or without demo data', () => {
  const plain = startupMessage('http://localhost:3000', 'PostgreSQL', null);
  assert.match(plain, /Linkway is running at http:\/\/localhost:3000 \(database: PostgreSQL\)/);
  assert.match(plain, /The public referral form is at http:\/\/localhost:3000\/refer$/m);
  assert.doesNotMatch(plain, /demo/);
  const demo = startupMessage('https://linkway.example.org/', 'embedded, in ./data', { password: 'pw', logins: [{ role: 'admin', email: 'admin@demo.test' }] });
  assert.match(demo, /The public referral form is at https:\/\/linkway\.example\.org\/refer/);
  assert.match(demo, /^  admin +admin@demo\.test$/m);
});
