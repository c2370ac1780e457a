import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { displayName } from '../young-people/index.ts';
import { acceptReferral, acknowledgeRed, AlreadyDecided, declineReferral, markForDiscussion, RedNotAcknowledged } from './decisions.ts';
import { ratingTag } from './presenters.ts';
import { activeRedirectServices, findReferral, OPEN_FOR_TRIAGE } from './queries.ts';
import { acceptForm, declineForm, idFrom, MANAGERS, NO_REDIRECT } from './schemas.ts';
import { renderReferral } from './referral-page.ts';
import { DECLINE_CATEGORIES } from '../domain/codes.ts';

const DECLINE_PAGE = 'triage/views/decline.njk';

const acknowledgeForm = z.object({ from: z.enum(['dashboard', 'referral']).catch('dashboard') });

function toReferral(reply: FastifyReply, id: string, notice: string) {
  return reply.redirect(`/referrals/${id}?notice=${notice}`, 303);
}

export function decisionRoutes(app: FastifyInstance, context: AppContext): void {
  /** Runs a decision; a race lost changes nothing. */
  async function decideThen(request: FastifyRequest, reply: FastifyReply, id: string, notice: string, work: Parameters<typeof request.data.run<void>>[0]) {
    try {
      await request.data.run(work);
    } catch (error) {
      if (error instanceof AlreadyDecided) return toReferral(reply, id, 'already-decided');
      throw error;
    }
    return toReferral(reply, id, notice);
  }

  app.post('/referrals/:id/accept', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    const form = parseForm(acceptForm, request.body);
    if (!form.ok) return renderReferral(request, reply.status(400), id, { errors: form.errors, values: typedValues(request.body) });
    try {
      return await decideThen(request, reply, id, 'accepted', (tx) => acceptReferral(tx, context.messenger, id, form.data.youngPerson));
    } catch (error) {
      if (!(error instanceof RedNotAcknowledged)) throw error;
      request.log.warn({ referralId: id }, 'Accepting a red referral before it was acknowledged was refused');
      const errors = formErrors({ 'acknowledge-red': 'Acknowledge the red rating before accepting this referral' });
      return renderReferral(request, reply.status(409), id, { errors, values: typedValues(request.body) });
    }
  });

  app.post('/referrals/:id/discuss', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    return decideThen(request, reply, id, 'discuss', (tx) => markForDiscussion(tx, id));
  });

  async function renderDecline(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, errors?: FormErrors) {
    const found = await request.data.run(async (tx) => {
      const referral = await findReferral(tx, id);
      return referral ? { referral, services: await activeRedirectServices(tx) } : undefined;
    });
    if (!found) throw new NotFoundError();
    const { referral, services } = found;
    if (!(OPEN_FOR_TRIAGE as readonly string[]).includes(referral.status)) return toReferral(reply, id, 'already-decided');
    return reply.render(DECLINE_PAGE, {
      pageTitle: `Decline referral ${referral.reference}`,
      backHref: `/referrals/${id}`,
      referral,
      name: displayName(referral),
      ratingTag: ratingTag(referral.rating),
      categories: Object.entries(DECLINE_CATEGORIES).map(([value, text]) => ({ value, text })),
      services,
      noRedirect: NO_REDIRECT,
      values,
      errors,
    });
  }

  app.get('/referrals/:id/decline', { config: MANAGERS }, async (request, reply) => renderDecline(request, reply, idFrom(request), {}));

  app.post('/referrals/:id/decline', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    const form = parseForm(declineForm, request.body);
    if (!form.ok) return renderDecline(request, reply.status(400), id, typedValues(request.body), form.errors);
    return decideThen(request, reply, id, 'declined', (tx) => declineReferral(tx, context.messenger, id, form.data));
  });

  app.post('/referrals/:id/acknowledge-red', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    const { from } = acknowledgeForm.parse(request.body ?? {});
    await request.data.run((tx) => acknowledgeRed(tx, id));
    return from === 'referral' ? toReferral(reply, id, 'acknowledged') : reply.redirect('/dashboard?notice=acknowledged', 303);
  });
}
