import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STREETLIGHT_RULES, NO_CONCERNS_REASON, rateReferral } from './streetlight.ts';

const allNo = { risk_to_life: 'no', self_harm: 'no', safeguarding: 'no', mental_health_service: 'no', substance_use: 'no' };

test('no worrying answers rate green, saying so', () => {
  assert.deepEqual(rateReferral(allNo, DEFAULT_STREETLIGHT_RULES), { rating: 'green', reasons: [NO_CONCERNS_REASON] });
});

test('one amber answer rates amber with its reason', () => {
  const result = rateReferral({ ...allNo, mental_health_service: 'yes' }, DEFAULT_STREETLIGHT_RULES);
  assert.equal(result.rating, 'amber');
  assert.deepEqual(result.reasons, ['Amber: Known to mental health services: make sure social prescribing is not filling a waiting-list gap']);
});

test('red wins over amber, and every reason is listed, most serious first', () => {
  const result = rateReferral({ ...allNo, self_harm: 'yes', safeguarding: 'yes' }, DEFAULT_STREETLIGHT_RULES);
  assert.equal(result.rating, 'red');
  assert.equal(result.reasons.length, 2);
  assert.match(result.reasons[0]!, /^Red: Active safeguarding/);
  assert.match(result.reasons[1]!, /^Amber: Self-harm/);
});

test('"not sure" about risk to life is amber, not green', () => {
  assert.equal(rateReferral({ ...allNo, risk_to_life: 'not_sure' }, DEFAULT_STREETLIGHT_RULES).rating, 'amber');
});

test('a scheme’s own rules decide, not the defaults', () => {
  const strict = [{ question: 'substance_use', answer: 'yes', rating: 'red' as const, reason: 'We refer to the drugs service' }];
  assert.deepEqual(rateReferral({ ...allNo, substance_use: 'yes' }, strict), { rating: 'red', reasons: ['Red: We refer to the drugs service'] });
  assert.equal(rateReferral({ ...allNo, safeguarding: 'yes' }, strict).rating, 'green');
});
