import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * The statistics the scheme's outcomes report: mean change with a 95% confidence interval from the
 * paired t-distribution, and shares. Pure, so each can be checked against a hand-worked example.
 */

/** What the database returns for one score: how many pairs, and the mean and sample standard deviation of their change. */
export interface ChangeSummary {
  pairs: number;
  mean: number;
  /** Sample standard deviation (n - 1); null with fewer than two pairs. */
  standardDeviation: number | null;
}

export interface MeanChange {
  pairs: number;
  mean: number;
  /** The 95% confidence interval; absent with fewer than two pairs, where it cannot be worked out. */
  interval?: { lower: number; upper: number };
}

/** The summary of a list of changes (latest minus baseline), as PostgreSQL's avg and stddev_samp give it. */
export function summariseChanges(changes: number[]): ChangeSummary | undefined {
  const pairs = changes.length;
  if (pairs === 0) return undefined;
  const mean = changes.reduce((sum, change) => sum + change, 0) / pairs;
  if (pairs < 2) return { pairs, mean, standardDeviation: null };
  const squares = changes.reduce((sum, change) => sum + (change - mean) ** 2, 0);
  return { pairs, mean, standardDeviation: Math.sqrt(squares / (pairs - 1)) };
}

/** Mean change with its 95% confidence interval: mean ± t(0.975, n − 1) × sd / √n. */
export function meanChangeWithInterval(summary: ChangeSummary, confidence = 0.95): MeanChange {
  const { pairs, mean, standardDeviation } = summary;
  if (pairs < 2 || standardDeviation === null) return { pairs, mean };
  const margin = tQuantile(1 - (1 - confidence) / 2, pairs - 1) * (standardDeviation / Math.sqrt(pairs));
  return { pairs, mean, interval: { lower: mean - margin, upper: mean + margin } };
}

/** A whole-number percentage, or undefined when there is nothing to divide by. */
export function percentage(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : Math.round((part / whole) * 100);
}

/** Counts smaller than this are not shown to commissioners, so no one can be recognised from them. */
export const SMALL_NUMBER = 5;

/** True when a count is too small to show to someone who may only see aggregates. */
export function isSmallNumber(count: number): boolean {
  return count > 0 && count < SMALL_NUMBER;
}
