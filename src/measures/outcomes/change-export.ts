import { createHmac, hkdfSync } from 'node:crypto';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../../platform/db/caller-data.ts';
import type { MeasureCollector, MeasureMoment } from '../../platform/db/tables/measures.ts';
import { definitionsFor } from '../scoring/catalogue.ts';
import type { MeasureDefinition } from '../scoring/definition.ts';
import { GBO, GBO_GOAL_COUNT, goalItemId } from '../scoring/definitions/gbo.ts';
import { toCsv, type CsvCell } from './csv.ts';

/**
 * A tidy export of one measure: one row per answer set (or record that it was not collected),
 * one column per item and per score. Young people appear under a pseudonym that is the same in
 * every export from this installation, so rows can be linked across measures, but cannot be
 * turned back into a record without the installation's secret.
 */

export const EXPORT_ACTION = 'export';

interface AnswerSet {
  youngPersonId: string;
  episodeId: string | null;
  moment: MeasureMoment;
  completedOn: string;
  collectedBy: MeasureCollector;
  version: number;
  answers: Record<string, number>;
  scores: Record<string, number>;
  notCollectedReason: string | null;
}

export function pseudonymiser(secret: string): (youngPersonId: string) => string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'linkway', 'measure-export-pseudonym', 32));
  return (youngPersonId) => createHmac('sha256', key).update(youngPersonId).digest('hex').slice(0, 16);
}

async function measureAnswerSets(tx: CallerTransaction, key: string): Promise<AnswerSet[]> {
  const rows = await tx.readPersonal({ action: EXPORT_ACTION, recordType: 'measure_responses', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('measure_responses')
      .select(['id', 'young_person_id', 'episode_id', 'moment', 'completed_on', 'collected_by', 'measure_version', 'answers', 'scores', 'not_collected_reason'])
      .where('measure_key', '=', key)
      .orderBy('young_person_id')
      .orderBy('completed_on')
      .orderBy('created_at')
      .execute(),
  );
  return rows.map((row) => ({
    youngPersonId: row.young_person_id,
    episodeId: row.episode_id,
    moment: row.moment,
    completedOn: row.completed_on,
    collectedBy: row.collected_by,
    version: row.measure_version,
    answers: row.answers,
    scores: row.scores,
    notCollectedReason: row.not_collected_reason,
  }));
}

/**
 * Goal-Based Outcomes are the plans' goal ratings: the ratings one young person gave on one day
 * make one answer set, each under the position of its goal; their first day is the baseline.
 */
async function goalAnswerSets(tx: CallerTransaction): Promise<AnswerSet[]> {
  const rows = await tx.readPersonal({ action: EXPORT_ACTION, recordType: 'goal_ratings', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('goal_ratings')
      .innerJoin('goals', 'goals.id', 'goal_ratings.goal_id')
      .innerJoin('plans', 'plans.id', 'goals.plan_id')
      .select(['goal_ratings.id', 'goal_ratings.young_person_id', 'plans.episode_id', 'goals.position', 'goal_ratings.rating', 'goal_ratings.rated_on', 'goal_ratings.rated_by'])
      .orderBy('goal_ratings.young_person_id')
      .orderBy('goal_ratings.rated_on')
      .orderBy('goal_ratings.created_at')
      .execute(),
  );
  const sets = new Map<string, AnswerSet>();
  const seenEpisodes = new Set<string>();
  for (const row of rows) {
    const setKey = `${row.young_person_id}|${row.episode_id}|${row.rated_on}`;
    let set = sets.get(setKey);
    if (!set) {
      const first = !seenEpisodes.has(row.episode_id);
      seenEpisodes.add(row.episode_id);
      set = {
        youngPersonId: row.young_person_id,
        episodeId: row.episode_id,
        moment: first ? 'baseline' : 'review',
        completedOn: row.rated_on,
        collectedBy: 'with_link_worker',
        version: GBO.version,
        answers: {},
        scores: {},
        notCollectedReason: null,
      };
      sets.set(setKey, set);
    }
    set.scores[goalItemId(row.position)] = row.rating;
    if (row.rated_by === 'young_person') set.collectedBy = 'young_person_link';
  }
  return [...sets.values()];
}

/** Item and score columns: every version's, in the order the latest version lists them. */
function columnsOf(definitions: MeasureDefinition[]): { items: string[]; scores: string[] } {
  const newestFirst = [...definitions].sort((a, b) => b.version - a.version);
  const unique = (ids: string[]) => [...new Set(ids)];
  return {
    items: unique(newestFirst.flatMap((definition) => definition.items.map((item) => item.id))),
    scores: unique(newestFirst.flatMap((definition) => definition.scores.map((score) => score.id))),
  };
}

export async function measureCsv(tx: CallerTransaction, key: string, pseudonymOf: (youngPersonId: string) => string): Promise<string> {
  const isGoals = key === GBO.key;
  const sets = isGoals ? [...(await goalAnswerSets(tx)), ...(await measureAnswerSets(tx, key))] : await measureAnswerSets(tx, key);
  sets.sort((a, b) => a.youngPersonId.localeCompare(b.youngPersonId) || a.completedOn.localeCompare(b.completedOn));
  const definitions = await definitionsFor(tx, [...new Set(sets.map((set) => set.version))].map((version) => ({ key, version })));
  const { items, scores } = isGoals
    ? { items: [], scores: Array.from({ length: GBO_GOAL_COUNT }, (_, index) => goalItemId(index + 1)) }
    : columnsOf([...definitions.values()]);

  const header = ['person', 'episode_id', 'moment', 'completed_on', 'collected_by', 'version', ...items.map((id) => `item_${id}`), ...scores.map((id) => `score_${id}`), 'not_collected_reason'];
  const rows: CsvCell[][] = sets.map((set) => [
    pseudonymOf(set.youngPersonId),
    set.episodeId,
    set.moment,
    set.completedOn,
    set.collectedBy,
    set.version,
    ...items.map((id) => set.answers[id]),
    ...scores.map((id) => set.scores[id]),
    set.notCollectedReason,
  ]);
  return toCsv(header, rows);
}
