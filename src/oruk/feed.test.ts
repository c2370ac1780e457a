import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { kindOf, readFeed } from './feed.ts';
import { normalisePostcode } from './filters.ts';
import { categoryTermId, derivedUuid, linkwayTermMeaning, needTermId } from './linkway-taxonomy.ts';

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'examples');

test('every example of the standard is read as the kind it is, with nothing rejected', () => {
  const expected: Record<string, string> = {
    'organization_full.json': 'organization',
    'organization_list.json': 'organization',
    'service_full.json': 'service',
    'service_list.json': 'service',
    'service_at_location_full.json': 'service_at_location',
    'service_at_location_list.json': 'service_at_location',
    'taxonomy.json': 'taxonomy',
    'taxonomy_list.json': 'taxonomy',
    'taxonomy_term.json': 'taxonomy_term',
    'taxonomy_term_list.json': 'taxonomy_term',
  };
  for (const file of readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'))) {
    const { records, rejections } = readFeed(JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')));
    assert.deepEqual(rejections, [], file);
    assert.deepEqual([...new Set(records.map((record) => record.kind))], [expected[file]], file);
  }
});

test('a record of no known kind, or one the standard does not allow, is rejected with the reason', () => {
  assert.equal(kindOf({ id: 'x', name: 'A thing' }), undefined);
  const { records, rejections } = readFeed([{ id: 'x', name: 'A thing' }, { id: '6a1c2d3e-4f50-4a6b-8c7d-000000000001', name: 'Club', status: 'open', organization_id: '6a1c2d3e-4f50-4a6b-8c7d-000000000002', minimum_age: 18, maximum_age: 11 }]);
  assert.equal(records.length, 0);
  assert.match(rejections[0]!.reasons[0]!, /not recognised/);
  assert.match(rejections[1]!.reasons.join(' '), /status must be equal to one of the allowed values/);
});

test('postcodes are kept in one form', () => {
  assert.equal(normalisePostcode('ls63ab'), 'LS6 3AB');
  assert.equal(normalisePostcode(' SW1A  1AA '.trim()), 'SW1A 1AA');
});

test('Linkway’s term ids are stable and say which column they stand for', () => {
  assert.equal(categoryTermId('sports'), categoryTermId('sports'));
  assert.notEqual(categoryTermId('sports'), needTermId('sports'));
  assert.match(derivedUuid('77904781-36b1-46c8-a96a-e60a4bc89f4b', 'anxiety'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(linkwayTermMeaning(categoryTermId('sports')), { column: 'categories', code: 'sports' });
  assert.deepEqual(linkwayTermMeaning(needTermId('anxiety')), { column: 'needs', code: 'anxiety' });
  assert.equal(linkwayTermMeaning('6a1c2d3e-4f50-4a6b-8c7d-000000000001'), undefined);
});
