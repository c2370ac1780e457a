import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { finalRatingDue, presentEpisode, reasonText } from './presenters.ts';

describe('the final measures prompt', () => {
  test('asks for a rating when none was taken, or the last is more than 14 days old', () => {
    assert.equal(finalRatingDue(null, '2026-03-20'), true);
    assert.equal(finalRatingDue('2026-03-06', '2026-03-20'), false, '14 days ago still counts');
    assert.equal(finalRatingDue('2026-03-05', '2026-03-20'), true, '15 days ago is too old');
    assert.equal(finalRatingDue('2026-03-20', '2026-03-20'), false);
    assert.equal(finalRatingDue('2026-02-20', '2026-03-06'), false, 'across the end of February');
  });
});

describe('the episode history', () => {
  test('an ended episode shows its dates, reason and what was written at the end', () => {
    const shown = presentEpisode({
      id: 'e1',
      opened_on: '2026-01-05',
      closed_on: '2026-03-20',
      discharge_reason: 'other',
      discharge_reason_other: 'Started college full time',
      closing_summary: 'Doing well',
      final_measures_note: null,
    });
    assert.equal(shown.heading, '5 January 2026 to 20 March 2026');
    assert.deepEqual(
      shown.rows.map((row) => `${row.key.text}: ${row.value.text}`),
      ['Started: 5 January 2026', 'Ended: 20 March 2026', 'Reason: Other: Started college full time', 'Closing summary: Doing well'],
    );
  });

  test('an episode closed before reasons were recorded says so', () => {
    assert.equal(reasonText(null, null), 'Not recorded');
    assert.equal(reasonText('disengaged', null), 'Disengaged');
  });
});
