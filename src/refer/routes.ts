import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { withDateParts } from '../platform/http/date-field.ts';
import { NEEDS, REFERRER_TYPES, ROUTES } from '../domain/codes.ts';
import { RISK_ANSWERS } from '../referrals/index.ts';
import { saveDraft, startDraft, type Draft } from './drafts.ts';
import { isChanging, loadDraft, publicFormConfig, referPath } from './draft-pages.ts';
import { listPublicSchemes, schemeFrom, schemeSettings, type PublicScheme, type PublicSettings } from './schemes.ts';
import { AGREEMENT, CONTACT_SAFE, EQUALITY_QUESTIONS } from './schemas.ts';
import { ageToday, fieldsOf, nextAfter, previousBefore, outsideAgeSide, reachable, refusedAnswers, routeOf, STEPS, type Step } from './steps.ts';
import { riskQuestionsFor } from './wording.ts';
import { finishingRoutes } from './finish-routes.ts';
import { trackingRoutes } from './tracking-routes.ts';

function stepPage(step: Step, scheme: PublicScheme, settings: PublicSettings, draft: Draft, changing: boolean) {
  const route = routeOf(draft.answers);
  const self = route === 'self';
  const previous = previousBefore(step.key, route);
  return {
    pageTitle: step.title(self),
    heading: step.title(self),
    scheme,
    settings,
    self,
    route,
    action: referPath(scheme, step.key) + (changing ? '?change=1' : ''),
    backHref: changing ? referPath(scheme, 'check') : referPath(scheme, previous ?? ''),
    routes: settings.openRoutes.map((value) => ({ value, text: ROUTES[value] })),
    referrerTypes: Object.entries(REFERRER_TYPES).map(([value, text]) => ({ value, text })),
    needs: Object.entries(NEEDS).map(([value, text]) => ({ value, text })),
    contactSafe: Object.entries(CONTACT_SAFE).map(([value, text]) => ({ value, text: self ? `${text} me` : `${text} them` })),
    equality: EQUALITY_QUESTIONS,
    agreement: Object.entries(AGREEMENT).map(([value, text]) => ({ value, text })),
    riskQuestions: Object.entries(riskQuestionsFor(self, settings.riskQuestions)).map(([name, text]) => ({ name, text })),
    riskAnswers: Object.entries(RISK_ANSWERS).map(([value, text]) => ({ value, text })),
  };
}

function renderStep(reply: FastifyReply, step: Step, page: ReturnType<typeof stepPage>, values: Record<string, unknown>, errors?: FormErrors) {
  return reply.render(`refer/views/steps/${step.key}.njk`, { ...page, values, errors });
}

export function referRoutes(app: FastifyInstance, context: AppContext): void {
  const open = { public: true };
  const throttled = publicFormConfig(context);

  app.get('/refer', { config: open }, async (request, reply) => {
    const schemes = await listPublicSchemes(context, request);
    if (schemes.length === 1) return reply.redirect(referPath(schemes[0]!), 303);
    return reply.render('refer/views/schemes.njk', { pageTitle: 'Make a referral', schemes });
  });

  app.get('/refer/:slug', { config: open }, async (request, reply) => {
    const { scheme, data } = await schemeFrom(context, request);
    const settings = await data.run(schemeSettings);
    return reply.render('refer/views/start.njk', { pageTitle: `Refer a young person to ${scheme.name}`, scheme, settings, action: referPath(scheme, 'start') });
  });

  app.post('/refer/:slug/start', { config: throttled }, async (request, reply) => {
    const { scheme, data } = await schemeFrom(context, request);
    await data.run((tx) => startDraft(tx, request, reply, context));
    return reply.redirect(referPath(scheme, 'who'), 303);
  });

  for (const step of STEPS) {
    const path = `/refer/:slug/${step.key}`;

    /** The scheme, draft and settings for this step, or where to send someone who may not be here yet. */
    async function openStep(request: FastifyRequest) {
      const { scheme, data } = await schemeFrom(context, request);
      const loaded = await loadDraft(context, request, scheme, data);
      if ('redirect' in loaded) return { redirect: loaded.redirect };
      const access = reachable(step, loaded.draft.answers, loaded.settings);
      if (!access.ok) return { redirect: referPath(scheme, access.redirectTo) };
      return { scheme, data, draft: loaded.draft, settings: loaded.settings };
    }

    app.get(path, { config: open }, async (request, reply) => {
      const opened = await openStep(request);
      if (opened.redirect !== undefined) return reply.redirect(opened.redirect, 303);
      const { scheme, draft, settings } = opened;
      reply.header('cache-control', 'no-store');
      return renderStep(reply, step, stepPage(step, scheme, settings, draft, isChanging(request)), draft.answers[step.key] ?? {});
    });

    app.post(path, { config: throttled }, async (request, reply) => {
      const opened = await openStep(request);
      if (opened.redirect !== undefined) return reply.redirect(opened.redirect, 303);
      const { scheme, data, draft, settings } = opened;
      const changing = isChanging(request);
      const input = step.dateFields ? withDateParts(request.body, ...step.dateFields) : typedValues(request.body);
      const route = routeOf(draft.answers);
      const form = parseForm(step.form(route, settings), input);
      if (!form.ok) return renderStep(reply.status(400), step, stepPage(step, scheme, settings, draft, changing), input, form.errors);

      const answers = { ...draft.answers, [step.key]: fieldsOf(step, route, settings, input) };
      // A step answered again after an age refusal starts the referral over from there.
      delete answers.outsideAge;
      const newRoute = routeOf(answers);
      if (step.key === 'who' && newRoute !== route) {
        // Questions only one route asks would otherwise travel into a referral by another route.
        for (const stale of STEPS) if (stale.appliesTo && !stale.appliesTo(newRoute!)) delete answers[stale.key];
      }
      const side = step.key === 'young-person' ? outsideAgeSide(ageToday(String(form.data.dateOfBirth)), settings) : undefined;
      await data.run((tx) => saveDraft(tx, { ...draft, answers: side ? refusedAnswers(answers, side) : answers }));
      if (side) return reply.redirect(referPath(scheme, 'not-eligible'), 303);
      return reply.redirect(referPath(scheme, changing ? 'check' : nextAfter(step.key, newRoute)), 303);
    });
  }

  finishingRoutes(app, context);
  trackingRoutes(app, context);
}
