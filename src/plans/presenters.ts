import type { ActionOwner } from '../platform/db/tables/casework.ts';
import { formatUkDate } from '../platform/views/render.ts';
import { HIGHEST_RATING, type RatedGoal } from './goal-ratings.ts';
import type { PlanAction } from './queries.ts';
import { goalMovement, isOverdue } from './progress.ts';
import { ACTION_OWNERS, GOAL_STATUSES } from './schemas.ts';

export const NOTICES: Record<string, string> = {
  'goal-added': 'Goal added.',
  'goal-changed': 'Goal updated.',
  'goals-rated': 'Ratings saved.',
  'outcomes-saved': 'Personal outcomes saved.',
  'action-added': 'Action added.',
  'action-done': 'Action marked as done.',
  'agreement-saved': 'Their agreement is recorded.',
};

export const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => ({ value, text }));

const ratingText = (rating: { rating: number; ratedOn: string } | undefined) =>
  rating ? `${rating.rating} out of ${HIGHEST_RATING} on ${formatUkDate(rating.ratedOn)}` : undefined;

export function presentGoal(goal: RatedGoal, youngPersonId: string) {
  const latest = goal.ratings.at(-1);
  return {
    id: goal.id,
    wording: goal.wording,
    active: goal.status === 'active',
    statusText: GOAL_STATUSES[goal.status],
    movement: goalMovement(goal.ratings),
    latestRating: latest?.rating,
    firstText: ratingText(goal.ratings[0]),
    latestText: ratingText(latest),
    changeHref: `/young-people/${youngPersonId}/plan/goals/${goal.id}`,
  };
}

/** Goals being worked on first, then achieved or stopped ones, each group in position order. */
export function presentGoals(goals: readonly RatedGoal[], youngPersonId: string) {
  const shown = goals.map((goal) => presentGoal(goal, youngPersonId));
  return { active: shown.filter((goal) => goal.active), finished: shown.filter((goal) => !goal.active) };
}

function ownerText(owner: ActionOwner, ownerNote: string | null): string {
  return owner === 'someone_else' && ownerNote ? `Someone else: ${ownerNote}` : ACTION_OWNERS[owner];
}

/** Who does an action, in the words the printed plan uses to speak to the young person. */
function ownerTextForYoungPerson(owner: ActionOwner, ownerNote: string | null, workerName: string | null): string {
  if (owner === 'young_person') return 'You';
  if (owner === 'link_worker') return workerName ? `${workerName}, your link worker` : 'Your link worker';
  if (owner === 'parent_carer') return 'Your parent or carer';
  return ownerNote ?? 'Someone else';
}

export function presentActions(actions: readonly PlanAction[], goals: readonly RatedGoal[], today: string, workerName: string | null) {
  const goalWording = new Map(goals.map((goal) => [goal.id, goal.wording]));
  return actions.map((action) => ({
    id: action.id,
    description: action.description,
    who: ownerText(action.owner, action.owner_note),
    whoForYoungPerson: ownerTextForYoungPerson(action.owner, action.owner_note, workerName),
    dueOn: action.due_on,
    doneOn: action.done_on,
    overdue: isOverdue(action, today),
    goal: action.goal_id ? goalWording.get(action.goal_id) : undefined,
  }));
}
