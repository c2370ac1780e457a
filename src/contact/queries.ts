import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { Stage } from '../platform/db/schema.ts';
import type { ContactMethod, ContactOutcome } from '../platform/db/tables/referrals.ts';
import type { ContactPolicy } from '../domain/working-days.ts';

/** A referral row belongs to the young person it was matched to. */
const referralOf = (youngPersonId: string) => (row: { id: string }) => ({ recordId: row.id, youngPersonId });

export interface CurrentReferral {
  id: string;
  reference: string;
  route: string;
  status: string;
  referrer_email: string | null;
  referrer_wants_updates: boolean;
  submitted_at: Date;
  decided_at: Date | null;
  /** When a link worker was chosen, from the allocation's event on the timeline. */
  allocated_at: Date | null;
  first_contact_at: Date | null;
  closed_reason: string | null;
}

/**
 * The young person's most recent referral: the one contact attempts belong to. `lock` holds the
 * row until the transaction ends, so two attempts logged at once cannot both close the case.
 */
export async function currentReferralOf(tx: CallerTransaction, youngPersonId: string, action: string, lock = false): Promise<CurrentReferral | undefined> {
  return tx.readOnePersonal({ action, recordType: 'referrals', identify: referralOf(youngPersonId) }, (db) => {
    const query = db
      .selectFrom('referrals as r')
      .select(['r.id', 'r.reference', 'r.route', 'r.status', 'r.referrer_email', 'r.referrer_wants_updates', 'r.submitted_at', 'r.decided_at', 'r.first_contact_at', 'r.closed_reason'])
      .select((eb) =>
        eb
          .selectFrom('referral_events as e')
          .select((inner) => inner.fn.max('e.at').as('at'))
          .whereRef('e.referral_id', '=', 'r.id')
          .where('e.kind', '=', 'allocated')
          .as('allocated_at'),
      )
      .where('r.young_person_id', '=', youngPersonId)
      .orderBy('r.submitted_at', 'desc')
      .orderBy('r.id')
      .limit(1);
    // Only the referral row is locked; the events read beside it are not.
    return (lock ? query.forUpdate('r') : query).executeTakeFirst();
  });
}

export interface ContactAttemptRow {
  id: string;
  young_person_id: string;
  method: ContactMethod;
  outcome: ContactOutcome;
  note: string | null;
  attempted_at: Date;
  by_name: string | null;
}

export async function contactAttemptsOf(tx: CallerTransaction, referralId: string, action: string): Promise<ContactAttemptRow[]> {
  return tx.readPersonal({ action, recordType: 'contact_attempts', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('contact_attempts as a')
      .leftJoin('users as u', 'u.id', 'a.by_user_id')
      .select(['a.id', 'a.young_person_id', 'a.method', 'a.outcome', 'a.note', 'a.attempted_at', 'u.name as by_name'])
      .where('a.referral_id', '=', referralId)
      .orderBy('a.attempted_at')
      .orderBy('a.id')
      .execute(),
  );
}

export interface TimelineEvent {
  id: string;
  kind: string;
  snomed_code: string | null;
  summary: string;
  at: Date;
  actor_name: string | null;
}

/** Every event of the young person's referrals, newest first, including any from before they were matched. */
export async function timelineOf(tx: CallerTransaction, youngPersonId: string): Promise<TimelineEvent[]> {
  return tx.readPersonal({ action: 'view', recordType: 'referral_events', identify: (row) => ({ recordId: row.id, youngPersonId }) }, (db) =>
    db
      .selectFrom('referral_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.id', 'e.kind', 'e.snomed_code', 'e.summary', 'e.at', 'u.name as actor_name'])
      .where((eb) =>
        eb.or([
          eb('e.young_person_id', '=', youngPersonId),
          eb('e.referral_id', 'in', eb.selectFrom('referrals').select('id').where('young_person_id', '=', youngPersonId)),
        ]),
      )
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .execute(),
  );
}

export interface SchemeContactSettings {
  policy: ContactPolicy;
  firstContactTargetWorkingDays: number;
  schemeName: string;
}

export async function contactSettings(tx: CallerTransaction): Promise<SchemeContactSettings> {
  const row = await tx.db
    .selectFrom('scheme_settings as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select(['s.contact_attempts', 's.contact_window_working_days', 's.first_contact_target_working_days', 'o.name'])
    .where('s.org_id', '=', tx.caller.orgId)
    .executeTakeFirstOrThrow();
  return {
    policy: { attempts: row.contact_attempts, windowWorkingDays: row.contact_window_working_days },
    firstContactTargetWorkingDays: row.first_contact_target_working_days,
    schemeName: row.name,
  };
}

export async function recordAttempt(
  tx: CallerTransaction,
  attempt: { referralId: string; youngPersonId: string; method: ContactMethod; outcome: ContactOutcome; note: string },
): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .insertInto('contact_attempts')
      .values({
        org_id: tx.caller.orgId,
        referral_id: attempt.referralId,
        young_person_id: attempt.youngPersonId,
        method: attempt.method,
        outcome: attempt.outcome,
        note: attempt.note || null,
        by_user_id: tx.caller.userId,
      })
      .execute(),
  );
}

export async function setStage(tx: CallerTransaction, youngPersonId: string, stage: Stage): Promise<void> {
  await tx.changePersonal((db) => db.updateTable('young_people').set({ stage, updated_at: new Date() }).where('id', '=', youngPersonId).execute());
}

/** Only the first contact counts: a later "made contact" leaves the date as it was. */
export async function markFirstContact(tx: CallerTransaction, referralId: string, at: Date): Promise<boolean> {
  const result = await tx.changePersonal((db) =>
    db.updateTable('referrals').set({ first_contact_at: at, updated_at: at }).where('id', '=', referralId).where('first_contact_at', 'is', null).executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

export async function closeReferral(tx: CallerTransaction, referralId: string, closedReason: 'declined_by_young_person' | 'unable_to_contact'): Promise<void> {
  await tx.changePersonal((db) =>
    db.updateTable('referrals').set({ status: 'closed', closed_reason: closedReason, updated_at: new Date() }).where('id', '=', referralId).execute(),
  );
}
