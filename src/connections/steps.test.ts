import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { providerOverdue, stepAllowed, type ConnectionState } from './steps.ts';

const at = (status: ConnectionState['status'], more: Partial<ConnectionState> = {}): ConnectionState => ({
  status,
  agreed_on: status === 'suggested' ? null : '2026-03-02',
  referral_method: null,
  provider_answer: null,
  first_attended_on: null,
  ...more,
});

describe('connection steps', () => {
  test('referring needs the agreement on record', () => {
    assert.equal(stepAllowed('refer', at('suggested')), false);
    assert.equal(stepAllowed('refer', at('agreed')), true);
    assert.equal(stepAllowed('refer', at('agreed', { agreed_on: null })), false);
    assert.equal(stepAllowed('refer', at('referred', { referral_method: 'email' })), false, 'never twice');
  });

  test('only an emailed referral still waiting for its answer can be chased', () => {
    assert.equal(stepAllowed('remind', at('referred', { referral_method: 'email' })), true);
    assert.equal(stepAllowed('remind', at('referred', { referral_method: 'signpost' })), false);
    assert.equal(stepAllowed('remind', at('accepted', { referral_method: 'email', provider_answer: 'accepted' })), false);
  });

  test('a first session follows a referral or an acceptance, once; a decline or a stop ends the steps', () => {
    assert.equal(stepAllowed('first-attended', at('accepted')), true);
    assert.equal(stepAllowed('first-attended', at('referred', { referral_method: 'signpost' })), true);
    assert.equal(stepAllowed('first-attended', at('attending', { first_attended_on: '2026-03-10' })), false);
    assert.equal(stepAllowed('phase', at('attending')), true);
    assert.equal(stepAllowed('phase', at('agreed')), false);
    assert.equal(stepAllowed('stop', at('declined')), false);
    assert.equal(stepAllowed('stop', at('suggested')), true);
  });

  test('a provider is overdue after the limit in working days, counted again from a reminder', () => {
    const waiting = { status: 'referred' as const, referral_method: 'email' as const, provider_answer: null, referred_on: '2026-03-02', reminded_on: null };
    // Monday 2 March: five working days later is Monday 9 March.
    assert.equal(providerOverdue(waiting, '2026-03-06', 5), false);
    assert.equal(providerOverdue(waiting, '2026-03-09', 5), true);
    assert.equal(providerOverdue({ ...waiting, reminded_on: '2026-03-09' }, '2026-03-10', 5), false);
    assert.equal(providerOverdue({ ...waiting, referral_method: 'signpost' }, '2026-04-30', 5), false);
  });
});
