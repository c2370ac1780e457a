import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { displayName } from '../young-people/index.ts';
import { daysWaiting, eligibility, ratingTag, referredBy, waitingText } from './presenters.ts';
import { schemeSettings, triageInbox } from './queries.ts';
import { renderReferral } from './referral-page.ts';
import { idFrom, MANAGERS } from './schemas.ts';
import { decisionRoutes } from './decision-routes.ts';
import { trackingLinkRoutes } from './tracking-link.ts';
import { registerTriageCount } from './navigation-count.ts';
import { catchmentFlags } from './catchment-check.ts';

export function triageRoutes(app: FastifyInstance, context: AppContext): void {
  registerTriageCount(app);
  app.get('/triage', { config: MANAGERS }, async (request, reply) => {
    const { referrals, settings } = await request.data.run(async (tx) => ({ referrals: await triageInbox(tx), settings: await schemeSettings(tx) }));
    const rows = referrals.map((referral) => ({
      ...referral,
      name: displayName(referral),
      ratingTag: ratingTag(referral.rating),
      referredBy: referredBy(referral),
      eligibility: eligibility(referral.date_of_birth, settings),
      catchment: catchmentFlags(referral, settings),
      waiting: waitingText(daysWaiting(referral.submitted_at)),
    }));
    return reply.render('triage/views/inbox.njk', {
      pageTitle: 'Triage',
      columnWidth: 'full',
      red: rows.filter((row) => row.rating === 'red'),
      others: rows.filter((row) => row.rating !== 'red'),
      settings,
    });
  });

  app.get('/referrals/:id', { config: MANAGERS }, async (request, reply) => renderReferral(request, reply, idFrom(request)));

  decisionRoutes(app, context);
  trackingLinkRoutes(app);
}
