import { sql } from 'kysely';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { measuresForScheme } from '../scoring/catalogue.ts';
import type { MeasureDefinition } from '../scoring/definition.ts';
import { GBO, GBO_RELIABLE_CHANGE } from '../scoring/definitions/gbo.ts';
import type { OutcomeFilters } from './change-filters.ts';
import { meanChangeWithInterval, type MeanChange } from './stats.ts';

/**
 * The scheme's outcomes for each measure it uses: how often it was collected, and how scores
 * changed from baseline to discharge. Two queries per measure, whatever the number of young
 * people: database functions (migrations/0022_measure_outcomes.sql) do the counting and return
 * numbers only, so commissioners can see them and no personal row reaches the app.
 */

export interface Completion {
  episodesStarted: number;
  baselineCollected: number;
  episodesClosed: number;
  pairsCollected: number;
}

export interface ScoreOutcome {
  id: string;
  label: string;
  pairs: number;
  meanChange?: MeanChange;
  improved: number;
  /** What counted as improved for this score. */
  improvedMeans: string;
  direction: 'higher_is_better' | 'lower_is_better';
}

export interface MeasureOutcome {
  key: string;
  name: string;
  completion: Completion;
  scores: ScoreOutcome[];
}

interface ScoreToCompare {
  id: string;
  label: string;
  direction: 'higher_is_better' | 'lower_is_better';
  reliableChange?: number;
}

/** GBO is compared goal by goal: each goal's first rating against its latest. */
function scoresToCompare(definition: MeasureDefinition): ScoreToCompare[] {
  if (definition.key === GBO.key) {
    return [{ id: 'goal', label: 'Each goal, first rating to latest', direction: 'higher_is_better', reliableChange: GBO_RELIABLE_CHANGE }];
  }
  return definition.scores.map((rule) => ({
    id: rule.id,
    label: rule.label,
    direction: rule.direction,
    ...(rule.reliableChange === undefined ? {} : { reliableChange: rule.reliableChange }),
  }));
}

function improvedMeans(score: ScoreToCompare): string {
  return score.reliableChange === undefined
    ? 'Any improvement'
    : `Reliable improvement (${score.reliableChange} points or more)`;
}

async function completionOf(tx: CallerTransaction, key: string, filters: OutcomeFilters): Promise<Completion> {
  const { rows } = await sql<Record<'episodes_started' | 'baseline_collected' | 'episodes_closed' | 'pairs_collected', string>>`
    select * from measure_outcome_completion(${key}, ${filters.from}::date, ${filters.to}::date, ${filters.workerId}::uuid, ${filters.route})`.execute(tx.db);
  const row = rows[0]!;
  // Counts arrive as bigint strings from PostgreSQL.
  return {
    episodesStarted: Number(row.episodes_started),
    baselineCollected: Number(row.baseline_collected),
    episodesClosed: Number(row.episodes_closed),
    pairsCollected: Number(row.pairs_collected),
  };
}

async function changesOf(tx: CallerTransaction, key: string, scores: ScoreToCompare[], filters: OutcomeFilters): Promise<ScoreOutcome[]> {
  const rules = Object.fromEntries(
    scores.map((score) => [score.id, { sign: score.direction === 'higher_is_better' ? 1 : -1, threshold: score.reliableChange ?? null }]),
  );
  const { rows } = await sql<{ score_id: string; pairs: string; mean_change: number; sd_change: number | null; improved: string }>`
    select * from measure_outcome_changes(${key}, ${filters.from}::date, ${filters.to}::date, ${filters.workerId}::uuid, ${filters.route},
                                          ${JSON.stringify(rules)}::jsonb)`.execute(tx.db);
  const byScore = new Map(rows.map((row) => [row.score_id, row]));
  return scores.map((score) => {
    const row = byScore.get(score.id);
    const pairs = row ? Number(row.pairs) : 0;
    return {
      id: score.id,
      label: score.label,
      pairs,
      ...(row ? { meanChange: meanChangeWithInterval({ pairs, mean: Number(row.mean_change), standardDeviation: row.sd_change === null ? null : Number(row.sd_change) }) } : {}),
      improved: row ? Number(row.improved) : 0,
      improvedMeans: improvedMeans(score),
      direction: score.direction,
    };
  });
}

/** Each measure the scheme uses, in the order its settings list them. */
export async function schemeOutcomes(tx: CallerTransaction, filters: OutcomeFilters): Promise<MeasureOutcome[]> {
  const measures = (await measuresForScheme(tx)).filter((entry) => entry.enabled);
  const outcomes: MeasureOutcome[] = [];
  for (const { definition } of measures) {
    outcomes.push({
      key: definition.key,
      name: definition.name,
      completion: await completionOf(tx, definition.key, filters),
      scores: await changesOf(tx, definition.key, scoresToCompare(definition), filters),
    });
  }
  return outcomes;
}
