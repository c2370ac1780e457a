import type { MeasureOutcome, ScoreOutcome } from './change-outcomes.ts';
import { formatScore } from './change-summary.ts';
import { isSmallNumber, percentage, SMALL_NUMBER } from './stats.ts';

/**
 * The outcomes report's tables. For someone who may see aggregates only (commissioners), a count
 * from 1 to 4 is shown as "fewer than 5", and so is every figure worked out from it, so no young
 * person can be recognised from a small group.
 */

type Cell = { text: string; header: string; format?: 'numeric' };

export const CHANGE_HEADINGS = ['Score', 'Pairs', 'Mean change (95% confidence interval)', 'Improved', 'Counted as improved'] as const;
export const COMPLETION_HEADINGS = ['Collected', 'Episodes'] as const;

export const SUPPRESSED = `Fewer than ${SMALL_NUMBER}`;

function countOf(part: number, whole: number, suppress: boolean): string {
  if (suppress && (isSmallNumber(part) || isSmallNumber(whole))) return SUPPRESSED;
  const share = percentage(part, whole);
  return share === undefined ? '0' : `${part} of ${whole} (${share}%)`;
}

const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatScore(Math.abs(value))}`;

function meanChangeText(score: ScoreOutcome): string {
  const change = score.meanChange;
  if (!change) return 'No pairs';
  const mean = signed(Math.round(change.mean * 100) / 100);
  if (!change.interval) return `${mean} (one pair: no interval)`;
  return `${mean} (${signed(Math.round(change.interval.lower * 100) / 100)} to ${signed(Math.round(change.interval.upper * 100) / 100)})`;
}

function scoreRow(score: ScoreOutcome, suppress: boolean): Cell[] {
  const hidden = suppress && isSmallNumber(score.pairs);
  const better = score.direction === 'higher_is_better' ? 'higher is better' : 'lower is better';
  return [
    `${score.label} (${better})`,
    hidden ? SUPPRESSED : String(score.pairs),
    hidden ? SUPPRESSED : meanChangeText(score),
    hidden ? SUPPRESSED : countOf(score.improved, score.pairs, suppress),
    score.improvedMeans,
  ].map((text, index) => ({ text, header: CHANGE_HEADINGS[index]!, ...(index === 1 ? { format: 'numeric' as const } : {}) }));
}

export function presentOutcomes(outcomes: MeasureOutcome[], suppress: boolean) {
  return outcomes.map((outcome) => ({
    key: outcome.key,
    name: outcome.name,
    completionRows: [
      ['Baseline', countOf(outcome.completion.baselineCollected, outcome.completion.episodesStarted, suppress)],
      ['Baseline and discharge', countOf(outcome.completion.pairsCollected, outcome.completion.episodesClosed, suppress)],
    ].map((row) => row.map((text, index): Cell => ({ text, header: COMPLETION_HEADINGS[index]! }))),
    changeRows: outcome.scores.map((score) => scoreRow(score, suppress)),
  }));
}
