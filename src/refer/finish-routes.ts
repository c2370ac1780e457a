import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import type { SealPurpose } from '../platform/auth/secret-box.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { absoluteUrl } from '../platform/http/public-url.ts';
import { DRAFT_HOURS, draftHash, findDraft, saveDraft } from './drafts.ts';
import { checkAnswerSections } from './presenters.ts';
import { loadDraft, publicFormConfig, referPath } from './draft-pages.ts';
import { outsideAgeServices, redirectServiceForm, schemeFrom, schemeSettings, type PublicScheme } from './schemes.ts';
import { progressOf, refusedAnswers } from './steps.ts';
import { submitReferral, TRACKING_DAYS } from './submit.ts';

// The tracking link reaches the confirmation page without travelling in a web address (which logs
// and browser history keep): the submitting POST seals it into a short-lived cookie that only the
// confirmation page receives. It stays for a while so that a refresh does not lose it.
const SHOW_LINK_FOR_SECONDS = 30 * 60;
// Its own key, apart from invitation links.
const SEAL_PURPOSE: SealPurpose = 'referral-tracking-link';

function linkCookieName(context: AppContext): string {
  return context.config.secureCookies ? '__Secure-linkway_tracking' : 'linkway_tracking';
}

function linkCookieOptions(context: AppContext, scheme: PublicScheme) {
  return { httpOnly: true, sameSite: 'strict', secure: context.config.secureCookies, path: referPath(scheme, 'sent') } as const;
}

/** The tracking link sealed for this referral, if this browser has just sent it. */
function shownTrackingToken(request: FastifyRequest, context: AppContext, reference: string): string | undefined {
  const sealed = request.cookies[linkCookieName(context)];
  if (!sealed) return undefined;
  try {
    const [sealedReference, token] = context.secretBox.open(sealed, SEAL_PURPOSE).split(' ');
    return sealedReference === reference ? token : undefined;
  } catch {
    return undefined;
  }
}

const serviceParams = z.object({ slug: z.string(), id: z.uuid() });

export function finishingRoutes(app: FastifyInstance, context: AppContext): void {
  const open = { public: true };

  app.get('/refer/:slug/not-eligible', { config: open }, async (request, reply) => {
    const { scheme, data } = await schemeFrom(context, request);
    const loaded = await loadDraft(context, request, scheme, data);
    if ('redirect' in loaded) return reply.redirect(loaded.redirect, 303);
    const progress = progressOf(loaded.draft.answers, loaded.settings);
    if (progress.state !== 'outside_age') return reply.redirect(referPath(scheme, progress.state === 'incomplete' ? progress.step : 'check'), 303);
    const { draft } = loaded;
    const services = await data.run(async (tx) => {
      // A draft that fell outside the range after the scheme changed it still holds the answers.
      if (!draft.answers.outsideAge) await saveDraft(tx, { ...draft, answers: refusedAnswers(draft.answers, progress.side) });
      return outsideAgeServices(tx);
    });
    return reply.render('refer/views/not-eligible.njk', {
      pageTitle: 'We cannot take this referral',
      scheme,
      settings: loaded.settings,
      services,
      side: progress.side,
      self: draft.answers.who?.route === 'self',
      keptForHours: DRAFT_HOURS,
      backHref: referPath(scheme, 'young-person'),
    });
  });

  app.get('/refer/:slug/check', { config: open }, async (request, reply) => {
    const { scheme, data } = await schemeFrom(context, request);
    const loaded = await loadDraft(context, request, scheme, data);
    if ('redirect' in loaded) return reply.redirect(loaded.redirect, 303);
    const progress = progressOf(loaded.draft.answers, loaded.settings);
    if (progress.state === 'outside_age') return reply.redirect(referPath(scheme, 'not-eligible'), 303);
    // A step still to answer (say, after changing who is referring) is asked next, then back here.
    if (progress.state === 'incomplete') return reply.redirect(`${referPath(scheme, progress.step)}?change=1`, 303);
    reply.header('cache-control', 'no-store');
    return reply.render('refer/views/check.njk', {
      pageTitle: 'Check your answers before sending',
      scheme,
      settings: loaded.settings,
      self: progress.route === 'self',
      sections: checkAnswerSections(progress.route, progress.checked, scheme.slug, loaded.settings.riskQuestions),
      action: referPath(scheme, 'check'),
    });
  });

  app.post('/refer/:slug/check', { config: publicFormConfig(context) }, async (request, reply) => {
    const { scheme, data } = await schemeFrom(context, request);
    const submission = await data.run((tx) =>
      submitReferral(tx, {
        tokenHash: draftHash(request, context),
        scheme,
        messenger: context.messenger,
        trackingUrl: (token) => absoluteUrl(request, context.config, `/track/${token}`),
      }),
    );
    switch (submission.outcome) {
      case 'no_draft':
        return reply.redirect(referPath(scheme), 303);
      case 'incomplete':
        return reply.redirect(referPath(scheme, submission.step), 303);
      case 'already_sent':
        return reply.render('refer/views/already-sent.njk', { pageTitle: 'This referral has already been sent', scheme, reference: submission.reference });
      case 'sent':
        reply.setCookie(linkCookieName(context), context.secretBox.seal(`${submission.reference} ${submission.trackingToken}`, SEAL_PURPOSE), {
          ...linkCookieOptions(context, scheme),
          maxAge: SHOW_LINK_FOR_SECONDS,
        });
        return reply.redirect(referPath(scheme, 'sent'), 303);
    }
  });

  app.get('/refer/:slug/sent', { config: open }, async (request, reply) => {
    const { scheme, data } = await schemeFrom(context, request);
    const found = await data.run(async (tx) => {
      const draft = await findDraft(tx, draftHash(request, context));
      return draft?.answers.submittedReference ? { reference: draft.answers.submittedReference, settings: await schemeSettings(tx) } : undefined;
    });
    if (!found) return reply.redirect(referPath(scheme), 303);
    const token = shownTrackingToken(request, context, found.reference);
    // The page may hold a working tracking link: no browser or proxy may keep a copy.
    reply.header('cache-control', 'no-store');
    return reply.render('refer/views/sent.njk', {
      pageTitle: 'Referral sent',
      scheme,
      reference: found.reference,
      settings: found.settings,
      trackingUrl: token ? absoluteUrl(request, context.config, `/track/${token}`) : undefined,
      trackingDays: TRACKING_DAYS,
      startAgain: referPath(scheme),
    });
  });

  app.get('/refer/:slug/services/:id/form', { config: open }, async (request, reply) => {
    const { data } = await schemeFrom(context, request);
    const parsed = serviceParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const form = await data.run((tx) => redirectServiceForm(tx, parsed.data.id));
    if (!form?.form_file) throw new NotFoundError();
    return sendAttachment(reply, form.form_file, form.form_file_name ?? 'referral-form', form.form_content_type);
  });
}

/** A download, never shown in the page: the browser saves it whatever its type claims to be. */
function sendAttachment(reply: FastifyReply, file: Buffer, fileName: string, contentType: string | null): FastifyReply {
  const safeName = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 100) || 'referral-form';
  return reply
    .header('content-type', contentType && /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(fileName.slice(0, 100))}`)
    .send(file);
}
