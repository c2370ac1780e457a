import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { ReferralStatus } from '../platform/db/tables/referrals.ts';
import { hashToken } from '../platform/auth/tokens.ts';

export interface TrackedReferral {
  org_id: string;
  scheme_name: string;
  scheme_slug: string;
  reference: string;
  status: ReferralStatus;
  submitted_at: Date;
  first_contact_at: Date | null;
  decline_reason: string | null;
  service_id: string | null;
  service_name: string | null;
  service_when_to_use: string | null;
  service_how_to_refer: 'link' | 'email' | 'form' | null;
  service_link_url: string | null;
  service_email: string | null;
  service_has_form: boolean | null;
}

/** A referral and its timeline by a working tracking link; undefined for an expired, revoked or unknown one. */
export async function trackReferral(tx: CallerTransaction, token: string) {
  const hash = hashToken(token);
  const found = await sql<TrackedReferral>`select * from tracked_referral(${hash})`.execute(tx.db);
  const referral = found.rows[0];
  if (!referral) return undefined;
  const events = await sql<{ kind: string; at: Date }>`select kind, at from tracked_referral_events(${hash})`.execute(tx.db);
  return { referral, events: events.rows };
}

/** What the referrer reads: the status in plain words, never the team's notes. */
export function statusFor(referral: TrackedReferral): { tag: { text: string; colour: string }; summary: string } {
  switch (referral.status) {
    case 'new':
    case 'discuss':
      return { tag: { text: 'Being looked at', colour: 'blue' }, summary: `${referral.scheme_name} has received the referral and is looking at it.` };
    case 'accepted':
      return referral.first_contact_at
        ? { tag: { text: 'First contact made', colour: 'green' }, summary: 'A link worker has been in touch with the young person.' }
        : { tag: { text: 'Accepted', colour: 'green' }, summary: 'The referral has been accepted. A link worker will get in touch with the young person.' };
    case 'declined':
      return { tag: { text: 'Not accepted', colour: 'orange' }, summary: `${referral.scheme_name} is not the right service for this referral.` };
    case 'closed':
      return { tag: { text: 'Closed', colour: 'grey' }, summary: `${referral.scheme_name} has closed this referral.` };
  }
}

// Timeline entries name what happened, never who did it or what was written about the young person.
const EVENT_LABELS: Record<string, string> = {
  received: 'Referral received',
  discussed: 'Discussed by the team',
  accepted: 'Referral accepted',
  declined: 'Referral not accepted',
  allocated: 'Link worker chosen',
  contact_attempt: 'Tried to get in touch',
  first_contact: 'First contact made',
  closed: 'Referral closed',
  // The same words as any other closure: why support ended is shared only by message, with consent.
  discharged: 'Referral closed',
};

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? 'Referral updated';
}
