import type { CallerTransaction } from '../platform/db/caller-data.ts';

export interface ReferralEvent {
  referralId: string;
  youngPersonId: string | null;
  /** Kinds referrers may see are listed in tracked_referral_events (migration 0005). */
  kind: string;
  summary: string;
  snomedCode?: string | null;
}

/** Adds a step to the referral's timeline, by the caller, in the caller's transaction. */
export async function recordReferralEvent(tx: CallerTransaction, event: ReferralEvent): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .insertInto('referral_events')
      .values({
        org_id: tx.caller.orgId,
        referral_id: event.referralId,
        young_person_id: event.youngPersonId,
        kind: event.kind,
        snomed_code: event.snomedCode ?? null,
        summary: event.summary,
        actor_user_id: tx.caller.userId,
      })
      .execute(),
  );
}
