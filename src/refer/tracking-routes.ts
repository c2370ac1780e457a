import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import { publicFormConfig } from './draft-pages.ts';
import { schemelessData } from './schemes.ts';
import { eventLabel, statusFor, trackReferral } from './tracking.ts';

const trackingParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** The referrer's private link: how the referral is going, without an account and without names. */
export function trackingRoutes(app: FastifyInstance, context: AppContext): void {
  // Throttled like the forms: a link is a secret, and guessing at them should be slow.
  app.get('/track/:token', { config: publicFormConfig(context) }, async (request, reply) => {
    const parsed = trackingParams.safeParse(request.params);
    const found = parsed.success ? await schemelessData(context, request).run((tx) => trackReferral(tx, parsed.data.token)) : undefined;
    // Kinder than the general "link expired" page: it says why links stop and what to do instead.
    if (!found) return reply.status(410).render('refer/views/track-gone.njk', { pageTitle: 'This tracking link no longer works' });
    const { referral, events } = found;
    reply.header('cache-control', 'no-store');
    return reply.render('refer/views/track.njk', {
      pageTitle: `Referral ${referral.reference}`,
      referral,
      status: statusFor(referral),
      events: events.map((event) => ({ text: eventLabel(event.kind), at: event.at })),
      formHref: referral.service_has_form ? `/refer/${referral.scheme_slug}/services/${referral.service_id}/form` : undefined,
    });
  });
}
