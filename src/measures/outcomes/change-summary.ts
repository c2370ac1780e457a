import type { MeasureMoment } from '../../platform/db/tables/measures.ts';
import { formatUkDate } from '../../platform/views/render.ts';
import type { ScoreRule } from '../scoring/definition.ts';
import { bandOf, reliableChangeOf, type ReliableChange } from '../scoring/scoring.ts';
import type { MeasureSeries } from '../scoring/series.ts';
import { chartOf, type ChartModel } from './change-chart.ts';

/**
 * What a young person's record shows for each measure: every score over time (as a chart and a
 * table), the change from the first answers to the latest, the band the latest falls in, and
 * reliable improvement or deterioration where the measure publishes a threshold.
 */

export const MOMENT_LABELS: Record<MeasureMoment, string> = {
  baseline: 'Baseline',
  review: 'Review',
  discharge: 'Discharge',
  other: 'Other',
};

const RELIABLE_CHANGE_TEXT: Record<ReliableChange, string> = {
  improved: 'Reliable improvement',
  deteriorated: 'Reliable deterioration',
  no_reliable_change: 'No reliable change',
};

export interface ScoredPoint {
  completedOn: string;
  moment: string;
  score: string;
  band?: string;
}

export interface ScoreChange {
  id: string;
  label: string;
  scale: string;
  points: ScoredPoint[];
  first?: ScoredPoint;
  latest?: ScoredPoint;
  changeText?: string;
  band?: string;
  reliableChange?: ReliableChange;
  reliableChangeText?: string;
  /** One or two sentences a screen reader announces for the chart. */
  summary: string;
  chart?: ChartModel;
}

export interface MeasureChange {
  key: string;
  name: string;
  attribution: string;
  scores: ScoreChange[];
  notCollected: { completedOn: string; moment: string; reason: string }[];
}

/** A score as it is reported: at most 2 decimal places, no trailing zeros. */
export function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}

const points = (count: number) => `${formatScore(count)} ${Math.abs(count) === 1 ? 'point' : 'points'}`;

/** "Up 3 points since the baseline, which is better". */
export function changeText(rule: ScoreRule, first: number, latest: number): string {
  const change = Math.round((latest - first) * 100) / 100;
  if (change === 0) return 'No change since the first answers';
  const better = rule.direction === 'higher_is_better' ? change > 0 : change < 0;
  return `${change > 0 ? 'Up' : 'Down'} ${points(Math.abs(change))} since the first answers, which is ${better ? 'better' : 'worse'}`;
}

function scaleText(rule: ScoreRule): string {
  const better = rule.direction === 'higher_is_better' ? 'higher is better' : 'lower is better';
  return `${formatScore(rule.range.minimum)} to ${formatScore(rule.range.maximum)}, ${better}`;
}

export function presentScoreChange(series: MeasureSeries, rule: ScoreRule): ScoreChange {
  const answered = series.points.filter((point) => point.notCollectedReason === null && typeof point.scores[rule.id] === 'number');
  const scored = answered.map((point) => {
    const score = point.scores[rule.id]!;
    const band = bandOf(rule, score)?.label;
    return { completedOn: point.completedOn, moment: MOMENT_LABELS[point.moment], score: formatScore(score), ...(band ? { band } : {}), value: score };
  });
  const shown = scored.map(({ value: _value, ...point }) => point);
  const first = scored[0];
  const latest = scored.at(-1);
  const scale = scaleText(rule);
  if (!first || !latest) return { id: rule.id, label: rule.label, scale, points: [], summary: `${rule.label}: no answers yet.` };

  const twoOrMore = scored.length > 1;
  const reliableChange = twoOrMore ? reliableChangeOf(rule, first.value, latest.value) : undefined;
  const change = twoOrMore ? changeText(rule, first.value, latest.value) : undefined;
  const history = scored.map((point) => `${point.score} on ${formatUkDate(point.completedOn)} (${point.moment.toLowerCase()})`).join(', ');
  const summary = [
    `${rule.label}, scored ${scale}: ${history}.`,
    change ? `${change}.` : undefined,
    latest.band ? `Latest band: ${latest.band}.` : undefined,
    reliableChange ? `${RELIABLE_CHANGE_TEXT[reliableChange]}.` : undefined,
  ]
    .filter(Boolean)
    .join(' ');

  return {
    id: rule.id,
    label: rule.label,
    scale,
    points: shown,
    first: shown[0],
    latest: shown.at(-1),
    ...(change ? { changeText: change } : {}),
    ...(latest.band ? { band: latest.band } : {}),
    ...(reliableChange ? { reliableChange, reliableChangeText: RELIABLE_CHANGE_TEXT[reliableChange] } : {}),
    summary,
    chart: chartOf(
      scored.map((point) => ({ completedOn: point.completedOn, score: point.value })),
      rule.range,
      rule.bands,
    ),
  };
}

export function presentMeasureChange(series: MeasureSeries): MeasureChange {
  return {
    key: series.key,
    name: series.definition.name,
    attribution: series.definition.licence.attribution,
    scores: series.definition.scores.map((rule) => presentScoreChange(series, rule)),
    notCollected: series.points
      .filter((point) => point.notCollectedReason !== null)
      .map((point) => ({ completedOn: point.completedOn, moment: MOMENT_LABELS[point.moment], reason: point.notCollectedReason! })),
  };
}
