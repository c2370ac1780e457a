import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { presentOutcomes } from './change-report.ts';
import { chartOf } from './change-chart.ts';
import type { MeasureOutcome } from './change-outcomes.ts';

const outcome: MeasureOutcome = {
  key: 'swemwbs',
  name: 'SWEMWBS',
  completion: { episodesStarted: 12, baselineCollected: 3, episodesClosed: 8, pairsCollected: 6 },
  scores: [
    { id: 'metric', label: 'Wellbeing', pairs: 3, meanChange: { pairs: 3, mean: 2.5, interval: { lower: -1, upper: 6 } }, improved: 2, improvedMeans: 'Any improvement', direction: 'higher_is_better' },
  ],
};
const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((cell) => cell.text));

describe('the outcomes tables', () => {
  test('everyone but a commissioner sees every figure', () => {
    const [shown] = presentOutcomes([outcome], false);
    assert.deepEqual(texts(shown!.completionRows), [['Baseline', '3 of 12 (25%)'], ['Baseline and discharge', '6 of 8 (75%)']]);
    assert.deepEqual(texts(shown!.changeRows), [['Wellbeing (higher is better)', '3', '+2.5 (−1 to +6)', '2 of 3 (67%)', 'Any improvement']]);
  });

  test('for a commissioner, counts from 1 to 4 and what is worked out from them are suppressed', () => {
    const [shown] = presentOutcomes([outcome], true);
    assert.deepEqual(texts(shown!.completionRows), [['Baseline', 'Fewer than 5'], ['Baseline and discharge', '6 of 8 (75%)']]);
    assert.deepEqual(texts(shown!.changeRows), [['Wellbeing (higher is better)', 'Fewer than 5', 'Fewer than 5', 'Fewer than 5', 'Any improvement']]);
  });
});

describe('the chart', () => {
  test('points are placed by date and score, bands meet edge to edge and labels never crowd', () => {
    const chart = chartOf(
      [
        { completedOn: '2026-01-01', score: 0 },
        { completedOn: '2026-01-02', score: 10 },
        { completedOn: '2026-03-01', score: 5 },
      ],
      { minimum: 0, maximum: 10 },
      [
        { minimum: 0, maximum: 4, label: 'Low' },
        { minimum: 5, maximum: 10, label: 'High' },
      ],
    );
    assert.deepEqual(chart.points[0], { x: chart.plot.left + 16, y: chart.plot.bottom });
    assert.equal(chart.points[1]!.y, chart.plot.top);
    assert.equal(chart.points[2]!.x, chart.plot.right - 16);
    assert.equal(chart.bands[0]!.y + chart.bands[0]!.height, chart.plot.bottom);
    assert.equal(chart.bands[1]!.y + chart.bands[1]!.height, chart.bands[0]!.y, 'the boundary is at 4.5');
    assert.deepEqual(chart.xLabels.map((label) => label.label), ['1 Jan 26', '1 Mar 26']);
    assert.deepEqual(chart.yTicks.map((tick) => tick.label), ['0', '2', '4', '6', '8', '10']);
  });

  test('a single answer sits in the middle, with no line', () => {
    const chart = chartOf([{ completedOn: '2026-01-01', score: 21.54 }], { minimum: 7, maximum: 35 });
    assert.equal(chart.points[0]!.x, (chart.plot.left + chart.plot.right) / 2);
    assert.equal(chart.line, '');
    assert.deepEqual(chart.yTicks.map((tick) => tick.label), ['10', '20', '30']);
  });
});
