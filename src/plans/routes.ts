import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { dateParts } from '../platform/http/date-field.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { assessmentOf } from '../what-matters/index.ts';
import { presentAssessment } from '../what-matters/index.ts';
import { goalsOfPlan } from './goal-ratings.ts';
import { actionsOf, addAction, addGoal, markActionDone, updatePlan } from './queries.ts';
import { freePosition, MAX_ACTIVE_GOALS } from './progress.ts';
import { choices, NOTICES, presentActions, presentGoals } from './presenters.ts';
import { ACTION_OWNERS, actionForm, actionParams, agreementForm, GOAL_MAX_LENGTH, newGoalForm, outcomesForm } from './schemas.ts';
import { planCase, planHref, registerPlanForm, STAFF_WHO_PLAN, youngPersonIdFrom } from './form-pages.ts';
import { goalRoutes } from './goal-routes.ts';

const orNull = (text: string) => (text === '' ? null : text);

/** Everything the plan page and the printed plan show, read in one transaction. */
async function planContents(request: FastifyRequest, youngPersonId: string) {
  return request.data.run(async (tx) => {
    const { header, plan } = await planCase(tx, request, youngPersonId);
    const goals = plan ? await goalsOfPlan(tx, plan.id, 'view') : [];
    const actions = plan ? await actionsOf(tx, plan.id, 'view') : [];
    const assessment = header.episode ? await assessmentOf(tx, header.episode.id, 'view') : undefined;
    const shownActions = presentActions(actions, goals, ukCalendarDate(new Date()), header.person.worker_name);
    return {
      header,
      plan,
      goals: presentGoals(goals, youngPersonId),
      actions: shownActions,
      overdueCount: shownActions.filter((action) => action.overdue).length,
      assessment: assessment ? presentAssessment(assessment) : undefined,
    };
  });
}

export function planRoutes(app: FastifyInstance, _context: AppContext): void {
  const options = { config: { roles: STAFF_WHO_PLAN } };

  app.get('/young-people/:id/plan', options, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const { header, ...contents } = await planContents(request, youngPersonId);
    const notice = (request.query as { notice?: string }).notice;
    return reply.render('plans/views/plan.njk', {
      pageTitle: `Plan and goals: ${header.name}`,
      ...header,
      ...contents,
      notice: notice ? NOTICES[notice] : undefined,
      canAddGoal: contents.goals.active.length < MAX_ACTIVE_GOALS,
      maxGoals: MAX_ACTIVE_GOALS,
      base: planHref(youngPersonId),
    });
  });

  app.get('/young-people/:id/plan/print', options, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const { header, ...contents } = await planContents(request, youngPersonId);
    if (!header.episode) return reply.redirect(planHref(youngPersonId), 303);
    return reply.render('plans/views/print.njk', {
      pageTitle: `My plan: ${header.name}`,
      backHref: planHref(youngPersonId),
      name: header.person.preferred_name ?? header.person.given_name,
      workerName: header.person.worker_name,
      ...contents,
      printedOn: ukCalendarDate(new Date()),
    });
  });

  app.post('/young-people/:id/plan/actions/:actionId/done', options, async (request, reply) => {
    const parsed = actionParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const { id: youngPersonId, actionId } = parsed.data;
    const done = await request.data.run(async (tx) => {
      const { plan } = await planCase(tx, request, youngPersonId);
      return plan ? markActionDone(tx, plan.id, actionId, ukCalendarDate(new Date())) : false;
    });
    return reply.redirect(planHref(youngPersonId, done ? 'action-done' : undefined), 303);
  });

  registerPlanForm(app, {
    path: '/plan/goals/new',
    template: 'plans/views/goal-form.njk',
    title: 'Add a goal',
    schema: newGoalForm,
    extra: async () => ({ goalMaxLength: GOAL_MAX_LENGTH }),
    async save(tx, plan, data) {
      const position = freePosition(await goalsOfPlan(tx, plan.id, 'view'));
      if (position === undefined) {
        return { wording: `They are already working on ${MAX_ACTIVE_GOALS} goals. Mark one as achieved or stopped before adding another` };
      }
      await addGoal(tx, plan, position, data.wording);
      return undefined;
    },
    notice: 'goal-added',
  });

  registerPlanForm(app, {
    path: '/plan/outcomes',
    template: 'plans/views/outcomes-form.njk',
    title: 'Personal outcomes',
    schema: outcomesForm,
    storedValues: (plan) => ({ personalOutcomes: plan?.personal_outcomes }),
    async save(tx, plan, data) {
      await updatePlan(tx, plan.id, { personal_outcomes: orNull(data.personalOutcomes) });
      return undefined;
    },
    notice: 'outcomes-saved',
  });

  registerPlanForm(app, {
    path: '/plan/actions/new',
    template: 'plans/views/action-form.njk',
    title: 'Add an agreed action',
    schema: actionForm,
    dateFields: ['dueOn'],
    extra: async (tx, plan) => ({
      owners: choices(ACTION_OWNERS),
      goals: plan ? presentGoals(await goalsOfPlan(tx, plan.id, 'view'), plan.young_person_id).active : [],
    }),
    async save(tx, plan, data) {
      const goals = await goalsOfPlan(tx, plan.id, 'view');
      if (data.goalId && !goals.some((goal) => goal.id === data.goalId && goal.status === 'active')) return { goalId: 'Select a goal from the list' };
      const ownerNote = data.owner === 'someone_else' ? data.ownerNote : null;
      await addAction(tx, plan, { description: data.description, owner: data.owner, ownerNote, dueOn: data.dueOn, goalId: data.goalId });
      return undefined;
    },
    notice: 'action-added',
  });

  registerPlanForm(app, {
    path: '/plan/agreement',
    template: 'plans/views/agreement-form.njk',
    title: 'Their agreement to the plan',
    schema: agreementForm,
    dateFields: ['agreedOn'],
    storedValues: (plan) =>
      plan && (plan.young_person_agreed || plan.agreement_note)
        ? { agreed: plan.young_person_agreed ? 'yes' : 'no', agreedOn: dateParts(plan.agreed_on), agreementNote: plan.agreement_note }
        : {},
    async save(tx, plan, data) {
      const agreed = data.agreed === 'yes';
      await updatePlan(tx, plan.id, { young_person_agreed: agreed, agreed_on: agreed ? data.agreedOn : null, agreement_note: orNull(data.agreementNote) });
      return undefined;
    },
    notice: 'agreement-saved',
  });

  goalRoutes(app);
}
