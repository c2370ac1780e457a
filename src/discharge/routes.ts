import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { recordId } from '../young-people/index.ts';
import { displayName } from '../young-people/index.ts';
import { recordHeader } from '../young-people/index.ts';
import { episodesOf } from '../domain/episodes.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { dischargeCase, dischargeYoungPerson, referrerOutcome } from './discharge.ts';
import { goalsToRate } from './queries.ts';
import {
  finalRatingDue,
  FINAL_RATING_WITHIN_DAYS,
  presentEpisode,
  reasonText,
  REASON_LABELS,
  REFERRER_OUTCOME_KEYS,
  REFERRER_OUTCOME_TEXT,
  referrerOutcomeFromKey,
} from './presenters.ts';
import { DISCHARGE_REASONS, dischargeForm, NOTE_MAX_LENGTH, OTHER_MAX_LENGTH, SUMMARY_MAX_LENGTH, type DischargeInput } from './schemas.ts';
import { measuresDueAtDischarge } from '../measures/index.ts';

const STAFF_WHO_DISCHARGE = ['admin', 'manager', 'link_worker'] as const;

function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const dischargePage = (youngPersonId: string) => `/young-people/${youngPersonId}/discharge`;

/** The discharge page: the form while support is open, with the goals still to rate, and the history of every episode. */
async function dischargeOverview(tx: CallerTransaction, request: FastifyRequest, youngPersonId: string) {
  const header = await recordHeader(tx, request, youngPersonId, '/discharge');
  if (!header) return undefined;
  const episodes = await episodesOf(tx, youngPersonId);
  const goals = header.episode ? await goalsToRate(tx, header.episode.id, 'view') : [];
  const measuresDue = header.episode ? await measuresDueAtDischarge(tx, header) : [];
  return { header, episodes, goals, measuresDue };
}

async function showDischargePage(request: FastifyRequest, reply: FastifyReply, id: string, form: { values?: Record<string, unknown>; errors?: FormErrors } = {}) {
  const found = await request.data.run((tx) => dischargeOverview(tx, request, id));
  if (!found) throw new NotFoundError();
  const { header, episodes, goals, measuresDue } = found;
  const query = request.query as { notice?: string; referrer?: string };
  const referrer = query.notice === 'discharged' ? referrerOutcomeFromKey(query.referrer) : undefined;
  const today = ukCalendarDate(new Date());
  const presentedGoals = goals.map((goal) => ({ ...goal, due: finalRatingDue(goal.last_rated_on, today) }));
  return reply.status(form.errors ? 400 : 200).render('discharge/views/discharge.njk', {
    pageTitle: `Discharge: ${header.name}`,
    ...header,
    values: form.values ?? {},
    errors: form.errors,
    discharged: query.notice === 'discharged' ? { referrerText: referrer && REFERRER_OUTCOME_TEXT[referrer].after } : undefined,
    reasons: DISCHARGE_REASONS.map((value) => ({ value, text: REASON_LABELS[value] })),
    goals: presentedGoals,
    measuresDue,
    goalsDue: presentedGoals.filter((goal) => goal.due).length,
    finalRatingWithinDays: FINAL_RATING_WITHIN_DAYS,
    earlierEpisodes: episodes.filter((episode) => episode.closed_on).map(presentEpisode),
    limits: { summary: SUMMARY_MAX_LENGTH, note: NOTE_MAX_LENGTH, other: OTHER_MAX_LENGTH },
  });
}

/** Check your answers: what will be saved and whether the referrer will be told, before anything changes. */
async function showCheckPage(request: FastifyRequest, reply: FastifyReply, id: string, input: DischargeInput) {
  const found = await request.data.run(async (tx) => {
    const subject = await dischargeCase(tx, id, 'view');
    return subject.kind === 'open' ? { ...subject, referrer: await referrerOutcome(tx, id, subject.referral) } : subject;
  });
  if (found.kind === 'not_found') throw new NotFoundError();
  if (found.kind === 'no_open_episode') return reply.redirect(dischargePage(id), 303);
  return reply.render('discharge/views/check.njk', {
    pageTitle: 'Check before ending support',
    backHref: dischargePage(id),
    name: displayName(found.person),
    action: dischargePage(id),
    values: input,
    answers: [
      { key: { text: 'Reason' }, value: { text: reasonText(input.reason, input.reasonOther) } },
      { key: { text: 'Closing summary' }, value: { text: input.closingSummary } },
      { key: { text: 'Why final measures were not collected' }, value: { text: input.finalMeasuresNote || 'Not given' } },
    ],
    referrerText: REFERRER_OUTCOME_TEXT[found.referrer].before,
  });
}

export function dischargeRoutes(app: FastifyInstance, context: AppContext): void {
  const options = { config: { roles: STAFF_WHO_DISCHARGE } };

  app.get('/young-people/:id/discharge', options, async (request, reply) => showDischargePage(request, reply, youngPersonIdFrom(request)));

  app.post('/young-people/:id/discharge', options, async (request, reply) => {
    const id = youngPersonIdFrom(request);
    const form = parseForm(dischargeForm, request.body);
    if (!form.ok) return showDischargePage(request, reply, id, { values: typedValues(request.body), errors: form.errors });
    return showCheckPage(request, reply, id, form.data);
  });

  // From check your answers back to the form, with everything as it was typed.
  app.post('/young-people/:id/discharge/change', options, async (request, reply) =>
    showDischargePage(request, reply, youngPersonIdFrom(request), { values: typedValues(request.body) }),
  );

  app.post('/young-people/:id/discharge/confirm', options, async (request, reply) => {
    const id = youngPersonIdFrom(request);
    const form = parseForm(dischargeForm, request.body);
    if (!form.ok) return showDischargePage(request, reply, id, { values: typedValues(request.body), errors: form.errors });
    const outcome = await request.data.run((tx) => dischargeYoungPerson(tx, context.messenger, id, form.data));
    if (outcome.kind === 'not_found') throw new NotFoundError();
    if (outcome.kind === 'no_open_episode') return reply.redirect(dischargePage(id), 303);
    return reply.redirect(`${dischargePage(id)}?notice=discharged&referrer=${REFERRER_OUTCOME_KEYS[outcome.referrer]}`, 303);
  });
}
