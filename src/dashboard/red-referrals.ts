import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { referralRecord } from '../triage/index.ts';
import { startOfUkDay } from '../triage/index.ts';
import { displayName } from '../young-people/index.ts';

/**
 * Red referrals stay on the dashboard until a manager acknowledges them, whatever their status;
 * those acknowledged today stay too, marked, so the team can see who picked each one up.
 */
export async function redReferrals(tx: CallerTransaction, now = new Date()) {
  const rows = await tx.readPersonal({ action: 'list', recordType: 'referrals', identify: referralRecord }, (db) =>
    db
      .selectFrom('referrals as r')
      .leftJoin('users as ack', 'ack.id', 'r.red_acknowledged_by')
      .select([
        'r.id', 'r.reference', 'r.given_name', 'r.family_name', 'r.preferred_name', 'r.rating_reasons', 'r.submitted_at', 'r.young_person_id',
        'r.red_acknowledged_at', 'ack.name as acknowledged_by',
      ])
      .where('r.rating', '=', 'red')
      .where((eb) => eb.or([eb('r.red_acknowledged_at', 'is', null), eb('r.red_acknowledged_at', '>=', startOfUkDay(now))]))
      .orderBy('r.submitted_at')
      .execute(),
  );
  const presented = rows.map((row) => ({ ...row, name: displayName(row) }));
  return {
    waiting: presented.filter((row) => !row.red_acknowledged_at),
    acknowledgedToday: presented.filter((row) => row.red_acknowledged_at),
  };
}
