import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { CONTACT_METHODS, CONTACT_OUTCOMES } from '../domain/codes.ts';
import { recordId } from '../young-people/index.ts';
import { displayName } from '../young-people/index.ts';
import { contactCase, logContactAttempt } from './log-attempt.ts';
import { contactAttemptsOf, contactSettings } from './queries.ts';
import { NOTICE_KEYS, presentNextAttempt } from './presenters.ts';
import { contactAttemptForm, NOTE_MAX_LENGTH } from './schemas.ts';
import { ukCalendarDate } from '../domain/working-days.ts';

const STAFF_WHO_MAKE_CONTACT = ['admin', 'manager', 'link_worker'] as const;
const FORM_PAGE = 'contact/views/attempt-form.njk';

function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => ({ value, text }));

/** What the form shows about the case: whose it is and which attempt this will be. */
async function formContext(tx: CallerTransaction, youngPersonId: string) {
  const found = await contactCase(tx, youngPersonId, 'view');
  if (found.kind !== 'making_contact') return found;
  const [attempts, settings] = [await contactAttemptsOf(tx, found.referral.id, 'view'), await contactSettings(tx)];
  const next = presentNextAttempt(found.referral, attempts, settings.policy, ukCalendarDate(new Date()));
  return {
    kind: 'making_contact' as const,
    page: {
      pageTitle: 'Log a contact attempt',
      backHref: `/young-people/${youngPersonId}`,
      action: `/young-people/${youngPersonId}/contact-attempts`,
      name: displayName(found.person),
      next,
      attemptsAllowed: settings.policy.attempts,
      methods: choices(CONTACT_METHODS),
      outcomes: choices(CONTACT_OUTCOMES),
      noteMaxLength: NOTE_MAX_LENGTH,
    },
  };
}

async function showForm(request: FastifyRequest, reply: FastifyReply, youngPersonId: string, values: Record<string, unknown>, errors?: FormErrors) {
  const context = await request.data.run((tx) => formContext(tx, youngPersonId));
  if (context.kind === 'not_found') throw new NotFoundError();
  // Contact was made or the case closed since the link was shown: the record says what happened.
  if (context.kind === 'not_making_contact') return reply.redirect(`/young-people/${youngPersonId}`, 303);
  return reply.status(errors ? 400 : 200).render(FORM_PAGE, { ...context.page, values, errors });
}

export function contactRoutes(app: FastifyInstance, context: AppContext): void {
  const options = { config: { roles: STAFF_WHO_MAKE_CONTACT } };

  app.get('/young-people/:id/contact-attempts/new', options, async (request, reply) => showForm(request, reply, youngPersonIdFrom(request), {}));

  app.post('/young-people/:id/contact-attempts', options, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const form = parseForm(contactAttemptForm, request.body);
    if (!form.ok) return showForm(request, reply, youngPersonId, typedValues(request.body), form.errors);
    const outcome = await request.data.run((tx) => logContactAttempt(tx, context.messenger, youngPersonId, form.data));
    if (outcome.kind === 'not_found') throw new NotFoundError();
    if (outcome.kind === 'not_making_contact') return reply.redirect(`/young-people/${youngPersonId}`, 303);
    return reply.redirect(`/young-people/${youngPersonId}?notice=${NOTICE_KEYS[outcome.result]}`, 303);
  });
}
