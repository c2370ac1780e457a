import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageFits, haversineMiles, milesInWords, rankServices, scoreService, waitInWords, type CandidateService, type SeekerProfile } from './matching.ts';
import { agoInWords, checkedInWords, isStale } from './freshness.ts';

const now = new Date('2026-03-30T12:00:00Z');
const settings = { now, staleAfterDays: 90 };
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

// Leeds city centre and points about 1.2 and 8 miles from it.
const home = { latitude: 53.7997, longitude: -1.5492 };
const near = { latitude: 53.8171, longitude: -1.5492 };
const far = { latitude: 53.9157, longitude: -1.5492 };

const profile = (overrides: Partial<SeekerProfile> = {}): SeekerProfile => ({ interests: [], needs: [], age: 15, home, barriers: [], ...overrides });
const service = (overrides: Partial<CandidateService> = {}): CandidateService => ({
  id: overrides.name ?? 'service',
  name: 'Service',
  categories: [],
  needs: [],
  minimumAge: null,
  maximumAge: null,
  free: null,
  locations: [],
  waitingDays: null,
  takingPeopleNow: null,
  lastCheckedAt: daysAgo(21),
  ...overrides,
});
const texts = (ranked: { reasons: { text: string }[] } | undefined) => ranked?.reasons.map((reason) => reason.text) ?? [];
const namesInOrder = (ranked: { service: { name: string } }[]) => ranked.map((entry) => entry.service.name);

test('haversine distance matches a known distance', () => {
  // London (Charing Cross) to Leeds city centre is about 169 miles as the crow flies.
  const miles = haversineMiles({ latitude: 51.5073, longitude: -0.1276 }, home);
  assert.ok(miles > 165 && miles < 173, `got ${miles}`);
  assert.equal(haversineMiles(home, home), 0);
});

test('distances, waits and checks read as plain words', () => {
  assert.equal(milesInWords(0.1), 'Less than a quarter of a mile away');
  assert.equal(milesInWords(1.234), 'About 1.2 miles away');
  assert.equal(milesInWords(12.6), 'About 13 miles away');
  assert.equal(waitInWords(0), 'No waiting list');
  assert.equal(waitInWords(1), 'Waiting time about 1 day');
  assert.equal(waitInWords(42), 'Waiting time about 6 weeks');
  assert.equal(agoInWords(daysAgo(0), now), 'today');
  assert.equal(agoInWords(daysAgo(1), now), 'yesterday');
  assert.equal(agoInWords(daysAgo(4), now), '4 days ago');
  assert.equal(agoInWords(daysAgo(21), now), '3 weeks ago');
  assert.equal(agoInWords(daysAgo(150), now), '5 months ago');
  assert.equal(agoInWords(daysAgo(400), now), 'over a year ago');
  assert.equal(checkedInWords(null, now), 'Never checked');
});

test('an entry is stale past the limit, or when never checked', () => {
  assert.equal(isStale(daysAgo(90), 90, now), false);
  assert.equal(isStale(daysAgo(91), 90, now), true);
  assert.equal(isStale(null, 90, now), true);
});

test('age fit: inside, outside, open-ended and unknown', () => {
  assert.equal(ageFits(15, 13, 18), true);
  assert.equal(ageFits(12, 13, 18), false);
  assert.equal(ageFits(30, 16, null), true);
  assert.equal(ageFits(null, 13, 18), null);
  assert.equal(ageFits(15, null, null), null);
});

test('a service outside the young person’s age range is never suggested', () => {
  assert.equal(scoreService(profile({ age: 12 }), service({ minimumAge: 16 }), settings), undefined);
  const ranked = rankServices(profile({ age: 12 }), [service({ name: 'Adults only', minimumAge: 18 }), service({ name: 'Open to all' })], settings);
  assert.deepEqual(namesInOrder(ranked), ['Open to all']);
});

test('interest and need matches come first, with the reasons named', () => {
  const ranked = rankServices(profile({ interests: ['sports', 'creative'], needs: ['low_mood'] }), [
    service({ name: 'Chess club', categories: ['indoor'] }),
    service({ name: 'Football', categories: ['sports'] }),
    service({ name: 'Mood walks', categories: ['sports'], needs: ['low_mood'] }),
  ], settings);
  assert.deepEqual(namesInOrder(ranked), ['Mood walks', 'Football', 'Chess club']);
  assert.ok(texts(ranked[0]).includes('Matches interest: sports'));
  assert.ok(texts(ranked[0]).includes('Helps with low mood'));
  assert.ok(texts(ranked[0]).includes('Checked 3 weeks ago'));
  assert.ok(!texts(ranked[2]).some((text) => text.startsWith('Matches interest')));
});

test('when cost is a barrier, free services move ahead of closer paid ones', () => {
  const services = [
    service({ name: 'Paid and near', categories: ['sports'], free: false, locations: [near] }),
    service({ name: 'Free and far', categories: ['sports'], free: true, locations: [far] }),
  ];
  assert.deepEqual(namesInOrder(rankServices(profile({ interests: ['sports'] }), services, settings)), ['Paid and near', 'Free and far']);
  const withCostBarrier = rankServices(profile({ interests: ['sports'], barriers: ['cost'] }), services, settings);
  assert.deepEqual(namesInOrder(withCostBarrier), ['Free and far', 'Paid and near']);
  assert.ok(texts(withCostBarrier[0]).includes('Free'));
  assert.ok(withCostBarrier[1]!.reasons.some((reason) => reason.kind === 'against' && reason.text.includes('cost is a barrier')));
});

test('distance counts when both ends are known, and more when travel is a barrier', () => {
  const nearby = scoreService(profile(), service({ locations: [far, near] }), settings)!;
  assert.ok(texts(nearby).includes('About 1.2 miles away'), texts(nearby).join('; '));
  assert.ok(nearby.miles! > 1.1 && nearby.miles! < 1.3);
  const unknownHome = scoreService(profile({ home: null }), service({ locations: [near] }), settings)!;
  assert.equal(unknownHome.miles, null);
  assert.ok(!texts(unknownHome).some((text) => text.includes('miles')));

  const services = [
    service({ name: 'Near, four-week wait', waitingDays: 28, locations: [near] }),
    service({ name: 'Far, no wait', waitingDays: 0, locations: [far] }),
  ];
  assert.equal(rankServices(profile(), services, settings)[0]!.service.name, 'Far, no wait');
  assert.equal(rankServices(profile({ barriers: ['travel'] }), services, settings)[0]!.service.name, 'Near, four-week wait');
  const farWithTravelBarrier = scoreService(profile({ barriers: ['travel'] }), service({ locations: [far] }), settings)!;
  assert.ok(farWithTravelBarrier.reasons.some((reason) => reason.kind === 'against' && reason.text.endsWith('travel is a barrier')));
});

test('taking people now and short waits rank above closed lists and long waits', () => {
  const ranked = rankServices(profile(), [
    service({ name: 'Closed', takingPeopleNow: false }),
    service({ name: 'Long wait', takingPeopleNow: true, waitingDays: 70 }),
    service({ name: 'Open now', takingPeopleNow: true, waitingDays: 0 }),
  ], settings);
  assert.deepEqual(namesInOrder(ranked), ['Open now', 'Long wait', 'Closed']);
  assert.ok(texts(ranked[0]).includes('No waiting list'));
  assert.ok(texts(ranked[1]).includes('Waiting time about 10 weeks'));
  assert.ok(texts(ranked[2]).includes('Not taking new people at the moment'));
});

test('stale and never-checked entries rank below fresh ones and say so', () => {
  const ranked = rankServices(profile(), [
    service({ name: 'Never checked', lastCheckedAt: null }),
    service({ name: 'Stale', lastCheckedAt: daysAgo(150) }),
    service({ name: 'Checked last month', lastCheckedAt: daysAgo(30) }),
    service({ name: 'Checked today', lastCheckedAt: daysAgo(0) }),
  ], settings);
  assert.deepEqual(namesInOrder(ranked).slice(0, 2), ['Checked today', 'Checked last month']);
  assert.ok(texts(ranked.find((entry) => entry.service.name === 'Stale')).includes('Checked 5 months ago: details may be out of date'));
  assert.ok(texts(ranked.find((entry) => entry.service.name === 'Never checked')).includes('Never checked: details may be out of date'));
});

test('equal scores are ordered by name, and the limit caps the list', () => {
  const ranked = rankServices(profile(), [service({ name: 'C' }), service({ name: 'B' }), service({ name: 'A' })], settings);
  assert.deepEqual(namesInOrder(ranked), ['A', 'B', 'C']);
  assert.equal(rankServices(profile(), [service({ name: 'A' }), service({ name: 'B' })], settings, 1).length, 1);
});
