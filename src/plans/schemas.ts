import { z } from 'zod';
import { calendarDateField } from '../platform/http/date-field.ts';
import type { ActionOwner, GoalStatus } from '../platform/db/tables/casework.ts';
import { choice, codesOf, optionalCalendarDate, optionalText, requiredText } from './form-fields.ts';
import { HIGHEST_RATING, LOWEST_RATING } from './goal-ratings.ts';

export const GOAL_MAX_LENGTH = 200;
export const NOTE_MAX_LENGTH = 1000;
export const OUTCOMES_MAX_LENGTH = 2000;
export const ACTION_MAX_LENGTH = 300;

export const GOAL_STATUSES: Record<GoalStatus, string> = {
  active: 'Still working on it',
  achieved: 'Achieved',
  stopped: 'Stopped',
};

export const ACTION_OWNERS: Record<ActionOwner, string> = {
  young_person: 'The young person',
  link_worker: 'The link worker',
  parent_carer: 'Their parent or carer',
  someone_else: 'Someone else',
};

export const planParams = z.object({ id: z.uuid() });
export const goalParams = z.object({ id: z.uuid(), goalId: z.uuid() });
export const actionParams = z.object({ id: z.uuid(), actionId: z.uuid() });

/** A field's answer in a form still being checked, for rules that depend on another answer. */
const answered = (form: unknown, field: string) => (form && typeof form === 'object' ? (form as Record<string, unknown>)[field] : undefined);

const wording = requiredText(GOAL_MAX_LENGTH, 'Enter the goal in their own words', 'Goal');

export const newGoalForm = z.object({ wording });

export const goalForm = z.object({
  wording,
  status: choice(codesOf(GOAL_STATUSES), 'Select how the goal is going'),
});

/** One rating per goal being worked on; fields are named `rating-<goal id>`. */
export function ratingsForm(goals: readonly { id: string }[]) {
  const rating = (number: number) =>
    z.preprocess(
      (value) => (typeof value === 'string' ? value.trim() : ''),
      z
        .string()
        .min(1, `Enter a rating for goal ${number}, from ${LOWEST_RATING} to ${HIGHEST_RATING}`)
        .regex(/^\d{1,2}$/, `Rating for goal ${number} must be a whole number from ${LOWEST_RATING} to ${HIGHEST_RATING}`)
        .transform(Number)
        .refine((value) => value >= LOWEST_RATING && value <= HIGHEST_RATING, `Rating for goal ${number} must be a whole number from ${LOWEST_RATING} to ${HIGHEST_RATING}`),
    );
  return z.object({
    ...Object.fromEntries(goals.map((goal, index) => [`rating-${goal.id}`, rating(index + 1)])),
    ratedOn: calendarDateField({ label: 'the date of the rating' }),
  }).transform((data) => ({
    ratedOn: data.ratedOn as string,
    ratings: goals.map((goal) => ({ goalId: goal.id, rating: (data as Record<string, unknown>)[`rating-${goal.id}`] as number })),
  }));
}

export const outcomesForm = z.object({
  personalOutcomes: optionalText(OUTCOMES_MAX_LENGTH, 'Personal outcomes'),
});

export const actionForm = z
  .object({
    description: requiredText(ACTION_MAX_LENGTH, 'Enter what was agreed', 'What was agreed'),
    owner: choice(codesOf(ACTION_OWNERS), 'Select who will do it'),
    ownerNote: optionalText(200, 'Who will do it'),
    dueOn: optionalCalendarDate('due date'),
    goalId: z.preprocess((value) => (typeof value === 'string' && value !== '' ? value : null), z.uuid({ error: 'Select a goal from the list' }).nullable()),
  })
  .refine((data) => data.owner !== 'someone_else' || data.ownerNote !== '', {
    path: ['ownerNote'],
    message: 'Enter who will do it',
    // Checked even when another answer needs fixing, so every problem shows at once.
    when: (payload) => answered(payload.value, 'owner') === 'someone_else',
  });

export const agreementForm = z
  .object({
    agreed: choice(['yes', 'no'] as const, 'Select whether they agreed to the plan'),
    agreedOn: optionalCalendarDate('the date they agreed'),
    agreementNote: optionalText(NOTE_MAX_LENGTH, 'Note'),
  })
  .refine((data) => data.agreed !== 'yes' || data.agreedOn !== null, {
    path: ['agreedOn', 'day'],
    message: 'Enter the date they agreed',
    when: (payload) => answered(payload.value, 'agreed') === 'yes',
  });
