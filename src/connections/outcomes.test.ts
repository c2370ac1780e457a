import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { outcomeTables, type OutcomeRow } from './outcomes.ts';

const row = (more: Partial<OutcomeRow>): OutcomeRow => ({
  service_id: 'art',
  status: 'suggested',
  reached_agreed: false,
  reached_referred: false,
  answer: null,
  stop_reason: null,
  connections: 1,
  ...more,
});

describe('connection outcomes', () => {
  test('counts each stage reached, by category (a service in two counts in both) and by provider, with reasons', () => {
    const services = [
      { id: 'art', categories: ['creative', 'social'], provider: 'Art Trust' },
      { id: 'football', categories: ['sports'], provider: 'Football Club' },
    ];
    const tables = outcomeTables(
      [
        row({ connections: '2' }),
        row({ status: 'attending', reached_agreed: true, reached_referred: true, answer: 'accepted' }),
        row({ service_id: 'football', status: 'stopped', reached_agreed: true, reached_referred: true, answer: 'accepted', stop_reason: 'cost', connections: 3n }),
        row({ service_id: 'football', status: 'declined', reached_agreed: true, reached_referred: true, answer: 'declined' }),
      ],
      services,
    );
    assert.deepEqual(tables.total, { suggested: 7, agreed: 5, referred: 5, accepted: 4, declined: 1, attending: 1, stopped: 3 });
    assert.deepEqual(
      tables.byCategory.map((group) => [group.label, group.counts.suggested, group.counts.attending]),
      [['Sports', 4, 0], ['Creative', 3, 1], ['Social', 3, 1]],
    );
    assert.deepEqual(tables.byProvider.map((group) => [group.label, group.counts.stopped]), [['Football Club', 3], ['Art Trust', 0]]);
    assert.deepEqual(tables.reasons, [{ label: 'Cost', connections: 3 }]);
  });
});
