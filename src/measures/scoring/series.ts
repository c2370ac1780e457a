import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../../platform/db/caller-data.ts';
import type { MeasureCollector, MeasureMoment } from '../../platform/db/tables/measures.ts';
import { goalsOfPlan, type RatedGoal } from '../../plans/index.ts';
import { definitionsFor, versionKey } from './catalogue.ts';
import type { MeasureDefinition } from './definition.ts';
import { GBO, goalItem, goalItemId, goalScore } from './definitions/gbo.ts';

/** One answer set (or the record that it was not collected), oldest first in a series. */
export interface SeriesPoint {
  completedOn: string;
  moment: MeasureMoment;
  version: number;
  episodeId: string | null;
  scores: Record<string, number>;
  collectedBy: MeasureCollector;
  notCollectedReason: string | null;
}

export interface MeasureSeries {
  key: string;
  /** The latest version the young person answered: its score rules label the points. */
  definition: MeasureDefinition;
  points: SeriesPoint[];
}

/**
 * Each measure a young person has answered, over time, keyed by measure key. Scores are the ones
 * worked out when the answers were saved, under the version they were given under. Goal-Based
 * Outcomes come from the goal ratings of their latest plan: one score per goal.
 */
export async function measureSeries(tx: CallerTransaction, youngPersonId: string, action: string): Promise<Record<string, MeasureSeries>> {
  const rows = await tx.readPersonal({ action, recordType: 'measure_responses', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('measure_responses')
      .select(['id', 'young_person_id', 'episode_id', 'measure_key', 'measure_version', 'moment', 'completed_on', 'collected_by', 'not_collected_reason', 'scores'])
      .where('young_person_id', '=', youngPersonId)
      .orderBy('measure_key')
      .orderBy('completed_on')
      .orderBy('created_at')
      .execute(),
  );
  const definitions = await definitionsFor(
    tx,
    rows.map((row) => ({ key: row.measure_key, version: row.measure_version })),
  );

  const series: Record<string, MeasureSeries> = {};
  for (const row of rows) {
    const definition = definitions.get(versionKey(row.measure_key, row.measure_version));
    if (!definition) throw new Error(`Measure response ${row.id} was given under ${row.measure_key} version ${row.measure_version}, which is not defined`);
    const entry = (series[row.measure_key] ??= { key: row.measure_key, definition, points: [] });
    if (definition.version >= entry.definition.version) entry.definition = definition;
    entry.points.push({
      completedOn: row.completed_on,
      moment: row.moment,
      version: row.measure_version,
      episodeId: row.episode_id,
      scores: row.scores,
      collectedBy: row.collected_by,
      notCollectedReason: row.not_collected_reason,
    });
  }

  const goals = await goalsOfLatestPlan(tx, youngPersonId, action);
  const goalSeries = goalBasedSeries(goals.goals, goals.episodeId, series[GBO.key]?.points ?? []);
  if (goalSeries) series[GBO.key] = goalSeries;
  else delete series[GBO.key];
  return series;
}

async function goalsOfLatestPlan(tx: CallerTransaction, youngPersonId: string, action: string): Promise<{ goals: RatedGoal[]; episodeId: string | null }> {
  const plan = await tx.readOnePersonal({ action, recordType: 'plans', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('plans')
      .select(['id', 'young_person_id', 'episode_id'])
      .where('young_person_id', '=', youngPersonId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  return plan ? { goals: await goalsOfPlan(tx, plan.id, action), episodeId: plan.episode_id } : { goals: [], episodeId: null };
}

/**
 * A goal is scored as `goal_<position>`. When a goal was achieved or stopped and a new one took its
 * place, the newest keeps `goal_<position>` (the one answers by position rate) and the earlier ones
 * are `goal_<position>_<n>`, oldest first, so no two goals share a line.
 */
export function goalScoreIds(goals: RatedGoal[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const position of new Set(goals.map((goal) => goal.position))) {
    const atPosition = goals.filter((goal) => goal.position === position);
    atPosition.forEach((goal, index) => {
      const newest = index === atPosition.length - 1;
      ids.set(goal.id, newest ? goalItemId(position) : `${goalItemId(position)}_${index + 1}`);
    });
  }
  return ids;
}

/** Ratings given on the same day make one point; the first day is the baseline. */
function goalBasedSeries(goals: RatedGoal[], episodeId: string | null, notCollected: SeriesPoint[]): MeasureSeries | undefined {
  const ids = goalScoreIds(goals);
  const byDay = new Map<string, SeriesPoint>();
  const ratings = goals
    .flatMap((goal) => goal.ratings.map((rating, order) => ({ ...rating, order, scoreId: ids.get(goal.id)! })))
    .sort((a, b) => a.ratedOn.localeCompare(b.ratedOn) || a.order - b.order);
  for (const rating of ratings) {
    const point = byDay.get(rating.ratedOn) ?? {
      completedOn: rating.ratedOn,
      moment: byDay.size === 0 ? 'baseline' : 'review',
      version: GBO.version,
      episodeId,
      scores: {},
      collectedBy: 'with_link_worker',
      notCollectedReason: null,
    };
    point.scores[rating.scoreId] = rating.rating;
    // The young person rating on their own (their page or a link) counts as answered without the worker.
    point.collectedBy = rating.ratedBy === 'young_person' ? 'young_person_link' : 'with_link_worker';
    byDay.set(rating.ratedOn, point);
  }
  const points = [...byDay.values(), ...notCollected].sort((a, b) => a.completedOn.localeCompare(b.completedOn));
  if (points.length === 0) return undefined;
  const rated = goals.filter((goal) => goal.ratings.length > 0 || goal.status === 'active');
  return {
    key: GBO.key,
    definition: {
      ...GBO,
      items: rated.map((goal) => goalItem(ids.get(goal.id)!, goal.wording)),
      scores: rated.map((goal) => goalScore(ids.get(goal.id)!, goal.wording)),
    },
    points,
  };
}
