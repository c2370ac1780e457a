import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { GoalRater, GoalStatus } from '../platform/db/tables/casework.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { openPlanOf } from './queries.ts';

/**
 * Goal-Based Outcomes: each goal, in the young person's words, is rated 0–10 over time ("How close
 * are you to reaching this goal?"); the outcome is the movement from the first rating to the latest.
 * The plan pages, the young person's own page and the caseload all read and write ratings here.
 */

export const LOWEST_RATING = 0;
export const HIGHEST_RATING = 10;

export interface GoalRatingInput {
  goalId: string;
  rating: number;
}

export interface RatedGoal {
  id: string;
  position: number;
  wording: string;
  status: GoalStatus;
  /** Oldest first: the first is the baseline, the last is where they are now. */
  ratings: { rating: number; ratedOn: string; ratedBy: GoalRater }[];
}

export function isValidRating(rating: number): boolean {
  return Number.isInteger(rating) && rating >= LOWEST_RATING && rating <= HIGHEST_RATING;
}

/**
 * Records a rating for each goal given. Every goal must belong to the young person's open plan,
 * or nothing is recorded and the caller gets a 404 (a goal from elsewhere looks like no goal).
 */
export async function recordGoalRatings(
  tx: CallerTransaction,
  youngPersonId: string,
  ratings: GoalRatingInput[],
  ratedBy: GoalRater,
  ratedOn: string,
): Promise<void> {
  if (ratings.length === 0) return;
  const invalid = ratings.find((entry) => !isValidRating(entry.rating));
  if (invalid) throw new RangeError(`A goal rating must be a whole number from ${LOWEST_RATING} to ${HIGHEST_RATING}, not ${invalid.rating}`);
  const goalIds = [...new Set(ratings.map((entry) => entry.goalId))];
  const plan = await openPlanOf(tx, youngPersonId, 'view');
  if (!plan) throw new NotFoundError('plan');
  const found = await tx.readPersonal({ action: 'view', recordType: 'goals', identify: belongsToYoungPerson }, (db) =>
    db.selectFrom('goals').select(['id', 'young_person_id']).where('plan_id', '=', plan.id).where('id', 'in', goalIds).execute(),
  );
  if (found.length !== goalIds.length) throw new NotFoundError('goal');
  await tx.changePersonal((db) =>
    db
      .insertInto('goal_ratings')
      .values(
        ratings.map((entry) => ({
          org_id: tx.caller.orgId,
          young_person_id: youngPersonId,
          goal_id: entry.goalId,
          rating: entry.rating,
          rated_on: ratedOn,
          rated_by: ratedBy,
          recorded_by: tx.caller.userId,
        })),
      )
      .execute(),
  );
}

/** The open plan's goals in position order, each with its ratings oldest first. Empty without an open plan. */
export async function goalsWithRatings(tx: CallerTransaction, youngPersonId: string, action: string): Promise<RatedGoal[]> {
  const plan = await openPlanOf(tx, youngPersonId, action);
  return plan ? goalsOfPlan(tx, plan.id, action) : [];
}

/** A plan's goals in position order, each with its ratings oldest first: two queries however many goals. */
export async function goalsOfPlan(tx: CallerTransaction, planId: string, action: string): Promise<RatedGoal[]> {
  const goals = await tx.readPersonal({ action, recordType: 'goals', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('goals')
      .select(['id', 'young_person_id', 'position', 'wording', 'status'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .orderBy('created_at')
      .execute(),
  );
  if (goals.length === 0) return [];
  const ratings = await tx.readPersonal({ action, recordType: 'goal_ratings', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('goal_ratings')
      .select(['id', 'young_person_id', 'goal_id', 'rating', 'rated_on', 'rated_by'])
      .where(
        'goal_id',
        'in',
        goals.map((goal) => goal.id),
      )
      .orderBy('rated_on')
      .orderBy('created_at')
      .execute(),
  );
  return goals.map((goal) => ({
    id: goal.id,
    position: goal.position,
    wording: goal.wording,
    status: goal.status,
    ratings: ratings.filter((row) => row.goal_id === goal.id).map((row) => ({ rating: row.rating, ratedOn: row.rated_on, ratedBy: row.rated_by })),
  }));
}
