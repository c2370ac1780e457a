import type { FastifyInstance } from 'fastify';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { recordReferralEvent } from '../referrals/index.ts';
import { findReferral } from './queries.ts';
import { idFrom, MANAGERS } from './schemas.ts';

/**
 * A manager can stop a referrer's tracking link working (sent to the wrong person, or shared where
 * it should not be). It cannot be switched back on: a stopped link stays stopped.
 */
export async function stopTrackingLink(tx: CallerTransaction, id: string): Promise<void> {
  const referral = await findReferral(tx, id, 'stop_tracking_link');
  if (!referral) throw new NotFoundError();
  if (referral.tracking_revoked_at || !referral.tracking_token_hash) return;
  await tx.changePersonal((db) =>
    db.updateTable('referrals').set({ tracking_revoked_at: new Date(), updated_at: new Date() }).where('id', '=', id).where('tracking_revoked_at', 'is', null).execute(),
  );
  await recordReferralEvent(tx, { referralId: id, youngPersonId: referral.young_person_id, kind: 'tracking_link_stopped', summary: 'The referrer’s tracking link was stopped.' });
}

export type TrackingLinkState = { text: string; canStop: boolean };

export function trackingLinkState(referral: { tracking_token_hash: string | null; tracking_revoked_at: Date | null; tracking_expires_at: Date | null }, now = new Date()): TrackingLinkState {
  if (!referral.tracking_token_hash) return { text: 'No tracking link was made for this referral.', canStop: false };
  if (referral.tracking_revoked_at) return { text: 'Stopped: the link no longer works.', canStop: false };
  if (referral.tracking_expires_at && referral.tracking_expires_at <= now) return { text: 'Expired: the link no longer works.', canStop: false };
  return { text: 'Works: the referrer can see how the referral is going.', canStop: true };
}

export function trackingLinkRoutes(app: FastifyInstance): void {
  app.post('/referrals/:id/stop-tracking-link', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    await request.data.run((tx) => stopTrackingLink(tx, id));
    return reply.redirect(`/referrals/${id}?notice=tracking-stopped`, 303);
  });
}
