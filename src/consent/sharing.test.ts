import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharingAllowed, type ConsentFlags, type SharingParty } from './sharing.ts';
import { needsCompetenceNote } from './schemas.ts';

const everything: ConsentFlags = {
  to_service: true,
  share_with_referrer: true,
  share_with_gp: true,
  share_with_school: true,
  share_with_parent_carer: true,
  research: true,
  withdrawn_on: null,
};
const parties: SharingParty[] = ['referrer', 'gp', 'school', 'parent_carer', 'research'];

describe('the sharing decision', () => {
  test('nothing is shared without a consent record', () => {
    for (const party of parties) assert.equal(sharingAllowed(undefined, party), false);
  });

  test('each party needs its own flag', () => {
    for (const party of parties) assert.equal(sharingAllowed(everything, party), true);
    assert.equal(sharingAllowed({ ...everything, share_with_referrer: false }, 'referrer'), false);
    assert.equal(sharingAllowed({ ...everything, share_with_referrer: false }, 'gp'), true);
    assert.equal(sharingAllowed({ ...everything, share_with_gp: false }, 'gp'), false);
    assert.equal(sharingAllowed({ ...everything, share_with_school: false }, 'school'), false);
    assert.equal(sharingAllowed({ ...everything, share_with_parent_carer: false }, 'parent_carer'), false);
    assert.equal(sharingAllowed({ ...everything, research: false }, 'research'), false);
  });

  test('nothing is shared without consent to the service, whatever the share flags say', () => {
    for (const party of parties) assert.equal(sharingAllowed({ ...everything, to_service: false }, party), false);
  });

  test('nothing is shared once consent is withdrawn', () => {
    for (const party of parties) assert.equal(sharingAllowed({ ...everything, withdrawn_on: '2026-03-01' }, party), false);
  });
});

describe('the competence note', () => {
  test('is needed when a young person under 16 on the day consents for themselves', () => {
    assert.equal(needsCompetenceNote('young_person', '2011-06-10', '2027-06-09'), true, 'the day before their 16th birthday');
    assert.equal(needsCompetenceNote('young_person', '2011-06-10', '2027-06-10'), false, 'on their 16th birthday');
    assert.equal(needsCompetenceNote('parent_carer', '2015-01-01', '2026-01-05'), false, 'a parent or carer consented');
  });
});
