import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { schemelessData } from '../refer/index.ts';
import { providerAnswerPath, readProviderView, recordProviderAnswer, type ProviderView } from './referral.ts';
import { providerAnswerForm, providerToken } from './schemas.ts';

/** The provider's private link: accept or decline a referral, without an account. */
export function providerAnswerRoutes(app: FastifyInstance, context: AppContext): void {
  // Public and throttled: a link is a secret, and guessing at them should be slow.
  const publicAndThrottled = { config: { public: true, rateLimit: { max: context.config.rateLimitPerMinute, timeWindow: '1 minute' } } };

  async function linkFrom(request: FastifyRequest): Promise<{ token: string; view: ProviderView | undefined }> {
    const parsed = providerToken.safeParse(request.params);
    if (!parsed.success) return { token: '', view: undefined };
    return { token: parsed.data.token, view: await schemelessData(context, request).run((tx) => readProviderView(tx, parsed.data.token)) };
  }

  /** Expired, unknown or already answered: said kindly, with nothing about the young person. */
  function closed(reply: FastifyReply, view: ProviderView | undefined) {
    reply.header('cache-control', 'no-store');
    if (view?.state === 'answered') {
      return reply.render('connections/views/provider-answered.njk', { pageTitle: 'Thank you for your answer', view });
    }
    return reply.status(410).render('connections/views/provider-gone.njk', { pageTitle: 'This link no longer works', schemeName: view?.scheme_name });
  }

  function answerPage(reply: FastifyReply, token: string, view: ProviderView, values: Record<string, unknown>, errors?: FormErrors) {
    reply.header('cache-control', 'no-store');
    return reply
      .status(errors ? 400 : 200)
      .render('connections/views/provider-answer.njk', { pageTitle: `A referral to ${view.service_name}`, action: providerAnswerPath(token), view, values, errors });
  }

  app.get('/provider-response/:token', publicAndThrottled, async (request, reply) => {
    const { token, view } = await linkFrom(request);
    if (view?.state !== 'open') return closed(reply, view);
    return answerPage(reply, token, view, {});
  });

  app.post('/provider-response/:token', publicAndThrottled, async (request, reply) => {
    const { token, view } = await linkFrom(request);
    if (view?.state !== 'open') return closed(reply, view);
    const form = parseForm(providerAnswerForm, request.body);
    if (!form.ok) return answerPage(reply, token, view, typedValues(request.body), form.errors);
    const recorded = await schemelessData(context, request).run((tx) => recordProviderAnswer(tx, token, form.data.answer, form.data.note));
    if (!recorded) request.log.warn('A provider answered a referral whose link had just stopped working');
    return reply.redirect(providerAnswerPath(token), 303);
  });
}
