import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attentionFor, byWhatMattersNow, type CaseFacts, type SchemeRules } from './attention.ts';
import type { DueMeasure } from '../measures/recording/due.ts';

// A Wednesday, so working-day sums are easy to follow.
const TODAY = '2026-03-11';
const rules: SchemeRules = { today: TODAY, contactPolicy: { attempts: 3, windowWorkingDays: 10 }, missedSessionsPrompt: 2, reviewEveryWeeks: 6 };

/** Someone a fortnight into support with nothing due. */
function inSupport(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    stage: 'in_support',
    openConcerns: 0,
    mostUrgentConcern: null,
    contactStartedOn: null,
    contactAttemptsMade: 0,
    lastContactAttemptOn: null,
    missedInARow: 0,
    overdueActions: 0,
    episode: { openedOn: '2026-02-25', sessionsAllowed: 6, weeksAllowed: 12, sessionsHeld: 2 },
    lastGoalRatingOn: null,
    measuresDue: [],
    ...overrides,
  };
}

const due = (key: string, moment: DueMeasure['moment'], overdue = false): DueMeasure => ({ key, moment, dueSince: '2026-03-09', overdue });
const makingContact = (overrides: Partial<CaseFacts> = {}) => inSupport({ stage: 'making_contact', contactStartedOn: TODAY, episode: null, ...overrides });
const texts = (facts: CaseFacts, scheme = rules) => attentionFor(facts, scheme).map((item) => item.text);

describe('what needs attention', () => {
  test('nothing, for someone in support with nothing due', () => {
    assert.deepEqual(texts(inSupport()), []);
  });

  test('an open safeguarding concern, with the most urgent named', () => {
    assert.deepEqual(texts(inSupport({ openConcerns: 1, mostUrgentConcern: 'today' })), ['Safeguarding concern (today)']);
    const [item] = attentionFor(inSupport({ openConcerns: 2, mostUrgentConcern: 'immediate' }), rules);
    assert.equal(item!.text, '2 safeguarding concerns (immediate)');
    assert.equal(item!.colour, 'red');
  });

  describe('first contact', () => {
    test('due on the day the clock starts, then not until the next scheduled attempt', () => {
      assert.deepEqual(texts(makingContact()), ['First contact due today']);
      // The second of three attempts over 10 working days is 5 working days after the first.
      assert.deepEqual(texts(makingContact({ contactAttemptsMade: 1, lastContactAttemptOn: TODAY })), []);
      assert.deepEqual(texts(makingContact({ contactStartedOn: '2026-03-04', contactAttemptsMade: 1, lastContactAttemptOn: '2026-03-04' })), ['First contact due today']);
    });

    test('overdue when the attempt was due on an earlier day', () => {
      const [item] = attentionFor(makingContact({ contactStartedOn: '2026-03-09' }), rules);
      assert.deepEqual([item!.text, item!.colour], ['First contact overdue', 'red']);
    });

    test('when every allowed attempt is made, someone must log how it ended', () => {
      assert.deepEqual(texts(makingContact({ contactStartedOn: '2026-02-23', contactAttemptsMade: 3, lastContactAttemptOn: '2026-03-09' })), ['All contact attempts made']);
    });

    test('only while making contact', () => {
      assert.deepEqual(texts(inSupport({ contactStartedOn: '2026-01-05' })), []);
    });
  });

  test('missed sessions in a row, from the scheme’s prompt', () => {
    assert.deepEqual(texts(inSupport({ missedInARow: 1 })), []);
    assert.deepEqual(texts(inSupport({ missedInARow: 2 })), ['Missed 2 sessions in a row']);
    assert.deepEqual(texts(inSupport({ missedInARow: 1 }), { ...rules, missedSessionsPrompt: 1 }), ['Missed 1 session in a row']);
  });

  test('overdue actions, counted', () => {
    assert.deepEqual(texts(inSupport({ overdueActions: 1 })), ['1 action overdue']);
    assert.deepEqual(texts(inSupport({ overdueActions: 3 })), ['3 actions overdue']);
  });

  describe('review due', () => {
    const episode = (changes: Partial<NonNullable<CaseFacts['episode']>>) => ({ openedOn: '2026-02-25', sessionsAllowed: 6, weeksAllowed: 12, sessionsHeld: 2, ...changes });

    test('when the sessions allowed are used up or one is left', () => {
      assert.deepEqual(texts(inSupport({ episode: episode({ sessionsHeld: 6 }) })), ['Review due: all 6 sessions used']);
      assert.deepEqual(texts(inSupport({ episode: episode({ sessionsHeld: 7 }) })), ['Review due: all 6 sessions used']);
      assert.deepEqual(texts(inSupport({ episode: episode({ sessionsHeld: 5 }) })), ['Review due: 1 session left']);
    });

    test('when the weeks allowed are nearly or wholly gone', () => {
      // 12 weeks from 17 December is 11 March: today.
      assert.deepEqual(texts(inSupport({ episode: episode({ openedOn: '2025-12-17' }) })), ['Review due: all 12 weeks used']);
      assert.deepEqual(texts(inSupport({ episode: episode({ openedOn: '2025-12-20' }) })), ['Review due: support ends in 3 days']);
      assert.deepEqual(texts(inSupport({ episode: episode({ openedOn: '2025-12-24' }) })), ['Review due: support ends in 7 days']);
      assert.deepEqual(texts(inSupport({ episode: episode({ openedOn: '2025-12-25' }) })), ['Review due: 6 weeks since support began']);
    });

    test('every review interval since support began, or since the last goal rating', () => {
      assert.deepEqual(texts(inSupport({ episode: episode({ openedOn: '2026-01-28' }) })), ['Review due: 6 weeks since support began']);
      assert.deepEqual(texts(inSupport({ episode: episode({ openedOn: '2026-01-29' }) })), []);
      assert.deepEqual(texts(inSupport({ episode: episode({ openedOn: '2026-01-01', weeksAllowed: 20 }), lastGoalRatingOn: '2026-02-20' })), []);
    });

    test('not for someone still being contacted', () => {
      assert.deepEqual(texts(makingContact({ contactAttemptsMade: 1, lastContactAttemptOn: TODAY, episode: { openedOn: '2025-10-01', sessionsAllowed: 6, weeksAllowed: 12, sessionsHeld: 6 } })), []);
    });
  });

  describe('measure due', () => {
    test('what the scheme’s measure rules say is due, in one item', () => {
      assert.deepEqual(texts(inSupport({ measuresDue: [due('gbo', 'baseline')] })), ['Baseline goal rating due']);
      assert.deepEqual(texts(inSupport({ measuresDue: [due('ons4', 'baseline'), due('gbo', 'baseline')] })), ['2 baseline measures due']);
      assert.deepEqual(texts(inSupport({ measuresDue: [due('ons4', 'review', true)] })), ['Review measure overdue']);
      assert.deepEqual(texts(inSupport({ measuresDue: [due('ons4', 'review'), due('gbo', 'baseline')] })), ['2 measures due']);
    });

    test('overdue comes before due', () => {
      const [overdue] = attentionFor(inSupport({ measuresDue: [due('gbo', 'review', true)] }), rules);
      const [onTime] = attentionFor(inSupport({ measuresDue: [due('gbo', 'review')] }), rules);
      assert.ok(overdue!.severity < onTime!.severity);
    });

    test('a review measure due prompts the review, without a second item saying the same', () => {
      const facts = inSupport({ lastGoalRatingOn: '2026-01-28', episode: { openedOn: '2026-01-07', sessionsAllowed: 6, weeksAllowed: 20, sessionsHeld: 3 }, measuresDue: [due('gbo', 'review')] });
      assert.deepEqual(texts(facts), ['Review goal rating due']);
    });

    test('only while in support', () => {
      assert.deepEqual(texts(makingContact({ contactAttemptsMade: 1, lastContactAttemptOn: TODAY, measuresDue: [due('ons4', 'baseline')] })), []);
    });
  });

  test('everything at once comes in the order it matters', () => {
    const facts = inSupport({
      openConcerns: 1,
      mostUrgentConcern: 'within_a_week',
      missedInARow: 3,
      overdueActions: 2,
      episode: { openedOn: '2026-02-25', sessionsAllowed: 6, weeksAllowed: 12, sessionsHeld: 6 },
      measuresDue: [due('gbo', 'baseline')],
    });
    assert.deepEqual(texts(facts), ['Safeguarding concern (within a week)', 'Missed 3 sessions in a row', '2 actions overdue', 'Review due: all 6 sessions used', 'Baseline goal rating due']);
  });
});

describe('sorting a caseload by what matters now', () => {
  const person = (sortName: string, facts: CaseFacts, nextSessionAt: Date | null = null) => ({ sortName, attention: attentionFor(facts, rules), nextSessionAt });
  const order = (...people: ReturnType<typeof person>[]) => [...people].sort(byWhatMattersNow).map((p) => p.sortName);

  test('safeguarding, then first contact, missed sessions, actions, reviews, measures, then nothing due', () => {
    const people = [
      person('nothing', inSupport()),
      person('measure', inSupport({ measuresDue: [due('gbo', 'baseline')] })),
      person('review', inSupport({ episode: { openedOn: '2026-02-25', sessionsAllowed: 6, weeksAllowed: 12, sessionsHeld: 5 } })),
      person('actions', inSupport({ overdueActions: 1 })),
      person('missed', inSupport({ missedInARow: 2 })),
      person('contact', makingContact()),
      person('safeguarding', inSupport({ openConcerns: 1, mostUrgentConcern: 'within_a_week' })),
    ];
    assert.deepEqual(order(...people), ['safeguarding', 'contact', 'missed', 'actions', 'review', 'measure', 'nothing']);
  });

  test('within a kind the more pressing first, then whoever has more to attend to', () => {
    assert.deepEqual(
      order(
        person('week', inSupport({ openConcerns: 1, mostUrgentConcern: 'within_a_week' })),
        person('immediate', inSupport({ openConcerns: 1, mostUrgentConcern: 'immediate' })),
        person('week and actions', inSupport({ openConcerns: 1, mostUrgentConcern: 'within_a_week', overdueActions: 1 })),
      ),
      ['immediate', 'week and actions', 'week'],
    );
    assert.deepEqual(order(person('due today', makingContact()), person('overdue', makingContact({ contactStartedOn: '2026-03-02' }))), ['overdue', 'due today']);
  });

  test('with nothing to tell them apart, whoever is seen soonest, then by name', () => {
    const soon = new Date('2026-03-12T10:00:00Z');
    const later = new Date('2026-03-20T10:00:00Z');
    assert.deepEqual(order(person('Zed', inSupport(), null), person('Bea', inSupport(), later), person('Abe', inSupport(), soon), person('Ann', inSupport(), null)), ['Abe', 'Bea', 'Ann', 'Zed']);
  });
});
