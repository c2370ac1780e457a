import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distinctPlace } from './codes.ts';
import { whereText } from './presenters.ts';

test('a place that repeats the setting is dropped, in any case, and a real place is kept', () => {
  assert.equal(whereText({ setting: 'cafe', place: 'Café' }), 'Café');
  assert.equal(whereText({ setting: 'video', place: 'video' }), 'Video call');
  assert.equal(whereText({ setting: 'cafe', place: 'The Corner Café' }), 'Café: The Corner Café');
  assert.equal(whereText({ setting: null, place: 'Library' }), 'Library');
  assert.equal(distinctPlace('phone', 'Phone'), undefined);
  assert.equal(distinctPlace('school', ' '), undefined);
  assert.equal(distinctPlace('school', 'Park High'), 'Park High');
});
