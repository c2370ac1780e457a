import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { dateParts, withDateParts } from '../platform/http/date-field.ts';
import { recordId } from '../young-people/index.ts';
import { displayName } from '../young-people/index.ts';
import { findYoungPerson } from '../young-people/index.ts';
import { recordHeader } from '../young-people/index.ts';
import { currentEpisode, episodesOf } from '../domain/episodes.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { consentOfLatestEpisode, consentsOf, recordConsent, withdrawConsent } from './queries.ts';
import { asList, consentFormValues, consentRows } from './presenters.ts';
import { AGE_OF_OWN_CONSENT, CONSENT_GIVERS, consentForm, NAME_MAX_LENGTH, SHARE_PARTIES, TEXT_MAX_LENGTH, withdrawalForm } from './schemas.ts';

/** Link workers record consent for the young people allocated to them; row-level security sees to the rest. */
const STAFF_WHO_RECORD_CONSENT = ['admin', 'manager', 'link_worker'] as const;
const NOTICES: Record<string, string> = { recorded: 'Consent recorded.', withdrawn: 'Withdrawal of consent recorded.' };

function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => ({ value, text }));
const consentPage = (youngPersonId: string) => `/young-people/${youngPersonId}/consent`;

/** The consent page: the record in force for the latest episode, and every earlier one. */
async function consentOverview(tx: CallerTransaction, request: FastifyRequest, youngPersonId: string) {
  const header = await recordHeader(tx, request, youngPersonId, '/consent');
  if (!header) return undefined;
  const records = await consentsOf(tx, youngPersonId, 'view');
  const latestEpisodeId = header.episode?.id ?? (await episodesOf(tx, youngPersonId))[0]?.id;
  const current = records.find((record) => record.episode_id === latestEpisodeId);
  return { header, current, earlier: records.filter((record) => record !== current) };
}

/** The young person and their open episode, for the forms; undefined when the caller may not see them. */
async function formSubject(tx: CallerTransaction, youngPersonId: string, action: string) {
  const person = await findYoungPerson(tx, youngPersonId, action);
  if (!person) return undefined;
  return { person, episode: await currentEpisode(tx, youngPersonId, action) };
}

export function consentRoutes(app: FastifyInstance): void {
  const options = { config: { roles: STAFF_WHO_RECORD_CONSENT } };

  app.get('/young-people/:id/consent', options, async (request, reply) => {
    const id = youngPersonIdFrom(request);
    const found = await request.data.run((tx) => consentOverview(tx, request, id));
    if (!found) throw new NotFoundError();
    const { header, current, earlier } = found;
    const notice = NOTICES[(request.query as { notice?: string }).notice ?? ''];
    return reply.render('consent/views/consent.njk', {
      pageTitle: `Consent and sharing: ${header.name}`,
      ...header,
      notice,
      current: current && { ...current, rows: consentRows(current) },
      earlier: earlier.map((record) => ({ ...record, rows: consentRows(record) })),
    });
  });

  const formPage = 'consent/views/consent-form.njk';

  async function showConsentForm(request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, unknown>, errors?: FormErrors) {
    const found = await request.data.run(async (tx) => {
      const subject = await formSubject(tx, id, 'view');
      // Only a new form starts from the consent in force; a form sent back keeps what was typed.
      return subject && { ...subject, current: values ? undefined : await consentOfLatestEpisode(tx, id, 'view') };
    });
    if (!found) throw new NotFoundError();
    if (!found.episode) return reply.redirect(consentPage(id), 303);
    const shown = values ?? consentFormValues(found.current);
    return reply.status(errors ? 400 : 200).render(formPage, {
      pageTitle: 'Record consent',
      backHref: consentPage(id),
      action: consentPage(id),
      name: displayName(found.person),
      values: { ...shown, share: asList(shown.share) },
      errors,
      shareItems: choices(SHARE_PARTIES),
      giverItems: choices(CONSENT_GIVERS),
      ageOfOwnConsent: AGE_OF_OWN_CONSENT,
      textMaxLength: TEXT_MAX_LENGTH,
      nameMaxLength: NAME_MAX_LENGTH,
    });
  }

  app.get('/young-people/:id/consent/new', options, async (request, reply) => showConsentForm(request, reply, youngPersonIdFrom(request)));

  app.post('/young-people/:id/consent', options, async (request, reply) => {
    const id = youngPersonIdFrom(request);
    const input = withDateParts(request.body, 'givenOn');
    const saved = await request.data.run(async (tx) => {
      const subject = await formSubject(tx, id, 'record_consent');
      if (!subject?.episode) return { kind: subject ? 'no_episode' : 'not_found' } as const;
      const form = parseForm(consentForm(subject.person.date_of_birth, ukCalendarDate(new Date())), input);
      if (!form.ok) return { kind: 'invalid', errors: form.errors } as const;
      await recordConsent(tx, id, subject.episode.id, form.data);
      return { kind: 'recorded' } as const;
    });
    if (saved.kind === 'not_found') throw new NotFoundError();
    if (saved.kind === 'invalid') return showConsentForm(request, reply, id, typedValues(input), saved.errors);
    return reply.redirect(saved.kind === 'recorded' ? `${consentPage(id)}?notice=recorded` : consentPage(id), 303);
  });

  const withdrawPage = 'consent/views/withdraw.njk';

  async function showWithdrawForm(request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, unknown>, errors?: FormErrors) {
    const found = await request.data.run(async (tx) => {
      const person = await findYoungPerson(tx, id, 'view');
      return person && { person, current: await consentOfLatestEpisode(tx, id, 'view') };
    });
    if (!found) throw new NotFoundError();
    if (!found.current || found.current.withdrawn_on) return reply.redirect(consentPage(id), 303);
    return reply.status(errors ? 400 : 200).render(withdrawPage, {
      pageTitle: 'Record that consent was withdrawn',
      backHref: consentPage(id),
      action: `${consentPage(id)}/withdraw`,
      name: displayName(found.person),
      values: values ?? { withdrawnOn: dateParts(null) },
      errors,
      textMaxLength: TEXT_MAX_LENGTH,
    });
  }

  app.get('/young-people/:id/consent/withdraw', options, async (request, reply) => showWithdrawForm(request, reply, youngPersonIdFrom(request)));

  app.post('/young-people/:id/consent/withdraw', options, async (request, reply) => {
    const id = youngPersonIdFrom(request);
    const input = withDateParts(request.body, 'withdrawnOn');
    const form = parseForm(withdrawalForm(ukCalendarDate(new Date())), input);
    if (!form.ok) return showWithdrawForm(request, reply, id, typedValues(input), form.errors);
    const outcome = await request.data.run(async (tx) => {
      const current = await consentOfLatestEpisode(tx, id, 'withdraw_consent');
      if (!current) return (await findYoungPerson(tx, id, 'view')) ? 'nothing_to_withdraw' : 'not_found';
      return (await withdrawConsent(tx, current.id, form.data)) ? 'withdrawn' : 'nothing_to_withdraw';
    });
    if (outcome === 'not_found') throw new NotFoundError();
    return reply.redirect(outcome === 'withdrawn' ? `${consentPage(id)}?notice=withdrawn` : consentPage(id), 303);
  });
}
