import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { withDateParts } from '../platform/http/date-field.ts';
import { recordHeader, type RecordHeader } from '../young-people/index.ts';
import { findYoungPerson } from '../young-people/index.ts';
import { planParams } from './schemas.ts';
import { openPlanOf, startedPlanOf, type Plan } from './queries.ts';

export const STAFF_WHO_PLAN = ['admin', 'manager', 'link_worker'] as const;
export const PLAN_PATH = '/plan';

export const planHref = (youngPersonId: string, notice?: string) => `/young-people/${youngPersonId}${PLAN_PATH}${notice ? `?notice=${notice}` : ''}`;

export function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = planParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** The record's header and the open plan (if started). 404 when the caller may not see the record. */
export async function planCase(tx: CallerTransaction, request: FastifyRequest, youngPersonId: string, action = 'view') {
  const header = await recordHeader(tx, request, youngPersonId, PLAN_PATH, action);
  if (!header) throw new NotFoundError();
  const plan = header.episode ? await openPlanOf(tx, youngPersonId, action) : undefined;
  return { header, plan };
}

export interface PlanFormPage<Schema extends z.ZodType> {
  /** Under /young-people/:id, e.g. '/plan/outcomes'. */
  path: string;
  template: string;
  title: string;
  schema: Schema;
  dateFields?: string[];
  /** The form filled with what is stored. */
  storedValues?: (plan: Plan | undefined) => Record<string, unknown>;
  /** More for the template to show, such as the goals to choose from. */
  extra?: (tx: CallerTransaction, plan: Plan | undefined) => Promise<Record<string, unknown>>;
  /** Saves the answers; returns field messages when the plan as it stands rules them out. */
  save: (tx: CallerTransaction, plan: Plan, data: z.output<Schema>) => Promise<Record<string, string> | undefined>;
  notice: string;
}

interface FormRender {
  header: RecordHeader;
  values: Record<string, unknown>;
  errors?: FormErrors;
  extra: Record<string, unknown>;
}

function renderForm(reply: FastifyReply, page: { template: string; title: string; path: string }, youngPersonId: string, form: FormRender) {
  return reply.status(form.errors ? 400 : 200).render(page.template, {
    pageTitle: page.title,
    title: page.title,
    backHref: planHref(youngPersonId),
    action: `/young-people/${youngPersonId}${page.path}`,
    name: form.header.name,
    values: form.values,
    errors: form.errors,
    ...form.extra,
  });
}

/**
 * One short form of the plan on its own page: shown filled with what is stored, re-shown with what
 * was typed when something needs fixing, and back to the plan once saved. Without an open episode
 * there is no plan to change, so the plan page explains.
 */
export function registerPlanForm<Schema extends z.ZodType>(app: FastifyInstance, page: PlanFormPage<Schema>): void {
  const options = { config: { roles: STAFF_WHO_PLAN } };
  const route = `/young-people/:id${page.path}`;

  async function show(request: FastifyRequest, reply: FastifyReply, typed?: Record<string, unknown>, errors?: FormErrors) {
    const youngPersonId = youngPersonIdFrom(request);
    const found = await request.data.run(async (tx) => {
      const { header, plan } = await planCase(tx, request, youngPersonId);
      return { header, plan, extra: page.extra ? await page.extra(tx, plan) : {} };
    });
    if (!found.header.episode) return reply.redirect(planHref(youngPersonId), 303);
    const values = typed ?? page.storedValues?.(found.plan) ?? {};
    return renderForm(reply, page, youngPersonId, { header: found.header, values, errors, extra: found.extra });
  }

  app.get(route, options, (request, reply) => show(request, reply));

  app.post(route, options, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const input = page.dateFields ? withDateParts(request.body, ...page.dateFields) : typedValues(request.body);
    const form = parseForm(page.schema, input);
    if (!form.ok) return show(request, reply, typedValues(input), form.errors);
    const outcome = await request.data.run(async (tx) => {
      if (!(await findYoungPerson(tx, youngPersonId, 'view'))) throw new NotFoundError();
      const plan = await startedPlanOf(tx, youngPersonId);
      if (!plan) return { kind: 'no_episode' as const };
      const problems = await page.save(tx, plan, form.data);
      return problems ? { kind: 'refused' as const, problems } : { kind: 'saved' as const };
    });
    if (outcome.kind === 'refused') return show(request, reply, typedValues(input), formErrors(outcome.problems));
    return reply.redirect(planHref(youngPersonId, outcome.kind === 'saved' ? page.notice : undefined), 303);
  });
}
