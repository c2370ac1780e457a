import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { dateParts, withDateParts } from '../platform/http/date-field.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { goalsOfPlan, HIGHEST_RATING, LOWEST_RATING, recordGoalRatings, type RatedGoal } from './goal-ratings.ts';
import { updateGoal } from './queries.ts';
import { freePosition, MAX_ACTIVE_GOALS } from './progress.ts';
import { choices } from './presenters.ts';
import { GOAL_MAX_LENGTH, GOAL_STATUSES, goalForm, goalParams, ratingsForm } from './schemas.ts';
import { planCase, planHref, STAFF_WHO_PLAN, youngPersonIdFrom } from './form-pages.ts';

const GOAL_PAGE = 'plans/views/goal-form.njk';
const RATINGS_PAGE = 'plans/views/ratings-form.njk';

function goalParamsFrom(request: FastifyRequest) {
  const parsed = goalParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** The record's header and the open plan's goals; 404 for a record the caller may not see. */
function goalsCase(request: FastifyRequest, youngPersonId: string) {
  return request.data.run(async (tx) => {
    const { header, plan } = await planCase(tx, request, youngPersonId);
    return { header, goals: plan ? await goalsOfPlan(tx, plan.id, 'view') : [] };
  });
}

async function showGoal(request: FastifyRequest, reply: FastifyReply, typed?: Record<string, unknown>, errors?: FormErrors) {
  const { id: youngPersonId, goalId } = goalParamsFrom(request);
  const { header, goals } = await goalsCase(request, youngPersonId);
  const goal = goals.find((candidate) => candidate.id === goalId);
  if (!goal) throw new NotFoundError();
  return reply.status(errors ? 400 : 200).render(GOAL_PAGE, {
    pageTitle: 'Change a goal',
    title: 'Change a goal',
    backHref: planHref(youngPersonId),
    action: `/young-people/${youngPersonId}/plan/goals/${goalId}`,
    name: header.name,
    values: typed ?? { wording: goal.wording, status: goal.status },
    errors,
    statuses: choices(GOAL_STATUSES),
    goalMaxLength: GOAL_MAX_LENGTH,
  });
}

function ratingHint(goal: RatedGoal): string {
  const latest = goal.ratings.at(-1);
  return latest ? `Last rated ${latest.rating} out of ${HIGHEST_RATING}` : 'Not rated yet';
}

async function showRatings(request: FastifyRequest, reply: FastifyReply, typed?: Record<string, unknown>, errors?: FormErrors) {
  const youngPersonId = youngPersonIdFrom(request);
  const { header, goals } = await goalsCase(request, youngPersonId);
  const active = goals.filter((goal) => goal.status === 'active');
  if (active.length === 0) return reply.redirect(planHref(youngPersonId), 303);
  return reply.status(errors ? 400 : 200).render(RATINGS_PAGE, {
    pageTitle: 'Rate the goals',
    title: 'Rate the goals',
    backHref: planHref(youngPersonId),
    action: `/young-people/${youngPersonId}/plan/ratings`,
    name: header.name,
    goals: active.map((goal, index) => ({ field: `rating-${goal.id}`, number: index + 1, wording: goal.wording, hint: ratingHint(goal), lastRatedOn: goal.ratings.at(-1)?.ratedOn })),
    values: typed ?? { ratedOn: dateParts(ukCalendarDate(new Date())) },
    errors,
    lowest: LOWEST_RATING,
    highest: HIGHEST_RATING,
  });
}

export function goalRoutes(app: FastifyInstance): void {
  const options = { config: { roles: STAFF_WHO_PLAN } };

  app.get('/young-people/:id/plan/goals/:goalId', options, (request, reply) => showGoal(request, reply));

  app.post('/young-people/:id/plan/goals/:goalId', options, async (request, reply) => {
    const { id: youngPersonId, goalId } = goalParamsFrom(request);
    const form = parseForm(goalForm, request.body);
    if (!form.ok) return showGoal(request, reply, typedValues(request.body), form.errors);
    const outcome = await request.data.run(async (tx) => {
      const { plan } = await planCase(tx, request, youngPersonId);
      const goals = plan ? await goalsOfPlan(tx, plan.id, 'view') : [];
      const goal = goals.find((candidate) => candidate.id === goalId);
      if (!goal) throw new NotFoundError();
      // A goal taken up again needs one of the three places; one achieved or stopped keeps its own.
      const position = form.data.status === 'active' ? freePosition(goals, goal) : goal.position;
      if (position === undefined) return 'full';
      await updateGoal(tx, goalId, { wording: form.data.wording, status: form.data.status, position });
      return 'saved';
    });
    if (outcome === 'full') {
      const errors = formErrors({ status: `They are already working on ${MAX_ACTIVE_GOALS} other goals. Mark one as achieved or stopped first` });
      return showGoal(request, reply, typedValues(request.body), errors);
    }
    return reply.redirect(planHref(youngPersonId, 'goal-changed'), 303);
  });

  app.get('/young-people/:id/plan/ratings', options, (request, reply) => showRatings(request, reply));

  app.post('/young-people/:id/plan/ratings', options, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const input = withDateParts(request.body, 'ratedOn');
    const outcome = await request.data.run(async (tx) => {
      const { plan } = await planCase(tx, request, youngPersonId);
      const active = plan ? (await goalsOfPlan(tx, plan.id, 'view')).filter((goal) => goal.status === 'active') : [];
      if (active.length === 0) return { kind: 'nothing_to_rate' as const };
      const form = parseForm(ratingsForm(active), input);
      if (!form.ok) return { kind: 'invalid' as const, errors: form.errors };
      await recordGoalRatings(tx, youngPersonId, form.data.ratings, 'with_link_worker', form.data.ratedOn);
      return { kind: 'saved' as const };
    });
    if (outcome.kind === 'invalid') return showRatings(request, reply, typedValues(input), outcome.errors);
    return reply.redirect(planHref(youngPersonId, outcome.kind === 'saved' ? 'goals-rated' : undefined), 303);
  });
}
