import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MeasureDefinition, ScoreRule } from './definition.ts';
import { BUILT_IN_MEASURES } from './definitions/index.ts';
import { GBO } from './definitions/gbo.ts';
import { ONS4, ONS4_CHILDREN } from './definitions/ons4.ts';
import { SWEMWBS } from './definitions/swemwbs.ts';
import { InvalidAnswersError, bandOf, reliableChangeOf, scoreAnswers } from './scoring.ts';

/** The published SWEMWBS raw-to-metric table, typed out by hand from the source, not read from the code. */
const PUBLISHED_SWEMWBS: [number, number][] = [
  [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32], [15, 15.84],
  [16, 16.36], [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73], [24, 21.54],
  [25, 22.35], [26, 23.21], [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7],
  [34, 32.55], [35, 35.0],
];

/** Seven answers from 1 to 5 that add up to the raw score: each item filled in turn. */
function swemwbsAnswers(raw: number): Record<string, number> {
  let left = raw - 7;
  return Object.fromEntries(
    SWEMWBS.items.map((item) => {
      const extra = Math.min(4, left);
      left -= extra;
      return [item.id, 1 + extra];
    }),
  );
}

const rule = (definition: MeasureDefinition, id: string): ScoreRule => definition.scores.find((score) => score.id === id)!;

describe('ONS4', () => {
  test('reports each item on its own, never a total', () => {
    const scores = scoreAnswers(ONS4, { life_satisfaction: 7, worthwhile: 8, happiness: 3, anxiety: 9 });
    assert.deepEqual(scores, { life_satisfaction: 7, worthwhile: 8, happiness: 3, anxiety: 9 });
  });

  test('the children’s version has no anxiety item', () => {
    assert.deepEqual(scoreAnswers(ONS4_CHILDREN, { life_satisfaction: 0, worthwhile: 10, happiness: 5 }), { life_satisfaction: 0, worthwhile: 10, happiness: 5 });
    assert.throws(() => scoreAnswers(ONS4_CHILDREN, { life_satisfaction: 0, worthwhile: 10, happiness: 5, anxiety: 2 }), InvalidAnswersError);
  });

  test('life satisfaction, worthwhile and happiness bands at every boundary', () => {
    const expected = ['Low', 'Low', 'Low', 'Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'Very high', 'Very high'];
    for (const id of ['life_satisfaction', 'worthwhile', 'happiness']) {
      expected.forEach((label, score) => assert.equal(bandOf(rule(ONS4, id), score)?.label, label, `${id} ${score}`));
    }
  });

  test('anxiety bands at every boundary, and lower is better', () => {
    const expected = ['Very low', 'Very low', 'Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'High', 'High', 'High'];
    expected.forEach((label, score) => assert.equal(bandOf(rule(ONS4, 'anxiety'), score)?.label, label, `anxiety ${score}`));
    assert.equal(rule(ONS4, 'anxiety').direction, 'lower_is_better');
    assert.equal(rule(ONS4, 'happiness').direction, 'higher_is_better');
  });

  test('has no published reliable change, so none is claimed', () => {
    assert.equal(reliableChangeOf(rule(ONS4, 'happiness'), 1, 9), undefined);
  });
});

describe('SWEMWBS', () => {
  test('every raw score from 7 to 35 converts to its published metric score', () => {
    const wordingLicensed = { ...SWEMWBS, wordingRequiresLicence: false };
    assert.equal(PUBLISHED_SWEMWBS.length, 29);
    for (const [raw, metric] of PUBLISHED_SWEMWBS) {
      const answers = swemwbsAnswers(raw);
      assert.equal(Object.values(answers).reduce((sum, value) => sum + value, 0), raw);
      assert.deepEqual(scoreAnswers(wordingLicensed, answers), { metric }, `raw ${raw}`);
    }
  });

  test('a hand-worked answer set: 3, 4, 2, 5, 3, 1, 4 is raw 22, metric 19.98', () => {
    const answers = { item_1: 3, item_2: 4, item_3: 2, item_4: 5, item_5: 3, item_6: 1, item_7: 4 };
    assert.deepEqual(scoreAnswers(SWEMWBS, answers), { metric: 19.98 });
  });

  test('answers outside 1 to 5 are refused', () => {
    assert.throws(() => scoreAnswers(SWEMWBS, { ...swemwbsAnswers(20), item_3: 0 }), /item_3 cannot be 0/);
    assert.throws(() => scoreAnswers(SWEMWBS, { ...swemwbsAnswers(20), item_3: 6 }), /item_3 cannot be 6/);
  });

  test('ships without wording and says it needs a licence', () => {
    assert.equal(SWEMWBS.wordingRequiresLicence, true);
    assert.ok(SWEMWBS.items.every((item) => item.text === ''));
    assert.deepEqual(
      SWEMWBS.items[0]!.options.map((option) => option.label),
      ['None of the time', 'Rarely', 'Some of the time', 'Often', 'All of the time'],
    );
  });
});

describe('Goal-Based Outcomes', () => {
  test('each goal is its own score, and 2.45 points is reliable change', () => {
    assert.deepEqual(scoreAnswers(GBO, { goal_1: 2, goal_2: 6, goal_3: 10 }), { goal_1: 2, goal_2: 6, goal_3: 10 });
    const goal = rule(GBO, 'goal_1');
    assert.equal(reliableChangeOf(goal, 2, 5), 'improved');
    assert.equal(reliableChangeOf(goal, 2, 4), 'no_reliable_change');
    assert.equal(reliableChangeOf(goal, 5, 7.45), 'improved', 'exactly the threshold counts');
    assert.equal(reliableChangeOf(goal, 7, 4), 'deteriorated');
    assert.equal(reliableChangeOf(goal, 7, 5), 'no_reliable_change');
  });
});

describe('scoring rules', () => {
  const options = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));
  const made: MeasureDefinition = {
    key: 'made_up',
    version: 1,
    name: 'Made up',
    introduction: '',
    licence: { name: 'Test', attribution: 'Test' },
    items: ['a', 'b', 'c'].map((id) => ({ id, text: `Question ${id}`, options })),
    scores: [
      { id: 'total', label: 'Total', items: ['a', 'b', 'c'], method: 'sum', reversedItems: ['b'], direction: 'higher_is_better', range: { minimum: 3, maximum: 15 } },
      { id: 'average', label: 'Average', items: ['a', 'b', 'c'], method: 'mean', reversedItems: ['b'], direction: 'lower_is_better', reliableChange: 1, range: { minimum: 1, maximum: 5 } },
    ],
  };

  test('a reversed item counts from the other end of its scale before summing', () => {
    // a=5, b=2 reversed is 1+5-2=4, c=1: total 10, mean 10/3 = 3.33.
    assert.deepEqual(scoreAnswers(made, { a: 5, b: 2, c: 1 }), { total: 10, average: 3.33 });
    // b=5 reversed is 1, b=1 reversed is 5.
    assert.deepEqual(scoreAnswers(made, { a: 1, b: 5, c: 1 }), { total: 3, average: 1 });
    assert.deepEqual(scoreAnswers(made, { a: 1, b: 1, c: 1 }), { total: 7, average: 2.33 });
  });

  test('lower-is-better reliable change turns a fall into improvement', () => {
    const average = rule(made, 'average');
    assert.equal(reliableChangeOf(average, 4, 3), 'improved');
    assert.equal(reliableChangeOf(average, 3, 4), 'deteriorated');
    assert.equal(reliableChangeOf(average, 3, 3.5), 'no_reliable_change');
  });

  test('a missing, unknown, fractional or out-of-range answer is refused', () => {
    assert.throws(() => scoreAnswers(made, { a: 1, b: 2 }), (error: unknown) => error instanceof InvalidAnswersError && error.problems.join() === 'c has no answer');
    assert.throws(() => scoreAnswers(made, { a: 1, b: 2, c: 3, d: 4 }), /d is not an item of made_up/);
    assert.throws(() => scoreAnswers(made, { a: 1, b: 2.5, c: 3 }), /b cannot be 2.5/);
    assert.throws(() => scoreAnswers(made, { a: 1, b: 2, c: 9 }), /c cannot be 9/);
    assert.throws(() => scoreAnswers(ONS4, { life_satisfaction: 11, worthwhile: 1, happiness: 1, anxiety: -1 }), /life_satisfaction cannot be 11; anxiety cannot be -1/);
  });

  test('a raw score missing from a conversion table is refused rather than guessed', () => {
    const partial: MeasureDefinition = { ...made, scores: [{ ...made.scores[0]!, conversion: { '3': 0 } }] };
    assert.throws(() => scoreAnswers(partial, { a: 5, b: 5, c: 5 }), /no conversion for a raw score of 11/);
  });
});

describe('built-in definitions', () => {
  test('each has a version, licence, attribution and age range', () => {
    assert.deepEqual(BUILT_IN_MEASURES.map((definition) => definition.key), ['ons4', 'ons4_children', 'gbo', 'swemwbs']);
    for (const definition of BUILT_IN_MEASURES) {
      assert.ok(definition.version >= 1);
      assert.ok(definition.licence.name && definition.licence.attribution, definition.key);
      assert.ok(definition.ageRange && definition.ageRange.minimum <= definition.ageRange.maximum, definition.key);
    }
    assert.match(ONS4.licence.attribution, /Office for National Statistics/);
    assert.match(GBO.licence.attribution, /Duncan Law/);
    assert.equal(GBO.licence.name, 'CC BY-NC-SA 4.0');
  });
});
