import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { withDateParts } from '../platform/http/date-field.ts';
import { schemelessData } from '../refer/index.ts';
import { STOP_REASONS } from './codes.ts';
import { providerAnswerPath, readProviderView, recordProviderAnswer, recordProviderStep, type ProviderView } from './referral.ts';
import { providerAnswerForm, providerStepForm, providerToken } from './schemas.ts';

/**
 * The provider's private link, without an account: answer the referral, then say when the young
 * person first came and whether they still come. The link lasts on a schedule, not one use.
 */
export function providerAnswerRoutes(app: FastifyInstance, context: AppContext): void {
  // Public and throttled: a link is a secret, and guessing at them should be slow.
  const publicAndThrottled = { config: { public: true, rateLimit: { max: context.config.rateLimitPerMinute, timeWindow: '1 minute' } } };

  async function linkFrom(request: FastifyRequest): Promise<{ token: string; view: ProviderView | undefined }> {
    const parsed = providerToken.safeParse(request.params);
    if (!parsed.success) return { token: '', view: undefined };
    return { token: parsed.data.token, view: await schemelessData(context, request).run((tx) => readProviderView(tx, parsed.data.token)) };
  }

  /** Nothing more to ask, expired or unknown: said kindly, with nothing about the young person. */
  function closed(reply: FastifyReply, view: ProviderView | undefined) {
    reply.header('cache-control', 'no-store');
    if (view?.state === 'closed') {
      return reply.render('connections/views/provider-answered.njk', { pageTitle: 'Thank you', view });
    }
    return reply.status(410).render('connections/views/provider-gone.njk', { pageTitle: 'This link no longer works', schemeName: view?.scheme_name });
  }

  function linkPage(request: FastifyRequest, reply: FastifyReply, token: string, view: ProviderView, values: Record<string, unknown>, errors?: FormErrors) {
    reply.header('cache-control', 'no-store');
    const answering = view.state === 'open';
    const notice = (request.query as { notice?: string } | undefined)?.notice === 'saved';
    return reply.status(errors ? 400 : 200).render(answering ? 'connections/views/provider-answer.njk' : 'connections/views/provider-progress.njk', {
      pageTitle: answering ? `A referral to ${view.service_name}` : `How ${view.first_name ?? 'they'} is getting on at ${view.service_name}`,
      action: providerAnswerPath(token),
      view,
      notice,
      stopReasons: Object.entries(STOP_REASONS).map(([value, text]) => ({ value, text })),
      values,
      errors,
    });
  }

  app.get('/provider-response/:token', publicAndThrottled, async (request, reply) => {
    const { token, view } = await linkFrom(request);
    if (!view || view.state === 'closed' || view.state === 'expired') return closed(reply, view);
    return linkPage(request, reply, token, view, {});
  });

  app.post('/provider-response/:token', publicAndThrottled, async (request, reply) => {
    const { token, view } = await linkFrom(request);
    if (!view || view.state === 'closed' || view.state === 'expired') return closed(reply, view);
    const input = withDateParts(request.body, 'onDate');
    const data = schemelessData(context, request);
    if (view.state === 'open') {
      const form = parseForm(providerAnswerForm, request.body);
      if (!form.ok) return linkPage(request, reply, token, view, typedValues(request.body), form.errors);
      const recorded = await data.run((tx) => recordProviderAnswer(tx, token, form.data.answer, form.data.note));
      if (!recorded) request.log.warn('A provider answered a referral whose link had just stopped working');
    } else {
      const form = parseForm(providerStepForm, input);
      if (!form.ok) return linkPage(request, reply, token, view, typedValues(input), form.errors);
      const recorded = await data.run((tx) => recordProviderStep(tx, token, form.data));
      if (!recorded) request.log.warn({ step: form.data.step }, 'A provider step did not fit where the connection is now');
    }
    return reply.redirect(`${providerAnswerPath(token)}?notice=saved`, 303);
  });
}
