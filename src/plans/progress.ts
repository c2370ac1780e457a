import type { GoalStatus } from '../platform/db/tables/casework.ts';

/** Pure rules for showing progress on a plan: how far each goal has moved, which actions are late. */

export const MAX_ACTIVE_GOALS = 3;
const POSITIONS = Array.from({ length: MAX_ACTIVE_GOALS }, (_, index) => index + 1);

export interface Movement {
  first: number;
  latest: number;
  /** Latest minus first: positive is progress towards the goal. */
  change: number;
  summary: string;
}

/** Goal-Based Outcomes measure movement from the first rating to the latest. Undefined before any rating. */
export function goalMovement(ratings: readonly { rating: number }[]): Movement | undefined {
  const first = ratings[0]?.rating;
  const latest = ratings.at(-1)?.rating;
  if (first === undefined || latest === undefined) return undefined;
  const change = latest - first;
  const points = (count: number) => `${count} ${count === 1 ? 'point' : 'points'}`;
  const summary =
    ratings.length === 1 ? 'Rated once so far' : change > 0 ? `Up ${points(change)}` : change < 0 ? `Down ${points(-change)}` : 'No change';
  return { first, latest, change, summary };
}

/** An action not yet done whose due date has passed. `today` is the UK calendar date, 'YYYY-MM-DD'. */
export function isOverdue(action: { due_on: string | null; done_on: string | null }, today: string): boolean {
  return action.done_on === null && action.due_on !== null && action.due_on < today;
}

/**
 * The position a goal being worked on takes: the one it already has if that is free, otherwise
 * the lowest free one. Undefined when three other goals are already being worked on.
 */
export function freePosition(goals: readonly { id: string; position: number; status: GoalStatus }[], goal?: { id: string; position: number }): number | undefined {
  const taken = new Set(goals.filter((other) => other.status === 'active' && other.id !== goal?.id).map((other) => other.position));
  if (goal && !taken.has(goal.position)) return goal.position;
  return POSITIONS.find((position) => !taken.has(position));
}
